/** summary.md: the verdict, the gates and the per-operation latencies, for a PR comment or an email. */
import type { RunResult } from "../harness/run/run-result.ts";
import { escapeMarkdownCell as cell } from "./escape.ts";
import { formatThreshold, formatValue } from "./format.ts";

export const file = "summary.md";

/** Renders the run result as Markdown. */
export function render(result: RunResult): string {
  const lines = [
    `# Tranche readiness: ${result.verdict}`,
    "",
    `Profile **${result.profile}** against ${cell(result.target.description)} — score ${result.score}/100.`,
    "",
    `Seed \`${result.seed}\` · refDate \`${result.refDate}\` · harness ${result.harnessVersion} · config \`${result.configFingerprint}\` · run \`${result.runId}\``,
    "",
  ];
  if (!result.complete)
    lines.push(
      `> **Incomplete run** — ${cell(result.incompleteReason ?? "")}. Results below are partial.`,
      "",
    );
  lines.push("## Gates", "", "| gate | severity | measured | required | status |", "|---|---|---|---|---|");
  for (const g of result.gates) {
    lines.push(
      `| ${cell(g.id)} | ${g.severity} | ${cell(formatValue(g))} | ${cell(formatThreshold(g))} | ${g.status === "passed" ? "✅ passed" : "❌ failed"} |`,
    );
  }
  const failed = result.gates.filter((g) => g.status === "failed");
  if (failed.length > 0) {
    lines.push("", "## Findings", "");
    for (const g of failed) lines.push(`- **${cell(g.id)}** (${g.severity}): ${cell(g.evidence.summary)}`);
  }
  for (const scenario of result.scenarios) {
    lines.push("", `## Scenario: ${scenario.name}`, "", cell(scenario.description), "");
    if (scenario.operations.length > 0) {
      lines.push(
        "| operation | sent | ok | failed | p50 ms | p95 ms | p99 ms | max ms |",
        "|---|---|---|---|---|---|---|---|",
      );
      for (const op of scenario.operations) {
        const failedCount = Object.values(op.failures).reduce((a, b) => a + b, 0);
        const l = op.latencyMs;
        lines.push(
          `| ${cell(op.operation)} | ${op.sent} | ${op.ok} | ${failedCount} | ${l.p50} | ${l.p95} | ${l.p99} | ${l.max} |`,
        );
      }
    }
    const replay = scenario.replay;
    if (replay) {
      lines.push(
        "",
        `Schedule: sent ${replay.sent} of ${replay.total} (unsent ${replay.unsent}), ${replay.late} late by more than ${replay.lateThresholdMs} ms, schedule lag p99 ${replay.scheduleLagMs.p99} ms, ${replay.orderingWaitMs.count} ordering waits (p99 ${replay.orderingWaitMs.p99} ms), ${replay.achievedRatePerSec} events/s achieved.`,
      );
    }
    for (const note of scenario.notes) lines.push("", `> ${cell(note)}`);
  }
  return `${lines.join("\n")}\n`;
}
