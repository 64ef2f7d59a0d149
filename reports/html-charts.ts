/**
 * Charts of the HTML pages: time series drawn by uPlot (a small, well-kept canvas charting
 * library), read from node_modules at render time and inlined, so a page makes no network request.
 * Chart data travels as one JSON block whose markup-significant characters are escaped; the client
 * script hands labels to uPlot, which writes them with textContent, so destination text stays text.
 * Every chart also has its numbers in a table beside it (print, no script, screen readers).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** One line of a chart. */
export interface ChartSeries {
  readonly label: string;
  readonly unit: string;
  readonly values: ReadonlyArray<number | null>;
  /** Drawn dashed (targets, thresholds). */
  readonly dash?: boolean;
}

/** A chart: series over a common, ascending x axis. */
export interface ChartSpec {
  readonly id: string;
  readonly xLabel: string;
  readonly x: readonly number[];
  readonly series: readonly ChartSeries[];
}

/** Collects the charts of one page; each `add` returns the element the chart is drawn into. */
export class ChartSet {
  readonly specs: ChartSpec[] = [];

  /** Adds a chart (x sorted ascending, values carried along) and returns its placeholder element. */
  add(spec: Omit<ChartSpec, "id">, label: string): string {
    const id = `chart-${this.specs.length + 1}`;
    const order = spec.x.map((_, i) => i).sort((a, b) => (spec.x[a] as number) - (spec.x[b] as number));
    this.specs.push({
      id,
      xLabel: spec.xLabel,
      x: order.map((i) => spec.x[i] as number),
      series: spec.series.map((s) => ({ ...s, values: order.map((i) => s.values[i] ?? null) })),
    });
    return `<div class="chart" id="${id}" role="img" aria-label="${escapeAttr(label)}"></div>`;
  }
}

function escapeAttr(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** JSON that is safe inside a <script> element: no `<`, `>`, `&` or line separators in the text. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** Library text made safe to inline in a <script> element (it can never close the element early). */
function inlineScript(text: string): string {
  return text.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}

const require = createRequire(import.meta.url);
let uplot: { js: string; css: string } | undefined;

/** uPlot's script and stylesheet, read once from node_modules. */
export function uplotAssets(): { js: string; css: string } {
  if (!uplot) {
    uplot = {
      js: inlineScript(readFileSync(require.resolve("uplot/dist/uPlot.iife.min.js"), "utf8")),
      css: readFileSync(require.resolve("uplot/dist/uPlot.min.css"), "utf8").replace(/<\//g, "<\\/"),
    };
  }
  return uplot;
}

/**
 * Draws the charts of `#tranche-chart-data` with uPlot and keeps them at their container's width
 * (phone screens, print). Also opens every <details> while printing so the PDF shows the evidence.
 * Exposes `window.trancheCharts.draw(spec)` for pages that add charts as data arrives (live view).
 */
export const CHART_CLIENT = `(function () {
  "use strict";
  var palette = ["#0969da", "#cf222e", "#1a7f37", "#9a6700", "#8250df", "#bf3989", "#1b7c83", "#57606a"];
  var charts = [];
  function widthOf(el) { return Math.max(220, Math.floor(el.getBoundingClientRect().width)); }
  function fmt(v, unit) {
    if (v == null) return "\\u2014";
    var r = Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 100) / 100;
    return unit && unit !== "count" ? r + " " + unit : String(r);
  }
  function range(u, min, max) {
    var lo = Math.min(0, min == null ? 0 : min);
    var hi = max == null || max <= lo ? lo + 1 : max * 1.08;
    return [lo, hi];
  }
  function options(spec, width) {
    var units = [];
    spec.series.forEach(function (s) { if (units.indexOf(s.unit) < 0) units.push(s.unit); });
    var scales = { x: { time: false } };
    var axes = [{ label: spec.xLabel, stroke: "#57606a", grid: { stroke: "#eaeef2" }, ticks: { stroke: "#d0d7de" } }];
    units.forEach(function (unit, i) {
      scales["y" + i] = { range: range };
      if (i < 2) {
        axes.push({
          scale: "y" + i, label: unit, side: i === 0 ? 3 : 1, stroke: "#57606a",
          grid: { show: i === 0, stroke: "#eaeef2" }, ticks: { stroke: "#d0d7de" },
          values: function (u, vals) { return vals.map(function (v) { return fmt(v, ""); }); }
        });
      }
    });
    var series = [{ label: spec.xLabel, value: function (u, v) { return v == null ? "\\u2014" : String(v); } }];
    spec.series.forEach(function (s, i) {
      series.push({
        label: s.label, scale: "y" + units.indexOf(s.unit),
        stroke: s.dash ? "#6e7781" : palette[i % palette.length], width: 2,
        dash: s.dash ? [6, 4] : undefined,
        points: { show: spec.x.length <= 40 },
        value: (function (unit) { return function (u, v) { return fmt(v, unit); }; })(s.unit)
      });
    });
    return { width: width, height: 240, scales: scales, axes: axes, series: series, legend: { live: true } };
  }
  function draw(spec) {
    var el = document.getElementById(spec.id);
    if (!el) return null;
    el.textContent = "";
    var data = [spec.x.slice()].concat(spec.series.map(function (s) { return s.values.slice(); }));
    var plot = new uPlot(options(spec, widthOf(el)), data, el);
    var entry = { plot: plot, el: el, spec: spec };
    charts = charts.filter(function (c) { return c.el !== el; });
    charts.push(entry);
    return entry;
  }
  function resize() { charts.forEach(function (c) { c.plot.setSize({ width: widthOf(c.el), height: 240 }); }); }
  function beforePrint() {
    document.querySelectorAll("details:not([open])").forEach(function (d) { d.setAttribute("data-print-opened", ""); d.open = true; });
    resize();
  }
  function afterPrint() {
    document.querySelectorAll("details[data-print-opened]").forEach(function (d) { d.open = false; d.removeAttribute("data-print-opened"); });
    resize();
  }
  window.trancheCharts = { draw: draw, resize: resize, count: function () { return charts.length; } };
  if (typeof uPlot === "undefined") return;
  var block = document.getElementById("tranche-chart-data");
  if (block) JSON.parse(block.textContent).forEach(draw);
  window.addEventListener("resize", resize);
  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  if (window.matchMedia) {
    var mq = window.matchMedia("print");
    if (mq.addEventListener) mq.addEventListener("change", function (e) { if (e.matches) beforePrint(); else afterPrint(); });
  }
  document.documentElement.setAttribute("data-charts", String(charts.length));
})();`;

/** The scripts at the end of a page with charts: the data block, uPlot, the client. */
export function chartScripts(charts: ChartSet): string {
  const { js } = uplotAssets();
  return `<script type="application/json" id="tranche-chart-data">${scriptJson(charts.specs)}</script>
<script>${js}</script>
<script>${CHART_CLIENT}</script>`;
}
