/**
 * report.html: one self-contained page (inline CSS and SVG, no scripts, no network) a QA lead can
 * send to management. Every string that may come from a destination or a config is escaped.
 */
import type { OperationRecord, RunResult } from "../harness/run/run-result.ts";
import { escapeHtml as h } from "./escape.ts";
import { formatThreshold, formatValue } from "./format.ts";

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
  <td><code>${h(g.id)}</code><div class="muted">${h(g.description)}</div></td>
  <td>${h(g.severity)}</td><td>${h(formatValue(g))}</td><td>${h(formatThreshold(g))}</td>
  <td class="status">${g.status === "passed" ? "passed" : "FAILED"}</td>
  <td><details><summary>${h(truncate(g.evidence.summary, 120))}</summary><pre>${h(
    JSON.stringify(g.evidence.items ?? g.evidence.summary, null, 2),
  )}</pre></details></td>
</tr>`,
    )
    .join("\n");
  const scenarios = result.scenarios
    .map(
      (s) => `<section>
<h2>Scenario: ${h(s.name)}${s.complete ? "" : ' <span class="badge">incomplete</span>'}</h2>
<p>${h(s.description)}</p>
${s.operations.length > 0 ? latencyChart(s.operations) : ""}
${s.operations.length > 0 ? operationTable(s.operations) : ""}
<table><thead><tr><th>measurement</th><th>value</th></tr></thead><tbody>
${s.measurements.map((m) => `<tr><td><code>${h(m.name)}</code></td><td>${h(String(m.value))} ${h(m.unit === "count" ? "" : m.unit)}</td></tr>`).join("\n")}
</tbody></table>
${s.notes.map((n) => `<p class="note">${h(n)}</p>`).join("\n")}
</section>`,
    )
    .join("\n");
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
${scenarios}
<footer class="muted">Reproduce with <code>tranche run --profile ${h(result.profile)} --seed ${result.seed}</code>.</footer>
</body></html>
`;
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
