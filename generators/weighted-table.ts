/** Weighted choice with precomputed cumulative weights: the hot path does one draw and a scan. */
import type { Random } from "../domain/index.ts";

/** A table of keys with weights, drawn from by one uniform number. */
export class WeightedTable<K> {
  readonly keys: readonly K[];
  private readonly cumulative: Float64Array;

  constructor(entries: ReadonlyArray<readonly [K, number]>) {
    if (entries.length === 0) throw new RangeError("a weighted table needs at least one entry");
    this.keys = entries.map(([k]) => k);
    this.cumulative = new Float64Array(entries.length);
    let total = 0;
    entries.forEach(([, w], i) => {
      if (!(w >= 0)) throw new RangeError(`weights must be non-negative, got ${w}`);
      total += w;
      this.cumulative[i] = total;
    });
    if (total <= 0) throw new RangeError("a weighted table needs a positive total weight");
    for (let i = 0; i < this.cumulative.length; i++) (this.cumulative[i] as number) /= total;
  }

  /** The index of the key whose cumulative share first exceeds the uniform `u` in [0, 1). */
  indexAt(u: number): number {
    const c = this.cumulative;
    for (let i = 0; i < c.length; i++) if (u < (c[i] as number)) return i;
    return c.length - 1;
  }

  /** The key whose cumulative share first exceeds the uniform `u` in [0, 1). */
  at(u: number): K {
    return this.keys[this.indexAt(u)] as K;
  }

  /** One key, drawn from `rng` with probability proportional to its weight. */
  pick(rng: Random): K {
    return this.at(rng.next());
  }
}
