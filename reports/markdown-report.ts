/**
 * summary.md: the verdict with its reason, the gates by suite and the findings, fit for a
 * pull-request comment (GitHub-flavoured Markdown, well under a comment's size limit); the suites'
 * sections follow in a collapsed block. Destination and config text is escaped so it renders as
 * text: no raw HTML, no links (not even bare URLs), no emphasis.
 */
import type { GateResult, ReportSection, RunResult } from "../domain/index.ts";
import { escapeMarkdownCell as cell } from "./escape.ts";
import { formatMeasured, formatThreshold, formatValue, gatesBySuite, verdictReason } from "./format.ts";

export const file = "summary.md";

/** Rows a section table shows before it says how many more there are (keeps a PR comment short). */
const MAX_ROWS = 20;

const VERDICT_MARK: Record<RunResult["verdict"], string> = {
  READY: "✅",
  "READY WITH FINDINGS": "⚠️",
  "NOT READY": "❌",
  INCOMPLETE: "⏸",
};

const STATUS_MARK: Record<GateResult["status"], string> = {
  passed: "✅ passed",
  failed: "❌ failed",
  skipped: "⏭ skipped",
  indeterminate: "❔ indeterminate",
};

/** Renders the run result as Markdown. */
export function render(result: RunResult): string {
  const lines = [
    `# Tranche readiness: ${result.verdict} ${VERDICT_MARK[result.verdict]}`,
    "",
    `**${cell(verdictReason(result))}**`,
    "",
    `Profile **${cell(result.profile)}** against ${cell(result.target.description)}${
      result.target.defects.length > 0 ? ` (defects: ${cell(result.target.defects.join(", "))})` : ""
    } — score ${result.score}/100.`,
    "",
    `Seed \`${result.seed}\` · refDate \`${cell(result.refDate)}\` · harness ${cell(result.harnessVersion)} · config \`${cell(result.configFingerprint)}\` · run \`${cell(result.runId)}\``,
  ];
  if (result.certificate) lines.push("", `Certificate SHA-256 \`${cell(result.certificate.fingerprint)}\``);
  lines.push("");
  if (!result.complete)
    lines.push(
      `> **Incomplete run** — ${cell(result.incompleteReason ?? "")}. Results below are partial.`,
      "",
    );
  lines.push(
    "## Gates",
    "",
    "| suite | gate | severity | measured | required | status |",
    "|---|---|---|---|---|---|",
  );
  for (const group of gatesBySuite(result)) {
    for (const g of group.gates) {
      lines.push(
        `| ${cell(group.suite)} | ${cell(g.id)} | ${g.severity} | ${cell(formatValue(g))} | ${cell(formatThreshold(g))} | ${STATUS_MARK[g.status]} |`,
      );
    }
  }
  const failed = result.gates.filter((g) => g.status === "failed");
  if (failed.length > 0) {
    lines.push("", "## Findings", "");
    for (const g of failed) {
      const proof = g.provenBy.length > 0 ? ` Proven by ${cell(g.provenBy.join(", "))}.` : "";
      lines.push(
        `- **${cell(g.id)}** (${g.severity}, ${cell(g.suite)}): ${cell(g.evidence.summary)}.${proof}`,
      );
    }
  }
  lines.push("", "## Suites", "", "| suite | status | note |", "|---|---|---|");
  for (const suite of result.suites) {
    lines.push(
      `| ${cell(suite.title)} (${cell(suite.id)}) | ${suite.status}${suite.required ? "" : ", optional"} | ${cell(suite.reason ?? "")} |`,
    );
  }
  lines.push("", "<details><summary>Suite details</summary>", "");
  for (const suite of result.suites) {
    lines.push(`### ${cell(suite.title)} (${cell(suite.id)})`, "", cell(suite.description));
    for (const note of suite.notes) lines.push("", `> ${cell(note)}`);
    for (const section of suite.sections) lines.push("", ...sectionLines(section));
    if (suite.measurements.length > 0) {
      lines.push("", "| measurement | value |", "|---|---|");
      for (const m of suite.measurements)
        lines.push(`| ${cell(m.name)} | ${cell(formatMeasured(m.value, m.unit))} |`);
    }
    lines.push("");
  }
  lines.push("</details>", "");
  return `${lines.join("\n")}`;
}

function more(shown: number, total: number): string[] {
  return total > shown ? ["", `${shown} of ${total} rows shown.`] : [];
}

/** Any report section as Markdown, by kind. */
function sectionLines(section: ReportSection): string[] {
  const lines = [`#### ${cell(section.title)}`, ""];
  if (section.description) lines.push(cell(section.description), "");
  switch (section.kind) {
    case "replay": {
      const r = section.replay;
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
      const kinds = new Map<string, number>();
      for (const op of section.operations)
        for (const [k, v] of Object.entries(op.failures)) kinds.set(k, (kinds.get(k) ?? 0) + v);
      lines.push(
        "",
        `Schedule: sent ${r.sent} of ${r.total} (unsent ${r.unsent}), ${r.achievedRatePerSec} events/s achieved${
          r.targetRatePerSec !== null ? ` of ${r.targetRatePerSec} planned` : ""
        }, schedule lag p99 ${r.scheduleLagMs.p99} ms, ${r.late} late by more than ${r.lateThresholdMs} ms, ${r.orderingWaitMs.count} ordering waits (p99 ${r.orderingWaitMs.p99} ms).${
          r.abortReason ? ` Stopped: ${cell(r.abortReason)}.` : ""
        }`,
      );
      if (kinds.size > 0)
        lines.push("", `Errors by kind: ${[...kinds].map(([k, v]) => `${cell(k)} ${v}`).join(", ")}.`);
      return lines;
    }
    case "table":
      lines.push(
        `| ${section.columns.map((c) => cell(c.unit ? `${c.label} (${c.unit})` : c.label)).join(" | ")} |`,
        `|${section.columns.map(() => "---").join("|")}|`,
        ...section.rows
          .slice(0, MAX_ROWS)
          .map((row) => `| ${section.columns.map((c) => cell(String(row[c.key] ?? "—"))).join(" | ")} |`),
        ...more(Math.min(MAX_ROWS, section.rows.length), section.totalRows),
      );
      return lines;
    case "timeseries":
      lines.push(
        `| ${cell(section.xLabel)} | ${section.series.map((s) => `${cell(s.name)} (${cell(s.unit)})`).join(" | ")} |`,
        `|---|${section.series.map(() => "---").join("|")}|`,
        ...section.x
          .slice(0, MAX_ROWS)
          .map((x, i) => `| ${x} | ${section.series.map((s) => String(s.values[i] ?? "—")).join(" | ")} |`),
        ...more(Math.min(MAX_ROWS, section.x.length), section.x.length),
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
