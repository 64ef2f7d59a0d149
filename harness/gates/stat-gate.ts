/**
 * Field-form gates read as expressions: the built-in profiles write latency and error gates as
 * fields over scenario measurements; where such a measurement is a replay statistic, the same gate
 * can be evaluated on live or per-step statistics (capacity steps, k6 thresholds).
 */
import type { GateSpec } from "./gate.ts";

/**
 * A field-form gate over a replay latency or error measurement as the equivalent expression gate
 * (`latency_p99_ms.activation < 800` → `p(99) < 800ms` for activation), so profiles written with
 * fields still decide capacity steps; any other gate is returned as it is.
 */
export function asStatGate(gate: GateSpec): GateSpec {
  if (gate.expression !== undefined || gate.measurement === undefined) return gate;
  const latency = /^latency_p(\d+)_ms(?:\.([a-z_]+))?$/.exec(gate.measurement);
  if (latency) {
    const digits = latency[1] as string;
    const percentile =
      digits.length > 2 ? Number(`${digits.slice(0, 2)}.${digits.slice(2)}`) : Number(digits);
    return {
      ...gate,
      expression: `p(${percentile}) ${gate.comparator} ${gate.threshold}ms`,
      ...(latency[2] ? { operation: latency[2] } : {}),
    };
  }
  if (gate.measurement === "error_rate_pct") {
    return { ...gate, expression: `rate(errors) ${gate.comparator} ${gate.threshold}%` };
  }
  return gate;
}
