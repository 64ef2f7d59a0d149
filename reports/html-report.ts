/**
 * report.html: one self-contained page (inline CSS and SVG, no scripts, no network) a QA lead can
 * send to management. Every string that may come from a destination or a config is escaped.
 */
import type { OperationRecord, ReportSection, RunResult, SuiteResult } from "../domain/index.ts";
import { escapeHtml as h } from "./escape.ts";
import { formatThreshold, formatValue, statusWord } from "./format.ts";

export const file = "report.html";

const VERDICT_COLOURS: Record<RunResult["verdict"], string> = {
  READY: "#1a7f37",
  "READY WITH FINDINGS": "#9a6700",
  "NOT READY": "#cf222e",
  INCOMPLETE: "#6e7781",
};

/** Renders the run result as a standalone HTML page. */
export function render(result: RunResult): string {
  const colour = VERDICT_COLOURS[result.verdict];
  const gateRows = result.gates
    .map(
      (g) => `<tr class="${g.status}">
  <td><code>${h(g.id)}</code><div class="muted">${h(g.description)}</div><div class="muted">suite ${h(g.suite)}${g.provenBy.length > 0 ? ` · proven by ${h(g.provenBy.join(", "))}` : ""}</div></td>
  <td>${h(g.severity)}</td><td>${h(formatValue(g))}</td><td>${h(formatThreshold(g))}</td>
  <td class="status">${statusWord(g)}</td>
  <td><details><summary>${h(truncate(g.evidence.summary, 120))}</summary><pre>${h(
    JSON.stringify(g.evidence.items ?? g.evidence.summary, null, 2),
  )}</pre></details></td>
</tr>`,
    )
    .join("\n");
  const suites = result.suites.map(suiteSection).join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tranche readiness — ${h(result.verdict)} — ${h(result.profile)}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1f2328}
