/** The verdict table `tranche run` prints: plain text, no colour codes, fits a CI log. */
import type { RunResult } from "../domain/index.ts";
import { formatThreshold, formatValue, verdictReason } from "./format.ts";

/** Renders the verdict and gates as an aligned text table. */
export function renderVerdictTable(result: RunResult): string {
  const header = ["gate", "severity", "measured", "required", "status"];
  const rows = result.gates.map((g) => [
    g.id,
    g.severity,
    formatValue(g),
    formatThreshold(g),
    { passed: "pass", failed: "FAIL", skipped: "skip", indeterminate: "INDET" }[g.status],
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  const out = [
    `Verdict: ${result.verdict}   score ${result.score}/100   profile ${result.profile}   seed ${result.seed}`,
    `Reason:  ${verdictReason(result)}`,
    `Target:  ${result.target.description}`,
  ];
  if (!result.complete) out.push(`Incomplete: ${result.incompleteReason}`);
  out.push("", line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line));
  const failed = result.gates.filter((g) => g.status === "failed");
  if (failed.length > 0) {
    out.push("", "Findings:");
    for (const g of failed) out.push(`  ${g.id}: ${g.evidence.summary}`);
  }
  return `${out.join("\n")}\n`;
}
