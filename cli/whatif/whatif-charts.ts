/**
 * The planner's charts as inline SVG (no script, no library): cohort timelines with their p50–p90
 * band, blast radius per cohort, and peak-hour load against the measured knee. Every label passes
 * through escapeHtml; coordinates are numbers the planner computed.
 */
import type { PolicyView, WhatifView } from "../../planner/index.ts";
import { formatCount } from "../../planner/index.ts";
import { escapeHtml as h } from "../../reports/index.ts";

const WIDTH = 900;
const LEFT = 64;
const RIGHT = 16;
const PLOT = WIDTH - LEFT - RIGHT;

const f = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "0");

function xOf(view: WhatifView, day: number): number {
  return LEFT + (Math.min(Math.max(day, 0), view.axisDays) / view.axisDays) * PLOT;
}

function dayAxis(view: WhatifView, top: number, bottom: number): string {
  return view.ticks
    .map(
      (t) =>
        `<line class="grid" x1="${f(xOf(view, t.day))}" x2="${f(xOf(view, t.day))}" y1="${top}" y2="${bottom}"/><text x="${f(xOf(view, t.day))}" y="${bottom + 14}" text-anchor="middle">${h(t.label)}</text>`,
    )
    .join("");
}

/** Gantt of the cohorts: migration to cutover, the wait for aligned cycle boundaries, and the p50–p90 band of the end. */
export function timelineChart(view: WhatifView, policy: PolicyView): string {
  const row = 14;
  const top = 8;
  const bottom = top + policy.timeline.length * row + 4;
  const bars = policy.timeline
    .map((bar, i) => {
      const y = top + i * row;
      const x0 = xOf(view, bar.startDay);
      const x1 = xOf(view, bar.cutoverDay);
      const x2 = xOf(view, bar.endP50);
      const x3 = xOf(view, bar.endP90);
      const tip = `cohort ${bar.label}: migration starts day ${f(bar.startDay)}, BSS cutover day ${f(bar.cutoverDay)}, billing moved by day ${f(bar.endP50)} (p50) / ${f(bar.endP90)} (p90)`;
      return `<g><title>${h(tip)}</title><text x="${LEFT - 6}" y="${y + 10}" text-anchor="end">${h(bar.label)}</text><rect class="run" x="${f(x0)}" y="${y + 1}" width="${f(Math.max(1, x1 - x0))}" height="10"/><rect class="wait" x="${f(x1)}" y="${y + 1}" width="${f(Math.max(0, x2 - x1))}" height="10"/><rect class="band" x="${f(x2)}" y="${y + 1}" width="${f(Math.max(0, x3 - x2))}" height="10"/></g>`;
    })
    .join("");
  const end = (day: number, label: string) =>
    `<line class="end" x1="${f(xOf(view, day))}" x2="${f(xOf(view, day))}" y1="${top}" y2="${bottom}"><title>${h(label)}</title></line>`;
  return `<svg class="chart timeline" role="img" aria-label="${h(`Cohort timeline of ${policy.name}`)}" viewBox="0 0 ${WIDTH} ${bottom + 22}" width="100%">${dayAxis(view, top, bottom)}${bars}${end(policy.endP50, `end p50: day ${f(policy.endP50)}`)}${end(policy.endP90, `end p90: day ${f(policy.endP90)}`)}</svg>`;
}

/** Subscribers exposed per cohort if a defect slips through, with its monthly revenue in the tooltip. */
export function blastChart(policy: PolicyView): string {
  const height = 160;
  const top = 10;
  const bottom = height - 20;
  const max = Math.max(1, ...policy.blast.map((b) => b.subscribers));
  const step = PLOT / Math.max(1, policy.blast.length);
  const width = Math.max(2, Math.min(40, step * 0.8));
  const bars = policy.blast
    .map((b, i) => {
      const x = LEFT + i * step + (step - width) / 2;
      const barHeight = ((bottom - top) * b.subscribers) / max;
      return `<g><title>${h(`cohort ${b.label}: ${formatCount(b.subscribers)} subscribers, ${b.revenue} a month`)}</title><rect class="blast" x="${f(x)}" y="${f(bottom - barHeight)}" width="${f(width)}" height="${f(Math.max(0.5, barHeight))}"/>${policy.blast.length <= 30 ? `<text x="${f(x + width / 2)}" y="${bottom + 14}" text-anchor="middle">${h(b.label)}</text>` : ""}</g>`;
    })
    .join("");
  return `<svg class="chart blast" role="img" aria-label="${h(`Blast radius per cohort of ${policy.name}`)}" viewBox="0 0 ${WIDTH} ${height}" width="100%"><text x="${LEFT - 6}" y="${top + 4}" text-anchor="end">${h(formatCount(max))}</text><text x="${LEFT - 6}" y="${bottom}" text-anchor="end">0</text><line class="axis" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${bottom}" y2="${bottom}"/>${bars}</svg>`;
}

/** Peak-hour load per day as % of the knee: the p10–p90 band, the p50 line and the 100% knee. */
export function loadChart(view: WhatifView, policy: PolicyView): string {
  const load = policy.load;
  if (!load) return "";
  const height = 200;
  const top = 10;
  const bottom = height - 22;
  // Scaled to the load, not to the knee: a destination loaded to 9% still shows its shape; a knee
  // off the scale is said in words.
  const peak = Math.max(...load.p90);
  const maxPct = Math.max(20, peak * 1.15);
  const yOf = (pct: number) => bottom - ((bottom - top) * Math.min(pct, maxPct)) / maxPct;
  const days = Math.min(view.axisDays, load.p50.length);
  const at = (series: number[], d: number) => series[Math.min(d, series.length - 1)] ?? 0;
  const upper: string[] = [];
  const lower: string[] = [];
  const mid: string[] = [];
  for (let d = 0; d < Math.max(days, view.axisDays); d++) {
    const x = f(xOf(view, d));
    upper.push(`${x},${f(yOf(at(load.p90, d)))}`);
    lower.push(`${x},${f(yOf(at(load.p10, d)))}`);
    mid.push(`${x},${f(yOf(at(load.p50, d)))}`);
  }
  const knee =
    maxPct >= 100
      ? `<line class="knee" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${f(yOf(100))}" y2="${f(yOf(100))}"><title>measured knee (100%)</title></line><text x="${WIDTH - RIGHT}" y="${f(yOf(100) - 4)}" text-anchor="end">knee</text>`
      : `<text class="knee-note" x="${WIDTH - RIGHT}" y="${top + 4}" text-anchor="end">${h(`knee (100%) above the scale: peak p90 ${f(peak)}%`)}</text>`;
  return `<svg class="chart load" role="img" aria-label="${h(`Load against capacity of ${policy.name}`)}" viewBox="0 0 ${WIDTH} ${height}" width="100%">${dayAxis(view, top, bottom)}<text x="${LEFT - 6}" y="${top + 4}" text-anchor="end">${f(maxPct)}%</text><text x="${LEFT - 6}" y="${bottom}" text-anchor="end">0%</text><polygon class="band" points="${[...upper, ...lower.reverse()].join(" ")}"><title>p10–p90 of peak-hour load</title></polygon><polyline class="p50" points="${mid.join(" ")}"><title>p50 of peak-hour load</title></polyline>${knee}</svg>`;
}
