/**
 * What a gate expression reads: statistics over the whole run or over sliding time windows, per
 * operation or over all. The replay provides one (harness/measure/replay-metrics.ts); gates stay
 * pure functions over whatever source they are given.
 */

/** Statistic names of the gate language (k6 threshold names where k6 has one). */
export type StatName = "p" | "avg" | "med" | "min" | "max" | "rate" | "count" | "throughput";

export interface StatQuery {
  readonly stat: StatName;
  /** Percentile for `p` (e.g. 99), outcome name for `rate` / `count` (e.g. "errors"). */
  readonly arg?: number | string;
  /** An operation (event type); all operations when absent. */
  readonly operation?: string;
}

export interface MetricSource {
  /** How long the measured run lasted, in ms (windows given as a share of the run use it). */
  readonly durationMs: number;
  /** The statistic over the whole run, or undefined when the run did not measure it. */
  value(query: StatQuery): number | undefined;
  /**
   * The statistic over every sliding window of `windowMs` (stepping by the base window), in time
   * order; a run shorter than one window yields one value over the whole run.
   */
  windows(query: StatQuery, windowMs: number): readonly number[] | undefined;
}

/**
 * Outcome names `rate()` and `count()` accept, with the failure kinds each one covers. `errors` are
 * failures without an answer the contract allows (5xx, timeouts, resets, refused connections): a
 * 4xx is judged by the shadow model (a refusal the contract requires is not an error), an answer
 * that breaks the schema is a contract violation, a write not sent after a failed activation is
 * consequential.
 */
export const OUTCOMES: Readonly<Record<string, readonly string[]>> = {
  errors: ["timeout", "reset", "http_5xx", "refused"],
  no_identity: ["no_identity"],
  timeouts: ["timeout"],
  resets: ["reset"],
  http_5xx: ["http_5xx"],
  http_4xx: ["http_4xx"],
  unparseable: ["unparseable"],
  refused: ["refused"],
  late: [],
  unsent: [],
  sent: [],
  completed: [],
};
