/**
 * The canonical run result: every reporter renders from this and nothing else. Versioned: a
 * change that removes or retypes a field bumps RUN_RESULT_SCHEMA_VERSION.
 */
import type { GateResult, Severity } from "../gates/gate.ts";
import type { Verdict } from "../gates/verdict.ts";
import type { TimeWindow } from "../measure/replay-stats.ts";

export const RUN_RESULT_SCHEMA_VERSION = 1;

export interface MeasurementRecord {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

export type LatencyPercentiles = Readonly<
  Record<"p50" | "p90" | "p95" | "p99" | "p999" | "max" | "mean", number>
>;

export interface OperationRecord {
  readonly operation: string;
  readonly sent: number;
  readonly ok: number;
  readonly failures: Readonly<Record<string, number>>;
  readonly examples: ReadonlyArray<{
    readonly eventId: string;
    readonly kind: string;
    readonly message: string;
  }>;
  readonly latencyMs: LatencyPercentiles;
  readonly serviceTimeMs: LatencyPercentiles;
  /** Sends that left later than the late threshold behind their ready time. */
  readonly late?: number;
}

/** How faithfully a replay kept its schedule, and its time series. */
export interface ReplayRecord {
  readonly total: number;
  readonly sent: number;
  /** Events never sent (the run stopped first). */
  readonly unsent: number;
  /** Events sent later than `lateThresholdMs` behind their ready time. */
  readonly late: number;
  readonly lateThresholdMs: number;
  readonly scheduleLagMs: Readonly<Record<"p50" | "p99" | "max", number>>;
  /** Extra waits caused by per-subscriber ordering. */
  readonly orderingWaitMs: Readonly<Record<"count" | "p50" | "p99" | "max", number>>;
  readonly achievedRatePerSec: number;
  /** Why the replay stopped early, or null. */
  readonly abortReason: string | null;
  /** Per-operation ("*" for all) percentiles and throughput per window. */
  readonly timeSeries: readonly TimeWindow[];
}

export interface ScenarioResult {
  readonly name: string;
  readonly description: string;
  readonly complete: boolean;
  readonly measurements: readonly MeasurementRecord[];
  readonly operations: readonly OperationRecord[];
  readonly notes: readonly string[];
  /** Schedule fidelity and time series, for scenarios that replay traffic. */
  readonly replay?: ReplayRecord;
}

export interface RunResult {
  readonly schemaVersion: number;
  readonly runId: string;
  readonly harnessVersion: string;
  readonly seed: number;
  readonly refDate: string;
  readonly configFingerprint: string;
  readonly profile: string;
  readonly target: {
    readonly kind: string;
    readonly description: string;
    readonly defects: readonly string[];
  };
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly complete: boolean;
  readonly incompleteReason: string | null;
  readonly scenarios: readonly ScenarioResult[];
  readonly gates: readonly GateResult[];
  readonly verdict: Verdict;
  readonly score: number;
}

export type { GateResult, Severity, Verdict };
