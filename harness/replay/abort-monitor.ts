/**
 * abortOnFail: gates evaluated while the replay runs, as k6's `abortOnFail` with
 * `delayAbortEval`. Once a gate's delay has passed, it is checked every second against the live
 * statistics; the first failure stops the replay with a reason naming the gate, and the run's
 * report says it was stopped. Gates over scenario measurements (e.g. `state_mismatches`) exist
 * only at the end of a scenario, so they are never checked live.
 */
import { evaluateGate, type GateSpec, gateExpressionOf } from "../gates/gate.ts";
import { replayMetrics } from "../measure/replay-metrics.ts";
import type { LiveReplay, ReplayOptions } from "./open-model-replay.ts";

/** Default delay before an abortOnFail gate is first evaluated: early percentiles are noise. */
export const DEFAULT_ABORT_DELAY_MS = 10_000;

/** A replay monitor for the abortOnFail gates among `gates`, or undefined when there are none. */
export function createAbortMonitor(
  gates: readonly GateSpec[],
  everyMs = 1000,
): ReplayOptions["monitor"] | undefined {
  const live = gates.filter((g) => {
    if (!g.abortOnFail) return false;
    const expr = gateExpressionOf(g);
    return expr !== null && expr.target.kind === "stat";
  });
  if (live.length === 0) return undefined;
  const empty = new Map();
  return {
    everyMs,
    check(replay: LiveReplay) {
      const elapsedMs = replay.elapsedMs;
      const metrics = replayMetrics({ collector: replay.collector, elapsedMs });
      for (const gate of live) {
        if (elapsedMs < (gate.abortDelayMs ?? DEFAULT_ABORT_DELAY_MS)) continue;
        const result = evaluateGate(gate, empty, metrics);
        if (result.status === "failed" && result.value !== null) {
          return `gate "${gate.id}" failed at ${(elapsedMs / 1000).toFixed(1)} s with abortOnFail: ${result.measurement} = ${result.value}${result.unit === "count" ? "" : result.unit}, required ${result.expression.split(" ").slice(1).join(" ")}`;
        }
      }
      return null;
    },
  };
}
