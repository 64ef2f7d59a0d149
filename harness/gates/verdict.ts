/**
 * Verdict and score (DESIGN.md): NOT READY if any blocker fails, READY WITH FINDINGS if only majors
 * or minors fail, READY otherwise; an incomplete run has no readiness verdict. Skipped gates (their
 * suite did not run) count for neither. The score is the weighted share of passed gates among the
 * evaluated ones, 0–100, for trends only.
 */
import type { GateResult, Verdict } from "../../domain/index.ts";

export type { Verdict };

/**
 * The verdict of a set of gate results. An indeterminate gate (a latency measured while the harness
 * was late) leaves the run INCOMPLETE unless a blocker failed, which is a finding either way.
 */
export function verdictOf(gates: readonly GateResult[], complete: boolean): Verdict {
  if (!complete) return "INCOMPLETE";
  const failed = gates.filter((g) => g.status === "failed");
  if (failed.some((g) => g.severity === "blocker")) return "NOT READY";
  if (gates.some((g) => g.status === "indeterminate")) return "INCOMPLETE";
  if (failed.length > 0) return "READY WITH FINDINGS";
  return "READY";
}

/** Weighted share of passed gates among evaluated ones, 0–100, one decimal. */
export function scoreOf(gates: readonly GateResult[]): number {
  let total = 0;
  let passed = 0;
  for (const gate of gates) {
    if (gate.status === "skipped" || gate.status === "indeterminate") continue;
    total += gate.weight;
    if (gate.status === "passed") passed += gate.weight;
  }
  return total === 0 ? 0 : Math.round((passed / total) * 1000) / 10;
}

/** Process exit code for a verdict (0 ready, 1 not ready, 3 incomplete). */
export function exitCodeOf(verdict: Verdict, strict: boolean): number {
  switch (verdict) {
    case "READY":
      return 0;
    case "READY WITH FINDINGS":
      return strict ? 1 : 0;
    case "NOT READY":
      return 1;
    case "INCOMPLETE":
      return 3;
  }
}
