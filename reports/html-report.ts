/**
 * report.html: one self-contained page a QA lead can send to management — a verdict banner with
 * its reason, the gates grouped by suite (severity, value, threshold, evidence, proving defect),
 * and every suite's report sections rendered by kind, with time-series charts drawn by the inlined
 * uPlot. No network request: styles, library and data are in the file. Every string that may come
 * from a destination or a config is escaped. Reads on a phone; prints to PDF (evidence opened).
 */
import type { GateResult, RunResult, SuiteResult } from "../domain/index.ts";
import { escapeHtml as h } from "./escape.ts";
import { formatMeasured, formatThreshold, formatValue, gatesBySuite, verdictReason } from "./format.ts";
import { ChartSet, chartScripts, uplotAssets } from "./html-charts.ts";
import { renderSection } from "./html-sections.ts";
import { CSP_META, PAGE_CSS, VERDICT_COLOURS } from "./html-style.ts";

export const file = "report.html";

/** Renders the run result as a standalone HTML page. */
export function render(result: RunResult): string {
  const charts = new ChartSet();
  const suites = result.suites.map((suite, i) => suiteHtml(suite, i, charts)).join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${CSP_META}
<title>Tranche readiness — ${h(result.verdict)} — ${h(result.profile)}</title>
<style>${uplotAssets().css}</style>
<style>${PAGE_CSS}</style>
</head><body>
${banner(result)}
<h1>Tranche ${result.certificate ? "certification" : "readiness"} report</h1>
${metaHtml(result)}
<nav class="toc no-print">Contents: <a href="#gates">Gates</a>${result.suites
    .map((s, i) => `<a href="#suite-${i + 1}">${h(s.title)}</a>`)
    .join("")}</nav>
${gatesHtml(result)}
${suites}
<footer class="muted"><p>Reproduce with <code>tranche run --profile ${h(result.profile)} --seed ${result.seed} --ref-date ${h(
    result.refDate,
  )}</code> and the same config (fingerprint <code>${h(result.configFingerprint)}</code>).</p></footer>
${chartScripts(charts)}
</body></html>
`;
}

/** The verdict, coloured, with the reason it was reached. */
export function banner(result: RunResult): string {
  return `<header class="banner" style="background:${VERDICT_COLOURS[result.verdict]}">
<div class="verdict" id="verdict">${h(result.verdict)}</div>
<p id="verdict-reason">${h(verdictReason(result))}</p>
<p>Score ${result.score}/100 · profile ${h(result.profile)} · seed ${result.seed}</p>
</header>`;
}

function metaHtml(result: RunResult): string {
  const item = (label: string, value: string, id?: string) =>
    `<div><dt>${h(label)}</dt><dd${id ? ` id="${id}"` : ""}>${value}</dd></div>`;
  const items = [
    item("target", h(result.target.description)),
    item("target kind", h(result.target.kind)),
    item("defects", result.target.defects.length > 0 ? h(result.target.defects.join(", ")) : "none"),
    item("seed", `<code id="seed">${result.seed}</code>`),
    item("reference date", `<code>${h(result.refDate)}</code>`),
    item("harness", `<code>${h(result.harnessVersion)}</code>`),
    item("config fingerprint", `<code>${h(result.configFingerprint)}</code>`),
    item("run", `<code>${h(result.runId)}</code>`),
    item("started", h(result.startedAt)),
    item("finished", h(result.finishedAt)),
    item("target capabilities", h(result.target.capabilities.join(", ") || "none")),
  ];
  if (result.certificate) {
    items.push(
      item("certificate SHA-256", `<code id="fingerprint">${h(result.certificate.fingerprint)}</code>`),
    );
  }
  return `<dl class="meta">${items.join("")}</dl>${
    result.complete
      ? ""
      : `<p class="note"><b>Incomplete run:</b> ${h(result.incompleteReason ?? "")}. Results are partial.</p>`
  }`;
}

const STATUS_TEXT: Record<GateResult["status"], string> = {
  passed: "passed",
  failed: "FAILED",
  skipped: "skipped",
  indeterminate: "indeterminate",
};

function gateRow(g: GateResult): string {
  const items = g.evidence.items ?? [];
  const evidence =
    items.length > 0
      ? `<details><summary>${h(g.evidence.summary)}</summary><pre>${h(JSON.stringify(items, null, 2))}</pre></details>`
      : h(g.evidence.summary);
  return `<tr class="${g.status}">
<td data-label="gate"><code>${h(g.id)}</code><div class="muted">${h(g.description)}</div><div class="muted">${h(g.expression)}</div></td>
<td data-label="severity"><span class="sev ${g.severity}">${g.severity}</span></td>
<td data-label="measured" class="num">${h(formatValue(g))}</td>
<td data-label="required" class="num">${h(formatThreshold(g))}</td>
<td data-label="status" class="status">${STATUS_TEXT[g.status]}</td>
<td data-label="evidence">${evidence}</td>
<td data-label="proven by">${g.provenBy.length > 0 ? h(g.provenBy.join(", ")) : "—"}</td>
</tr>`;
}

function gatesHtml(result: RunResult): string {
  const count = (status: GateResult["status"]) => result.gates.filter((g) => g.status === status).length;
  const groups = gatesBySuite(result)
    .map(
      (group) => `<h3>${h(group.title)} <code>${h(group.suite)}</code></h3>
<div class="scroll"><table class="gates cards"><thead><tr><th>gate</th><th>severity</th><th>measured</th><th>required</th><th>status</th><th>evidence</th><th>proven by</th></tr></thead><tbody>
${group.gates.map(gateRow).join("\n")}
</tbody></table></div>`,
    )
    .join("\n");
  return `<section id="gates"><h2>Gates</h2>
<p class="muted">${result.gates.length} gates: ${count("passed")} passed, ${count("failed")} failed, ${count("skipped")} skipped, ${count("indeterminate")} indeterminate (measured while the harness itself was late). "Proven by" names the defect of the reference destination shown to make the gate fail.</p>
${groups}
</section>`;
}

const SUITE_BADGE: Record<SuiteResult["status"], string> = {
  complete: "",
  incomplete: ' <span class="badge">incomplete</span>',
  "not-run": ' <span class="badge">not run</span>',
};

function suiteHtml(suite: SuiteResult, index: number, charts: ChartSet): string {
  const measurements =
    suite.measurements.length > 0
      ? `<details><summary>Measurements (${suite.measurements.length})</summary><div class="scroll"><table><thead><tr><th>measurement</th><th>value</th><th>evidence</th></tr></thead><tbody>
${suite.measurements
  .map(
    (m) =>
      `<tr><td><code>${h(m.name)}</code></td><td class="num">${h(formatMeasured(m.value, m.unit))}</td><td>${h(m.evidence?.summary ?? "")}</td></tr>`,
  )
  .join("\n")}
</tbody></table></div></details>`
      : "";
  return `<section class="suite" id="suite-${index + 1}">
<h2>${h(suite.title)} <code>${h(suite.id)}</code>${SUITE_BADGE[suite.status]}${suite.required ? "" : ' <span class="badge">optional</span>'}</h2>
<p>${h(suite.description)}</p>
<p class="muted">requires ${h(suite.requires.join(", ") || "nothing")}</p>
${suite.reason ? `<p class="note">${h(suite.reason)}</p>` : ""}
${suite.notes.map((n) => `<p class="note">${h(n)}</p>`).join("\n")}
${suite.sections.map((s) => renderSection(s, charts)).join("\n")}
${measurements}
</section>`;
}