h1{margin:.2rem 0}.verdict{display:inline-block;padding:.3rem .8rem;border-radius:6px;color:#fff;background:${colour};font-weight:600}
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border-bottom:1px solid #d0d7de;padding:.4rem;text-align:left;vertical-align:top}
tr.failed td.status{color:#cf222e;font-weight:700}tr.passed td.status{color:#1a7f37}.muted{color:#656d76;font-size:12px}
pre{white-space:pre-wrap;max-height:300px;overflow:auto;background:#f6f8fa;padding:.5rem}.meta code{background:#f6f8fa;padding:0 .3rem}
.badge{font-size:12px;background:#6e7781;color:#fff;border-radius:4px;padding:0 .4rem}.note{background:#fff8c5;padding:.4rem}
svg text{font:12px system-ui,sans-serif}
</style></head><body>
<header>
<div class="verdict" id="verdict">${h(result.verdict)}</div>
<h1>Tranche readiness report</h1>
<p class="meta">Profile <b>${h(result.profile)}</b> · target ${h(result.target.description)}${
    result.target.defects.length > 0 ? ` (defects: ${h(result.target.defects.join(", "))})` : ""
  } · score <b>${result.score}</b>/100<br>
seed <code id="seed">${result.seed}</code> · refDate <code>${h(result.refDate)}</code> · harness <code>${h(
    result.harnessVersion,
  )}</code> · config <code>${h(result.configFingerprint)}</code> · run <code>${h(result.runId)}</code><br>
started ${h(result.startedAt)} · finished ${h(result.finishedAt)}</p>
${result.complete ? "" : `<p class="note"><b>Incomplete run:</b> ${h(result.incompleteReason ?? "")}. Results are partial.</p>`}
</header>
<section><h2>Gates</h2>
<table id="gates"><thead><tr><th>gate</th><th>severity</th><th>measured</th><th>required</th><th>status</th><th>evidence</th></tr></thead>
<tbody>
${gateRows}
</tbody></table></section>
${suites}
<footer class="muted">Reproduce with <code>tranche run --profile ${h(result.profile)} --seed ${result.seed}</code>.</footer>
</body></html>
`;
}

const STATUS_BADGE: Record<SuiteResult["status"], string> = {
  complete: "",
  incomplete: ' <span class="badge">incomplete</span>',
  "not-run": ' <span class="badge">not run</span>',
};

function suiteSection(suite: SuiteResult): string {
  return `<section class="suite">
<h2>${h(suite.title)} <code>${h(suite.id)}</code>${STATUS_BADGE[suite.status]}${suite.required ? "" : ' <span class="badge">optional</span>'}</h2>
<p>${h(suite.description)}</p>
${suite.reason ? `<p class="note">${h(suite.reason)}</p>` : ""}
${suite.sections.map(renderSection).join("\n")}
${
  suite.measurements.length > 0
    ? `<table><thead><tr><th>measurement</th><th>value</th></tr></thead><tbody>
${suite.measurements.map((m) => `<tr><td><code>${h(m.name)}</code></td><td>${h(String(m.value))} ${h(m.unit === "count" ? "" : m.unit)}</td></tr>`).join("\n")}
</tbody></table>`
    : ""
}
${suite.notes.map((n) => `<p class="note">${h(n)}</p>`).join("\n")}
</section>`;
}

/** Any report section, by kind: reporters never branch on a suite's id. */
function renderSection(section: ReportSection): string {
  const heading = `<h3>${h(section.title)}</h3>${section.description ? `<p class="muted">${h(section.description)}</p>` : ""}`;
  switch (section.kind) {
    case "replay": {
      const r = section.replay;
      return `${heading}
${section.operations.length > 0 ? latencyChart(section.operations) : ""}
${section.operations.length > 0 ? operationTable(section.operations) : ""}
<p class="muted">Schedule: sent ${r.sent} of ${r.total} (unsent ${r.unsent}), ${r.late} late by more than ${r.lateThresholdMs} ms, schedule lag p99 ${r.scheduleLagMs.p99} ms, ${r.orderingWaitMs.count} ordering waits, ${r.achievedRatePerSec} events/s achieved${r.abortReason ? `; stopped: ${h(r.abortReason)}` : ""}.</p>`;
    }
    case "table":
      return `${heading}
<table class="section-table"><thead><tr>${section.columns.map((c) => `<th>${h(c.label)}${c.unit ? ` (${h(c.unit)})` : ""}</th>`).join("")}</tr></thead><tbody>
${section.rows.map((row) => `<tr>${section.columns.map((c) => `<td>${h(cellText(row[c.key]))}</td>`).join("")}</tr>`).join("\n")}
</tbody></table>${section.totalRows > section.rows.length ? `<p class="muted">${section.rows.length} of ${section.totalRows} rows shown.</p>` : ""}`;
    case "timeseries":
      return `${heading}
<table class="section-table"><thead><tr><th>${h(section.xLabel)}</th>${section.series.map((s) => `<th>${h(s.name)} (${h(s.unit)})</th>`).join("")}</tr></thead><tbody>
${section.x.map((x, i) => `<tr><td>${x}</td>${section.series.map((s) => `<td>${h(cellText(s.values[i] ?? null))}</td>`).join("")}</tr>`).join("\n")}
</tbody></table>`;
    case "checklist":
      return `${heading}
<table class="section-table"><thead><tr><th>requirement</th><th>source</th><th>result</th><th>evidence</th></tr></thead><tbody>
${section.items.map((item) => `<tr class="${item.result === "fail" ? "failed" : "passed"}"><td>${h(item.requirement)}</td><td>${h(item.source)}</td><td class="status">${h(item.result)}</td><td>${h(item.evidence)}</td></tr>`).join("\n")}
</tbody></table>`;
  }
}

function cellText(value: string | number | boolean | null | undefined): string {
  return value === null || value === undefined ? "—" : String(value);
}

function operationTable(operations: readonly OperationRecord[]): string {
  const rows = operations
    .map((op) => {
      const failed = Object.entries(op.failures)
        .map(([k, v]) => `${k}: ${v}`)
        .join(", ");
      const l = op.latencyMs;
      const s = op.serviceTimeMs;
      return `<tr><td>${h(op.operation)}</td><td>${op.sent}</td><td>${op.ok}</td><td>${h(failed || "0")}</td><td>${l.p50}</td><td>${l.p95}</td><td>${l.p99}</td><td>${l.max}</td><td>${s.p99}</td></tr>`;
    })
    .join("\n");
  return `<table><thead><tr><th>operation</th><th>sent</th><th>ok</th><th>failed</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th><th>max ms</th><th>service p99 ms</th></tr></thead><tbody>
${rows}
</tbody></table>`;
}

/** Horizontal bars of p50/p95/p99 latency per operation, log-free linear scale to the largest p99. */
function latencyChart(operations: readonly OperationRecord[]): string {
  const width = 720;
  const labelWidth = 130;
  const rowHeight = 42;
  const max = Math.max(1, ...operations.map((o) => o.latencyMs.p99));
  const scale = (v: number) => Math.max(1, Math.round(((width - labelWidth - 90) * v) / max));
  const bars = operations
    .map((op, i) => {
      const y = i * rowHeight + 8;
      const series: Array<[string, number, string]> = [
        ["p99", op.latencyMs.p99, "#cf222e"],
        ["p95", op.latencyMs.p95, "#bf8700"],
        ["p50", op.latencyMs.p50, "#0969da"],
      ];
      return `<text x="0" y="${y + 18}">${h(op.operation)}</text>${series
        .map(
          ([name, v, c], j) =>
            `<rect x="${labelWidth}" y="${y + j * 11}" width="${scale(v)}" height="9" fill="${c}"><title>${name} ${v} ms</title></rect>`,
        )
        .join(
          "",
        )}<text x="${labelWidth + scale(op.latencyMs.p99) + 6}" y="${y + 9}">${op.latencyMs.p99} ms</text>`;
    })
    .join("\n");
  const height = operations.length * rowHeight + 24;
  return `<figure><svg role="img" aria-label="latency percentiles per operation" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
${bars}
<text x="${labelWidth}" y="${height - 4}" fill="#656d76">bars: p50 (blue), p95 (amber), p99 (red), from intended send time</text>
</svg></figure>`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
