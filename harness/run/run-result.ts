/**
 * The canonical run result: every reporter renders from this and nothing else. Versioned: a
 * change that removes or retypes a field bumps RUN_RESULT_SCHEMA_VERSION.
 */
import type { GateResult, Severity } from "../gates/gate.ts";
import type { Verdict } from "../gates/verdict.ts";

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
}

export interface ScenarioResult {
  readonly name: string;
  readonly description: string;
  readonly complete: boolean;
  readonly measurements: readonly MeasurementRecord[];
  readonly operations: readonly OperationRecord[];
  readonly notes: readonly string[];
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
