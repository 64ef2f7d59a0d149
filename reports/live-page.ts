/**
 * The live view of `tranche run --serve`: one self-contained page (styles, uPlot and its client
 * inlined) that follows the run through server-sent events from its own origin (`/events`):
 * progress per suite, live throughput (from progress) and latency and throughput per closed
 * replay window, gates as they settle, and the verdict. It loads nothing else. Every string from
 * the run is written with textContent, so destination text stays text.
 */
import { CHART_CLIENT, uplotAssets } from "./html-charts.ts";
import { PAGE_CSS, VERDICT_COLOURS } from "./html-style.ts";

const LIVE_CSS = `
.suites .suite-row{display:grid;grid-template-columns:minmax(0,1fr) auto;gap:.2rem .8rem;padding:.35rem 0;border-bottom:1px solid var(--line)}
.bar{grid-column:1/-1;height:6px;background:var(--soft);border-radius:3px;overflow:hidden}.bar i{display:block;height:100%;width:0;background:#0969da}
.pending .status{color:var(--muted)}#state{font-size:13px}
`;

/** The live client: builds the page from the event stream. */
const LIVE_CLIENT = `(function () {
  "use strict";
  var COLOURS = ${JSON.stringify(VERDICT_COLOURS)};
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = String(text); return e; }
  function $(id) { return document.getElementById(id); }
  var suites = {}, gates = {}, windows = {}, rates = {}, charts = 0;
  function fmt(v, unit) { return v == null ? "not measured" : unit === "count" ? String(v) : unit === "%" ? v + "%" : v + " " + unit; }
  function chartBox(parent, title) {
    var id = "live-chart-" + (++charts);
    parent.appendChild(el("p", "chart-title", title));
    var box = el("div", "chart"); box.id = id; parent.appendChild(box);
    return id;
  }
  function suiteRow(s) {
    var row = el("div", "suite-row pending");
    var name = el("div"); name.appendChild(el("b", null, s.title)); name.appendChild(document.createTextNode(" "));
    name.appendChild(el("code", null, s.id));
    var status = el("span", "status", "waiting");
    var bar = el("div", "bar"); var fill = el("i"); bar.appendChild(fill);
    var detail = el("div", "muted", ""); detail.style.gridColumn = "1/-1";
    row.appendChild(name); row.appendChild(status); row.appendChild(bar); row.appendChild(detail);
    $("suites").appendChild(row);
    var charts = el("div"); charts.className = "suite-charts"; $("charts").appendChild(charts);
    suites[s.id] = { row: row, status: status, fill: fill, detail: detail, charts: charts, title: s.title };
  }
  function gateRow(g) {
    var tr = el("tr", "pending");
    var first = el("td"); first.appendChild(el("code", null, g.id)); first.appendChild(el("div", "muted", g.description));
    tr.appendChild(first); tr.appendChild(el("td", null, g.suite)); tr.appendChild(el("td", null, g.severity));
    var value = el("td", "num", "…"), threshold = el("td", "num", ""), status = el("td", "status", "pending"), evidence = el("td", null, "");
    tr.appendChild(value); tr.appendChild(threshold); tr.appendChild(status); tr.appendChild(evidence);
    $("gate-rows").appendChild(tr);
    gates[g.id] = { tr: tr, value: value, threshold: threshold, status: status, evidence: evidence };
  }
  function onProgress(e) {
    var s = suites[e.suite]; if (!s) return;
    s.status.textContent = e.label + " " + e.done + "/" + e.total;
    s.fill.style.width = (e.total > 0 ? Math.min(100, (100 * e.done) / e.total) : 100) + "%";
    var r = rates[e.suite + "/" + e.label] || (rates[e.suite + "/" + e.label] = { t0: performance.now(), last: null, x: [], y: [] });
    var now = performance.now();
    if (r.last && now - r.last.t >= 900) {
      r.x.push(Math.round((now - r.t0) / 100) / 10); r.y.push(Math.round(((e.done - r.last.done) * 10000) / (now - r.last.t)) / 10);
      r.last = { t: now, done: e.done };
      if (!r.chart) r.chart = chartBox(s.charts, s.title + " — live " + e.label + " rate");
      window.trancheCharts.draw({ id: r.chart, xLabel: "seconds", x: r.x, series: [{ label: e.label + " /s", unit: "/s", values: r.y }] });
    } else if (!r.last) r.last = { t: now, done: e.done };
  }
  function onWindow(e) {
    var s = suites[e.suite]; if (!s) return;
    var w = windows[e.suite] || (windows[e.suite] = { x: [], all: {}, ops: {}, names: [] });
    var p = e.point;
    if (w.x.indexOf(p.startSec) < 0) w.x.push(p.startSec);
    if (p.operation === "*") w.all[p.startSec] = p;
    else { if (w.names.indexOf(p.operation) < 0) w.names.push(p.operation); (w.ops[p.operation] || (w.ops[p.operation] = {}))[p.startSec] = p; }
    if (!w.latency) { w.latency = chartBox(s.charts, s.title + " — latency per window (all operations)"); w.perOp = chartBox(s.charts, s.title + " — p99 per operation"); w.tput = chartBox(s.charts, s.title + " — throughput per window"); }
    var pick = function (map, key) { return w.x.map(function (x) { return map[x] ? map[x][key] : null; }); };
    window.trancheCharts.draw({ id: w.latency, xLabel: "seconds", x: w.x, series: [
      { label: "p50", unit: "ms", values: pick(w.all, "p50Ms") }, { label: "p95", unit: "ms", values: pick(w.all, "p95Ms") }, { label: "p99", unit: "ms", values: pick(w.all, "p99Ms") }] });
    window.trancheCharts.draw({ id: w.perOp, xLabel: "seconds", x: w.x, series: w.names.map(function (n) { return { label: n, unit: "ms", values: pick(w.ops[n], "p99Ms") }; }) });
    window.trancheCharts.draw({ id: w.tput, xLabel: "seconds", x: w.x, series: [{ label: "completed /s", unit: "/s", values: pick(w.all, "throughputPerSec") }] });
    $("windows").textContent = String(Object.keys(windows).reduce(function (n, k) { return n + windows[k].x.length; }, 0));
  }
  function onGate(g) {
    var row = gates[g.id]; if (!row) { gateRow(g); row = gates[g.id]; }
    row.tr.className = g.status;
    row.value.textContent = fmt(g.value, g.unit);
    row.threshold.textContent = g.expression;
    row.status.textContent = g.status === "failed" ? "FAILED" : g.status;
    row.evidence.textContent = g.evidence.summary;
  }
  var source = new EventSource("/events");
  source.onmessage = function (message) {
    var e = JSON.parse(message.data);
    switch (e.type) {
      case "run-start":
        $("title").textContent = "Live: " + e.profile + " against " + e.target;
        $("meta").textContent = "run " + e.runId + " · seed " + e.seed + " · harness " + e.harnessVersion + " · config " + e.configFingerprint;
        e.suites.forEach(suiteRow); e.gates.forEach(gateRow);
        $("state").textContent = "running";
        break;
      case "suite-start": if (suites[e.suite]) { suites[e.suite].row.className = "suite-row running"; suites[e.suite].status.textContent = "started"; } break;
      case "progress": onProgress(e); break;
      case "window": onWindow(e); break;
      case "suite-end":
        if (suites[e.suite]) { var s = suites[e.suite]; s.row.className = "suite-row " + e.status; s.status.textContent = e.status; if (e.reason) s.detail.textContent = e.reason; if (e.status === "complete") s.fill.style.width = "100%"; }
        break;
      case "gate": onGate(e.gate); break;
      case "run-end":
        $("verdict").textContent = e.verdict; $("banner").style.background = COLOURS[e.verdict] || "#57606a";
        $("reason").textContent = (e.incompleteReason ? "Incomplete: " + e.incompleteReason + ". " : "") + "Score " + e.score + "/100.";
        $("state").textContent = "finished";
        break;
      case "reports":
        $("reason").textContent = e.reason + " Reports: " + e.folder;
        $("state").textContent = "finished; reports written";
        source.close();
        break;
    }
  };
  source.onerror = function () { if ($("state").textContent.indexOf("finished") !== 0) $("state").textContent = "connection lost (the run may have ended)"; };
})();`;

/** The live view page. */
export function renderLivePage(): string {
  const { js, css } = uplotAssets();
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tranche — live run</title>
<style>${css}</style>
<style>${PAGE_CSS}${LIVE_CSS}</style>
</head><body>
<header class="banner" id="banner" style="background:#57606a">
<div class="verdict" id="verdict">RUNNING</div>
<p id="reason">Waiting for the run's events…</p>
</header>
<h1 id="title">Live run</h1>
<p class="muted" id="meta"></p>
<p class="muted">State: <span id="state">connecting</span> · replay windows received: <span id="windows">0</span></p>
<h2>Suites</h2>
<div class="suites" id="suites"></div>
<div id="charts"></div>
<h2>Gates</h2>
<div class="scroll"><table class="cards"><thead><tr><th>gate</th><th>suite</th><th>severity</th><th>measured</th><th>gate</th><th>status</th><th>evidence</th></tr></thead><tbody id="gate-rows"></tbody></table></div>
<script>${js}</script>
<script>${CHART_CLIENT}</script>
<script>${LIVE_CLIENT}</script>
</body></html>
`;
}
