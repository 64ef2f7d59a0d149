/** summary.md: the verdict, the gates and the per-operation latencies, for a PR comment or an email. */
import type { ReportSection, RunResult } from "../domain/index.ts";
import { escapeMarkdownCell as cell } from "./escape.ts";
import { formatThreshold, formatValue, statusWord } from "./format.ts";

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
      `| ${cell(g.id)} | ${g.severity} | ${cell(formatValue(g))} | ${cell(formatThreshold(g))} | ${statusWord(g, "emoji")} |`,
    );
  }
  const failed = result.gates.filter((g) => g.status === "failed");
  if (failed.length > 0) {
    lines.push("", "## Findings", "");
    for (const g of failed) lines.push(`- **${cell(g.id)}** (${g.severity}): ${cell(g.evidence.summary)}`);
  }
  for (const suite of result.suites) {
    const status = suite.status === "complete" ? "" : ` — ${suite.status}`;
    lines.push("", `## ${cell(suite.title)} (\`${suite.id}\`)${status}`, "", cell(suite.description));
    if (suite.reason) lines.push("", `> ${cell(suite.reason)}`);
    for (const section of suite.sections) lines.push("", ...sectionLines(section));
    for (const note of suite.notes) lines.push("", `> ${cell(note)}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Any report section as Markdown, by kind. */
function sectionLines(section: ReportSection): string[] {
  const lines = [`### ${cell(section.title)}`, ""];
  switch (section.kind) {
    case "replay": {
      lines.push(
        "| operation | sent | ok | failed | p50 ms | p95 ms | p99 ms | max ms |",
        "|---|---|---|---|---|---|---|---|",
      );
      for (const op of section.operations) {
        const failedCount = Object.values(op.failures).reduce((a, b) => a + b, 0);
        const l = op.latencyMs;
        lines.push(
          `| ${cell(op.operation)} | ${op.sent} | ${op.ok} | ${failedCount} | ${l.p50} | ${l.p95} | ${l.p99} | ${l.max} |`,
        );
      }
      const r = section.replay;
      lines.push(
        "",
        `Schedule: sent ${r.sent} of ${r.total} (unsent ${r.unsent}), ${r.late} late by more than ${r.lateThresholdMs} ms, schedule lag p99 ${r.scheduleLagMs.p99} ms, ${r.orderingWaitMs.count} ordering waits (p99 ${r.orderingWaitMs.p99} ms), ${r.achievedRatePerSec} events/s achieved.`,
      );
      return lines;
    }
    case "table":
      lines.push(
        `| ${section.columns.map((c) => cell(c.label)).join(" | ")} |`,
        `|${section.columns.map(() => "---").join("|")}|`,
        ...section.rows.map(
          (row) => `| ${section.columns.map((c) => cell(String(row[c.key] ?? "—"))).join(" | ")} |`,
        ),
      );
      if (section.totalRows > section.rows.length)
        lines.push("", `${section.rows.length} of ${section.totalRows} rows shown.`);
      return lines;
    case "timeseries":
      lines.push(
        `| ${cell(section.xLabel)} | ${section.series.map((s) => `${cell(s.name)} (${cell(s.unit)})`).join(" | ")} |`,
        `|---|${section.series.map(() => "---").join("|")}|`,
        ...section.x.map(
          (x, i) => `| ${x} | ${section.series.map((s) => String(s.values[i] ?? "—")).join(" | ")} |`,
        ),
      );
      return lines;
    case "checklist":
      lines.push("| requirement | source | result | evidence |", "|---|---|---|---|");
      for (const item of section.items) {
        lines.push(
          `| ${cell(item.requirement)} | ${cell(item.source)} | ${item.result} | ${cell(item.evidence)} |`,
        );
      }
      return lines;
  }
}
