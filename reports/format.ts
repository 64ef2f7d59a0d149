/** Small shared formatting of run-result values for the human-readable reporters. */
import type { GateResult, RunResult } from "../domain/index.ts";

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

/**
 * Why the run got its verdict, in one sentence: the incomplete reason, the first failed blocker,
 * the first finding, or that every evaluated gate passed.
 */
export function verdictReason(result: RunResult): string {
  const failed = result.gates.filter((g) => g.status === "failed");
  const describe = (g: GateResult) =>
    `${g.id} (${g.description}): measured ${formatValue(g)}, required ${formatThreshold(g)}`;
  if (result.verdict === "INCOMPLETE" || !result.complete) {
    return `Run incomplete: ${result.incompleteReason ?? "a required suite did not complete"}.`;
  }
  const blocker = failed.find((g) => g.severity === "blocker");
  if (blocker) return `Blocker failed: ${describe(blocker)}.`;
  const first = failed[0];
  if (first) {
    return `${failed.length} finding${failed.length > 1 ? "s" : ""} (no blocker failed); first: ${describe(first)}.`;
  }
  const evaluated = result.gates.filter((g) => g.status === "passed" || g.status === "failed").length;
  const skipped = result.gates.length - evaluated;
  return `All ${evaluated} evaluated gate${evaluated === 1 ? "" : "s"} passed${skipped > 0 ? ` (${skipped} skipped)` : ""}.`;
}

/** Gates grouped by the suite they read, in suite order (gates of a suite not in the run last). */
export function gatesBySuite(
  result: RunResult,
): Array<{ suite: string; title: string; gates: GateResult[] }> {
  const groups = result.suites.map((s) => ({
    suite: s.id,
    title: s.title,
    gates: result.gates.filter((g) => g.suite === s.id),
  }));
  const known = new Set(result.suites.map((s) => s.id));
  for (const gate of result.gates) {
    if (known.has(gate.suite)) continue;
    let group = groups.find((g) => g.suite === gate.suite);
    if (!group) {
      group = { suite: gate.suite, title: gate.suite, gates: [] };
      groups.push(group);
    }
    group.gates.push(gate);
  }
  return groups.filter((g) => g.gates.length > 0);
}

/** A measurement's value with its unit, for text: `12 ms`, `0.5%`, `3`. */
export function formatMeasured(value: number, unit: string): string {
  if (unit === "count") return String(value);
  if (unit === "%") return `${value}%`;
  return `${value} ${unit}`;
}
