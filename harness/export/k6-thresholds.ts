/**
 * Gates translated to k6 thresholds. The exported script records Tranche's own metrics
 * (`tranche_latency` from intended send time, `tranche_failures` and `tranche_events` as Counters)
 * and k6's own `http_req_failed`, with 4xx declared expected so that it counts exactly the
 * deliveries without an answer the contract allows (none, or 5xx; a 4xx is an answer the shadow
 * model judges), all tagged by operation (Tranche's metrics as `op`, k6's requests as `name`), so a
 * gate scoped to an operation becomes a threshold on the tagged sub-metric, e.g.
 * `tranche_latency{op:activation}` or `http_req_failed{name:activation}`. Two thresholds are
 * always added: every event answered (`tranche_unsent` == 0) and no iteration dropped at
 * `maxDuration` (`dropped_iterations` == 0), so a run that did not send everything fails (exit 99).
 * Gates k6 cannot express (windowed aggregates, drift, state checks) are returned separately and
 * listed in the README, never dropped silently. In a distributed run k6 evaluates thresholds per
 * runner: only thresholds that hold for the whole when they hold for every part are kept there
 * (throughput and non-zero counts are Tranche's, over the merged outputs).
 */
import { type GateSpec, gateExpressionOf } from "../gates/gate.ts";
import { formatDurationMs, type GateExpression } from "../gates/gate-expression.ts";
import { asStatGate } from "../gates/stat-gate.ts";

/** One k6 threshold entry: `'p(99)<800'` or the object form with abortOnFail. */
export type K6Threshold =
  | string
  | { readonly threshold: string; readonly abortOnFail: true; readonly delayAbortEval: string };

export interface K6Thresholds {
  /** Metric key (with tag filter) → thresholds, as k6's `options.thresholds`. */
  readonly thresholds: Record<string, K6Threshold[]>;
  /** Gates evaluated by Tranche only, with the reason k6 cannot. */
  readonly untranslated: ReadonlyArray<{ readonly id: string; readonly reason: string }>;
}

const LATENCY_STATS = new Set(["p", "avg", "med", "min", "max"]);

/** The thresholds every export carries: nothing unsent, nothing dropped. */
export const COMPLETENESS_THRESHOLDS: Readonly<Record<string, K6Threshold[]>> = {
  tranche_unsent: ["count==0"],
  dropped_iterations: ["count==0"],
};

/** Translates gates to k6 thresholds (pure); `distributed` keeps only those that hold per runner. */
export function k6ThresholdsOf(
  gates: readonly GateSpec[],
  options: { readonly distributed?: boolean } = {},
): K6Thresholds {
  const thresholds: Record<string, K6Threshold[]> = {};
  const untranslated: Array<{ id: string; reason: string }> = [];
  for (const written of gates) {
    // Field-form latency and error gates become thresholds too (`latency_p99_ms < 800` → `p(99)<800`).
    const gate = asStatGate(written);
    const expr = gateExpressionOf(gate);
    const translated = expr ? translate(expr) : null;
    if (!translated) {
      untranslated.push({ id: gate.id, reason: reasonOf(gate, expr) });
      continue;
    }
    if (options.distributed && !holdsPerRunner(expr as GateExpression)) {
      untranslated.push({
        id: gate.id,
        reason: `${translated.metric} ${translated.threshold} of one runner says nothing about the whole; Tranche evaluates it over the merged outputs`,
      });
      continue;
    }
    // k6's own http_req_failed carries the operation in its request tag `name`; Tranche's metrics in `op`.
    const tag = translated.metric === "http_req_failed" ? "name" : "op";
    const key = gate.operation ? `${translated.metric}{${tag}:${gate.operation}}` : translated.metric;
    const entry: K6Threshold = gate.abortOnFail
      ? {
          threshold: translated.threshold,
          abortOnFail: true,
          delayAbortEval: formatDurationMs(gate.abortDelayMs ?? 10_000),
        }
      : translated.threshold;
    const list = thresholds[key] ?? [];
    list.push(entry);
    thresholds[key] = list;
  }
  for (const [metric, list] of Object.entries(COMPLETENESS_THRESHOLDS)) thresholds[metric] = [...list];
  return { thresholds, untranslated };
}

/** Whether a threshold that holds on every runner's part holds on the whole (latency, error rates, zero counts). */
function holdsPerRunner(expr: GateExpression): boolean {
  if (expr.target.kind !== "stat") return false;
  const { stat } = expr.target.query;
  if (stat === "throughput") return false;
  if (stat === "count") return expr.threshold === 0 || (expr.comparator === "<" && expr.threshold <= 1);
  return true;
}

function translate(expr: GateExpression): { metric: string; threshold: string } | null {
  if (expr.window || expr.target.kind !== "stat") return null;
  const { stat, arg } = expr.target.query;
  const cmp = expr.comparator;
  const value = Math.round(expr.threshold * 1e6) / 1e6;
  if (LATENCY_STATS.has(stat)) {
    return { metric: "tranche_latency", threshold: `${stat === "p" ? `p(${arg})` : stat}${cmp}${value}` };
  }
  if (stat === "rate" && arg === "errors")
    return { metric: "http_req_failed", threshold: `rate${cmp}${value}` };
  if (stat === "count" && arg === "errors")
    return { metric: "tranche_failures", threshold: `count${cmp}${value}` };
  if (stat === "throughput") return { metric: "tranche_events", threshold: `rate${cmp}${value}` };
  return null;
}

function reasonOf(gate: GateSpec, expr: GateExpression | null): string {
  if (!expr) return `reads the suite measurement "${gate.measurement}", which only Tranche computes`;
  if (expr.window) return `${expr.window.aggregate}() over time windows has no k6 threshold equivalent`;
  if (expr.target.kind === "measurement") {
    return `reads the suite measurement "${expr.target.name}" (shadow model / run bookkeeping), which only Tranche computes`;
  }
  return `${expr.target.query.stat}(${expr.target.query.arg ?? ""}) is measured by Tranche's engine only`;
}
