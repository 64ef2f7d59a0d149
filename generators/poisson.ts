/** Poisson counts: how many events of a given mean rate fall in a window. */
import type { Random } from "../domain/index.ts";

/** Poisson variate (Knuth's method below a mean of 30, the normal approximation above). */
export function poisson(rng: Random, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.normal()));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}
