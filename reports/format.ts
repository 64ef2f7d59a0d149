/** Small shared formatting of run-result values for the human-readable reporters. */
import type { GateResult } from "../domain/index.ts";

/** A gate's measured value with its unit, or "not measured". */
export function formatValue(gate: GateResult): string {
  if (gate.value === null) return "not measured";
  return gate.unit === "count"
    ? String(gate.value)
    : `${gate.value}${gate.unit === "%" ? "%" : ` ${gate.unit}`}`;
}

/** A gate's threshold as `< 800 ms`. */
export function formatThreshold(gate: GateResult): string {
  const unit = gate.unit === "count" ? "" : gate.unit === "%" ? "%" : ` ${gate.unit}`;
  const comparator = gate.expression.split(" ")[1] ?? "";
  return `${comparator} ${gate.threshold}${unit}`;
}
