/**
 * Field-form gates read as expressions: the built-in profiles write latency and error gates as
 * fields over suite measurements; where such a measurement is a replay statistic, the same gate
 * can be evaluated on live or per-step statistics (capacity steps, k6 thresholds).
 */
import type { GateSpec } from "./gate.ts";
import { parseGateExpression } from "./gate-expression.ts";

/**
 * A field-form gate over a replay latency or error measurement as the equivalent expression gate
 * (`provisioning.replay.latency_p99_ms.activation < 800` → `p(99) < 800ms` for activation over the
 * statistics of suite `provisioning.replay`), so profiles written with
 * fields still decide capacity steps; any other gate is returned as it is.
 */
export function asStatGate(gate: GateSpec): GateSpec {
  if (gate.expression !== undefined || gate.measurement === undefined) return gate;
  const latency = /^(.+)\.latency_p(\d+)_ms(?:\.([a-z_]+))?$/.exec(gate.measurement);
  if (latency) {
    const digits = latency[2] as string;
    const percentile =
      digits.length > 2 ? Number(`${digits.slice(0, 2)}.${digits.slice(2)}`) : Number(digits);
    return {
      ...gate,
      expression: `p(${percentile}) ${gate.comparator} ${gate.threshold}ms`,
      suite: latency[1] as string,
      ...(latency[3] ? { operation: latency[3] } : {}),
    };
  }
  const errors = /^(.+)\.error_rate_pct$/.exec(gate.measurement);
  if (errors) {
    return {
      ...gate,
      expression: `rate(errors) ${gate.comparator} ${gate.threshold}%`,
      suite: errors[1] as string,
    };
  }
  return gate;
}

/** Whether a gate reads a latency (so a late harness makes it indeterminate). */
export function isLatencyGate(gate: GateSpec): boolean {
  const stat = asStatGate(gate);
  if (stat.expression === undefined) return false;
  try {
    return parseGateExpression(stat.expression, stat.id).quantity === "latency";
  } catch {
    return false;
  }
}
