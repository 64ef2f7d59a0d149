/**
 * Seeded randomness. Every random choice in Tranche comes from here: record `i` of stream `s` under
 * seed `seed` is a pure function of `(seed, s, i)`, so output never depends on chunking, worker
 * count or the order in which records are produced (the Synthea / faker habit).
 *
 * The generator is sfc32 (Small Fast Counting, 128-bit state), seeded per record by a 32-bit
 * avalanche mix of seed, stream hash and index. It is fast enough to seed one per record.
 */

/** A normalized seed: the two 32-bit halves of a non-negative integer below 2^53. */
export interface Seed {
  readonly value: number;
  readonly hi: number;
  readonly lo: number;
}

/** Parses and validates a seed (non-negative safe integer). Throws RangeError otherwise. */
export function toSeed(value: number): Seed {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`seed must be a non-negative integer below 2^53, got ${value}`);
  }
  return { value, hi: Math.floor(value / 0x1_0000_0000) >>> 0, lo: value >>> 0 };
}

/** FNV-1a 32-bit hash of a string: names streams so that adding a stream never shifts another. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3 fmix32 finalizer: full avalanche of a 32-bit word. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A seeded source of random values for one record. */
export class Random {
  // State lives in an Int32Array: plain fields holding 32-bit values outside the small-integer
  // range get boxed by V8, which made seeding one generator per record several times slower.
  private readonly s: Int32Array;

  constructor(a: number, b: number, c: number, d: number) {
    this.s = new Int32Array(4);
    this.reset(a, b, c, d);
  }

  /** Restarts this source from a new state, as `new Random(a, b, c, d)` would start. */
  reset(a: number, b: number, c: number, d: number): this {
    this.s[0] = a;
    this.s[1] = b;
    this.s[2] = c;
    this.s[3] = d;
    // Discard the first outputs: sfc32 needs a few rounds to decorrelate nearby seeds.
    for (let i = 0; i < 12; i++) this.uint32();
    return this;
  }

  /** Next raw 32-bit unsigned integer. */
  uint32(): number {
    const s = this.s;
    const a = s[0] as number;
    const b = s[1] as number;
    const c = s[2] as number;
    const d = s[3] as number;
    const t = (((a + b) | 0) + d) | 0;
    s[3] = d + 1;
    s[0] = b ^ (b >>> 9);
    s[1] = c + (c << 3);
    s[2] = ((c << 21) | (c >>> 11)) + t;
    return t >>> 0;
  }

  /** Uniform float in [0, 1) with 53 bits of precision. */
  next(): number {
    const hi = this.uint32() >>> 5;
    const lo = this.uint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  bool(p: number): boolean {
    return this.next() < p;
  }

  /** Uniform index in [0, length): the draw `pick` makes. */
  index(length: number): number {
    return Math.floor(this.next() * length);
  }

  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("pick from an empty list");
    return items[this.index(items.length)] as T;
  }

  /** One key of a weight table, with probability proportional to its weight. */
  weighted<K extends string | number>(weights: ReadonlyArray<readonly [K, number]>): K {
    let total = 0;
    for (const [, w] of weights) total += w;
    let r = this.next() * total;
    for (const [key, w] of weights) {
      r -= w;
      if (r < 0) return key;
    }
    const last = weights[weights.length - 1];
    if (!last) throw new RangeError("weighted pick from an empty table");
    return last[0];
  }

  /** Standard normal variate (Box–Muller). */
  normal(): number {
    let u = this.next();
    while (u === 0) u = this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal variate with the given median and shape sigma. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Exponential variate with the given mean. */
  exponential(mean: number): number {
    let u = this.next();
    while (u === 0) u = this.next();
    return -Math.log(u) * mean;
  }

  /** String of `length` decimal digits (leading zeros allowed). */
  digits(length: number): string {
    let out = "";
    for (let i = 0; i < length; i++) out += String.fromCharCode(48 + (this.uint32() % 10));
    return out;
  }
}

/** A named stream of records under one seed. */
export interface RandomStream {
  readonly seed: Seed;
  readonly name: string;
  /**
   * The random source of record `index` of this stream: same (seed, stream, index) → same values.
   * With `reuse`, that source is reset and returned instead of a new one (hot loops allocate none).
   */
  record(index: number, reuse?: Random): Random;
}

/** Creates the stream `name` under `seed`. */
export function createStream(seed: number | Seed, name: string): RandomStream {
  const s = typeof seed === "number" ? toSeed(seed) : seed;
  const streamHash = hashString(name);
  // The per-stream half of each record's seed mix, computed once.
  const k1 = mix32(s.lo ^ mix32(streamHash ^ 0x9e3779b9));
  return {
    seed: s,
    name,
    record(index: number, reuse?: Random): Random {
      const idxLo = index >>> 0;
      const idxHi = Math.floor(index / 0x1_0000_0000) >>> 0;
      const k2 = mix32(s.hi ^ mix32(idxHi + 0x7f4a7c15));
      const a = mix32(k1 ^ idxLo);
      const b = mix32(k2 ^ mix32(idxLo + 0x632be59b));
      const c = mix32(k1 + k2 + idxLo);
      const d = mix32(streamHash ^ mix32(idxLo ^ 0x85157af5) ^ s.lo);
      return reuse ? reuse.reset(a, b, c, d) : new Random(a, b, c, d);
    },
  };
}
