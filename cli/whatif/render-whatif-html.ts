/**
 * whatif.html: one self-contained page (inline CSS and SVG, no script, no network) a planner can
 * send round — the policies side by side, then each policy's timeline, blast radius, load against
 * capacity and cohort table. Every string that came from an input file is escaped.
 */
import type { TableView, WhatifResult } from "../../planner/index.ts";
import { ASSUMPTION_NOTES, whatifView } from "../../planner/index.ts";
import { escapeHtml as h } from "../../reports/index.ts";
import { blastChart, loadChart, timelineChart } from "./whatif-charts.ts";

function table(view: TableView, id: string): string {
  return `<div class="scroll"><table id="${id}"><thead><tr>${view.columns.map((c) => `<th>${h(c)}</th>`).join("")}</tr></thead><tbody>
${view.rows.map((row) => `<tr>${row.map((cell, i) => (i === 0 ? `<th>${h(cell)}</th>` : `<td>${h(cell)}</td>`)).join("")}</tr>`).join("\n")}
</tbody></table></div>`;
}

/** Renders the result as a standalone HTML page. */
export function renderWhatifHtml(result: WhatifResult): string {
  const view = whatifView(result);
  const sections = view.policies
    .map(
      (p, i) => `<section class="policy" id="policy-${i + 1}">
<h2>${h(p.name)}</h2>${p.description ? `<p>${h(p.description)}</p>` : ""}
<h3>Timeline</h3><p class="muted">Per cohort: data migration, parallel run and stabilization to the BSS cutover (dark), the wait for aligned cycle boundaries (mid), and the p50–p90 band of the last billing move (light); dashed lines: programme end p50 and p90.</p>
${timelineChart(view, p)}
<h3>Blast radius per cohort</h3><p class="muted">Subscribers on the destination if the cohort's migration carries a defect; hover for the monthly revenue at risk.</p>
${blastChart(p)}
<h3>Load against capacity</h3>
${p.load ? `<p class="muted">Peak-hour load per day as a share of the measured knee: migration writes plus the live traffic of migrated subscribers.</p>${loadChart(view, p)}` : `<p class="note">No capacity given (<code>--capacity</code>): load is not compared.</p>`}
${table(p.channels, `channels-${i + 1}`)}
${p.hiddenCohorts > 0 ? `<p class="muted">The charts show the first ${p.timeline.length} cohorts; the table has all ${p.timeline.length + p.hiddenCohorts}.</p>` : ""}
<h3>Cohorts</h3>
${table(p.cohorts, `cohorts-${i + 1}`)}
</section>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(view.heading)}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1f2328}
table{border-collapse:collapse;width:100%;margin:1rem 0;font-size:13px}th,td{border-bottom:1px solid #d0d7de;padding:.3rem .4rem;text-align:right;vertical-align:top}td{white-space:nowrap}td:last-child{white-space:normal;min-width:12rem}.scroll{overflow-x:auto}
th:first-child{text-align:left}thead th{background:#f6f8fa}.muted{color:#656d76;font-size:12px}.note{background:#fff8c5;padding:.4rem}
pre{white-space:pre-wrap;background:#f6f8fa;padding:.5rem;font-size:12px}section.policy{border-top:2px solid #d0d7de;margin-top:2rem}
svg text{font:11px system-ui,sans-serif;fill:#424a53}.grid{stroke:#eaeef2}.axis{stroke:#8c959f}
rect.run{fill:#0969da}rect.wait{fill:#54aeff}rect.band{fill:#b6e3ff}rect.blast{fill:#cf222e}
line.end{stroke:#1f2328;stroke-dasharray:4 3}polygon.band{fill:#b6e3ff}polyline.p50{fill:none;stroke:#0969da;stroke-width:1.5}
line.knee{stroke:#cf222e;stroke-dasharray:6 3}
</style></head><body>
<header>
<h1 id="heading">${h(view.heading)}</h1>
${view.meta.map((m) => `<p class="meta">${h(m)}</p>`).join("\n")}
${view.notes.map((n) => `<p class="note">${h(n)}</p>`).join("\n")}
</header>
<section><h2>Policies side by side</h2>
${table(view.comparison, "comparison")}
<p class="muted">p50 / p90 over ${result.runs} seeded runs (nearest rank). Split-period bills: subscribers whose billing moves mid-cycle. Dual-write days: days both systems carry some cohort.</p>
</section>
${sections}
<section><h2>Assumptions</h2>
<ul>${ASSUMPTION_NOTES.map((n) => `<li>${h(n)}</li>`).join("")}</ul>
<details><summary>As used in this run</summary><pre>${h(JSON.stringify(result.assumptions, null, 2))}</pre></details>
</section>
<footer class="muted">Reproduce with <code>tranche whatif --seed ${result.seed} --runs ${result.runs} --start ${h(result.start)}</code> and the same input files.</footer>
</body></html>
`;
}
