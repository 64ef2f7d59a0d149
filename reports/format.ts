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

/** A gate's status as a word: passed, FAILED, skipped, indeterminate. */
export function statusWord(gate: GateResult, style: "plain" | "short" | "emoji" = "plain"): string {
  const words = {
    plain: { passed: "passed", failed: "FAILED", skipped: "skipped", indeterminate: "indeterminate" },
    short: { passed: "pass", failed: "FAIL", skipped: "skip", indeterminate: "INDET" },
    emoji: {
      passed: "✅ passed",
      failed: "❌ failed",
      skipped: "⏭ skipped",
      indeterminate: "❔ indeterminate",
    },
  } as const;
  return words[style][gate.status];
}
