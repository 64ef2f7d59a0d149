/**
 * What a run tells an observer as it goes (`tranche run --serve` streams these to its live page as
 * server-sent events): the plan at the start, each suite's start, progress and end, the replay's
 * time-series windows as they close, every gate as it settles, and the verdict at the end.
 * Plain data, so it crosses a process or a network boundary as JSON.
 */
import type { GateResult, RunResult, Severity, SuiteStatus, TimeWindow } from "./run-result.ts";

export type RunEvent =
  | {
      readonly type: "run-start";
      readonly runId: string;
      readonly profile: string;
      readonly seed: number;
      readonly harnessVersion: string;
      readonly configFingerprint: string;
      readonly target: string;
      readonly suites: ReadonlyArray<{
        readonly id: string;
        readonly title: string;
        readonly required: boolean;
      }>;
      readonly gates: ReadonlyArray<{
        readonly id: string;
        readonly suite: string;
        readonly severity: Severity;
        readonly description: string;
      }>;
    }
  | { readonly type: "suite-start"; readonly suite: string }
  | {
      readonly type: "progress";
      readonly suite: string;
      readonly label: string;
      readonly done: number;
      readonly total: number;
    }
  | { readonly type: "window"; readonly suite: string; readonly point: TimeWindow }
  | {
      readonly type: "suite-end";
      readonly suite: string;
      readonly status: SuiteStatus;
      readonly reason: string | null;
    }
  | { readonly type: "gate"; readonly gate: GateResult }
  | {
      readonly type: "run-end";
      readonly verdict: RunResult["verdict"];
      readonly score: number;
      readonly complete: boolean;
      readonly incompleteReason: string | null;
    }
  | {
      /** Sent by the CLI once the reports are written. */
      readonly type: "reports";
      readonly verdict: RunResult["verdict"];
      readonly reason: string;
      readonly folder: string;
    };

export type RunObserver = (event: RunEvent) => void;
