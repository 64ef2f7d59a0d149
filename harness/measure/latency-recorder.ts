/**
 * Latency recording in HDR histograms (microsecond resolution, 3 significant digits), one per
 * operation. Percentiles are read from the histogram, never from a sampled list, so a 1 s stall
 * among 100,000 fast calls still shows in p99.99.
 */
import hdr from "hdr-histogram-js";

export interface LatencySummary {
  readonly count: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
  readonly maxMs: number;
}

export interface LatencyRecorder {
  /** Records one duration in milliseconds (fractions kept to the microsecond). */
  record(ms: number): void;
  /** Value at percentile p (0–100) in milliseconds; 0 when empty. */
  percentile(p: number): number;
  readonly count: number;
  summary(): LatencySummary;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** A new empty recorder. */
export function createLatencyRecorder(): LatencyRecorder {
  const histogram = hdr.build({
    bitBucketSize: 64,
    lowestDiscernibleValue: 1,
    highestTrackableValue: 3_600_000_000,
    numberOfSignificantValueDigits: 3,
    autoResize: true,
  });
  const percentile = (p: number) =>
    histogram.totalCount === 0 ? 0 : histogram.getValueAtPercentile(p) / 1000;
  return {
    record(ms: number) {
      histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
    },
    percentile,
    get count() {
      return histogram.totalCount;
    },
    summary() {
      const empty = histogram.totalCount === 0;
      return {
        count: histogram.totalCount,
        meanMs: empty ? 0 : round3(histogram.mean / 1000),
        p50Ms: round3(percentile(50)),
        p90Ms: round3(percentile(90)),
        p95Ms: round3(percentile(95)),
        p99Ms: round3(percentile(99)),
        p999Ms: round3(percentile(99.9)),
        maxMs: empty ? 0 : round3(histogram.maxValue / 1000),
      };
    },
  };
}
