/**
 * The run diff as one self-contained HTML page (`tranche report diff A B --html FILE`): whether B
 * regressed and why, the two runs side by side, gate changes, new and fixed findings, and
 * measurement deltas with their direction. No script, no network; every string escaped.
 */
import { escapeHtml as h } from "./escape.ts";
import { dataTable } from "./html-sections.ts";
import { CSP_META, PAGE_CSS, VERDICT_COLOURS } from "./html-style.ts";
import { deltaText, type GateChange, type RunDiff } from "./run-diff.ts";

const STATUS = (s: string | null) => (s === null ? "absent" : s === "failed" ? "FAILED" : s);

function findings(title: string, items: readonly GateChange[]): string {
  if (items.length === 0) return `<h2>${h(title)}</h2><p class="muted">None.</p>`;
  return `<h2>${h(title)}</h2><ul>${items
    .map((g) => `<li><code>${h(g.id)}</code> (${g.severity}, ${h(g.suite)}): ${h(g.evidence)}</li>`)
    .join("")}</ul>`;
}

/** Renders a run diff as a standalone HTML page. */
export function renderDiffHtml(diff: RunDiff): string {
  const colour = diff.regressed ? VERDICT_COLOURS["NOT READY"] : VERDICT_COLOURS.READY;
  const runs = dataTable(
    ["", "file", "run", "verdict", "score", "seed", "config", "harness", "target", "finished"],
    [diff.a, diff.b].map((s, i) => [
      i === 0 ? "A" : "B",
      s.file,
      s.runId,
      s.verdict,
      s.score,
      s.seed,
      s.configFingerprint,
      s.harnessVersion,
      s.target,
      s.finishedAt,
    ]),
  );
  const gates = dataTable(
    ["gate", "suite", "severity", "A", "B", "value A", "value B", "required", "change"],
    diff.gates.map((g) => [
      g.id,
      g.suite,
      g.severity,
      STATUS(g.from),
      STATUS(g.to),
      g.valueFrom,
      g.valueTo,
      g.threshold,
      g.change,
    ]),
    "diff-gates",
  );
  const measurements = dataTable(
    ["measurement", "unit", "A", "B", "change", "direction", "why"],
    diff.measurements
      .filter((m) => m.direction !== "same")
      .map((m) => [m.name, m.unit, m.from, m.to, deltaText(m), m.direction, m.basis]),
    "diff-measurements",
  );
  const same = diff.measurements.filter((m) => m.direction === "same").length;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${CSP_META}
<title>Tranche run diff — ${diff.regressed ? "REGRESSED" : "no regression"}</title>
<style>${PAGE_CSS}</style>
</head><body>
<header class="banner" style="background:${colour}">
<div class="verdict" id="regression">${diff.regressed ? "REGRESSED" : "NO REGRESSION"}</div>
<p id="reason">${h(diff.regressed ? diff.reasons.join("; ") : "No gate newly failed and the verdict did not get worse.")}</p>
<p>Verdict ${h(diff.verdict.from)} → ${h(diff.verdict.to)} (${diff.verdict.direction}) · score ${diff.score.from} → ${diff.score.to}</p>
</header>
<h1>Tranche run diff</h1>
${runs}
${diff.comparable ? "" : '<p class="note">The runs differ in seed or config fingerprint: the deltas compare different plans.</p>'}
${findings("New findings", diff.newFindings)}
${findings("Fixed findings", diff.fixedFindings)}
<h2>Gates</h2>
${gates}
<h2>Measurements</h2>
<p class="muted">${diff.measurements.length - same} changed, ${same} the same. Direction comes from the gate that reads a measurement, else from naming and unit conventions; "changed" when neither says.</p>
${measurements}
</body></html>
`;
}
