/**
 * Percentiles over Monte Carlo runs, by the nearest-rank rule on the sorted values: p90 is a value
 * some run actually produced, and never below p50 (the order statistics are sorted).
 */

/** p10 / p50 / p90 and the mean of a set of run outcomes. */
export interface Spread {
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
  readonly mean: number;
}

/** The value at percentile `p` (0 < p <= 1) of ascending `sorted`, nearest rank. */
export function percentileOf(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1] as number;
}

/** The spread of `values` (NaN entries ignored), each figure rounded to `digits` decimals. */
export function spreadOf(values: ArrayLike<number>, digits = 2): Spread {
  const kept: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isNaN(v)) kept.push(v);
  }
  const sorted = Float64Array.from(kept).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  const round = (v: number) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : v);
  return {
    p10: round(percentileOf(sorted, 0.1)),
    p50: round(percentileOf(sorted, 0.5)),
    p90: round(percentileOf(sorted, 0.9)),
    mean: round(sorted.length === 0 ? Number.NaN : sum / sorted.length),
  };
}
