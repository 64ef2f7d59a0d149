/**
 * The report sections of a suite as HTML, by kind — table, timeseries, checklist, replay — so a new
 * suite (billing discrepancies, the compliance checklist, a drift timeline, migration status)
 * appears without a reporter change. No branch on a suite's id. Every string is escaped.
 */
import type {
  ChecklistSection,
  OperationRecord,
  ReplaySection,
  ReportSection,
  TableSection,
  TimeseriesSection,
} from "../domain/index.ts";
import { escapeHtml as h } from "./escape.ts";
import type { ChartSeries, ChartSet } from "./html-charts.ts";

/** Any report section as HTML; charts are added to `charts`. */
export function renderSection(section: ReportSection, charts: ChartSet): string {
  const heading = `<h3>${h(section.title)}</h3>${section.description ? `<p class="muted">${h(section.description)}</p>` : ""}`;
  switch (section.kind) {
    case "replay":
      return `<div class="section replay">${heading}${replayHtml(section, charts)}</div>`;
    case "table":
      return `<div class="section table">${heading}${tableHtml(section)}</div>`;
    case "timeseries":
      return `<div class="section timeseries">${heading}${timeseriesHtml(section, charts)}</div>`;
    case "checklist":
      return `<div class="section checklist">${heading}${checklistHtml(section)}</div>`;
  }
}

type Cell = string | number | boolean | null | undefined;

function cellText(value: Cell): string {
  return value === null || value === undefined ? "—" : String(value);
}

/** A scrolling table of escaped text cells; numeric cells align right. */
export function dataTable(
  headers: readonly string[],
  rows: ReadonlyArray<readonly Cell[]>,
  cls = "",
): string {
  const head = headers.map((x) => `<th>${h(x)}</th>`).join("");
  const body = rows
    .map(
      (row) =>
        `<tr>${row.map((c) => `<td${typeof c === "number" ? ' class="num"' : ""}>${h(cellText(c))}</td>`).join("")}</tr>`,
    )
    .join("\n");
  return `<div class="scroll"><table${cls ? ` class="${cls}"` : ""}><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table></div>`;
}

function tableHtml(section: TableSection): string {
  const headers = section.columns.map((c) => (c.unit ? `${c.label} (${c.unit})` : c.label));
  const rows = section.rows.map((row) => section.columns.map((c) => row[c.key]));
  const cut =
    section.totalRows > section.rows.length
      ? `<p class="muted">${section.rows.length} of ${section.totalRows} rows shown.</p>`
      : "";
  return `${dataTable(headers, rows)}${cut}`;
}

function timeseriesHtml(section: TimeseriesSection, charts: ChartSet): string {
  const series: ChartSeries[] = section.series.map((s) => ({
    label: s.name,
    unit: s.unit,
    values: s.values,
  }));
  const chart = charts.add({ xLabel: section.xLabel, x: section.x, series }, section.title);
  const table = dataTable(
    [section.xLabel, ...section.series.map((s) => `${s.name} (${s.unit})`)],
    section.x.map((x, i) => [x, ...section.series.map((s) => s.values[i] ?? null)]),
  );
  return `${chart}<details><summary>Data (${section.x.length} points)</summary>${table}</details>`;
}

const RESULT_MARK = { pass: "✓ pass", fail: "✗ fail", "not-checked": "– not checked" } as const;

function checklistHtml(section: ChecklistSection): string {
  const count = (r: keyof typeof RESULT_MARK) => section.items.filter((i) => i.result === r).length;
  const summary = `<p class="muted">${count("pass")} pass · ${count("fail")} fail · ${count("not-checked")} not checked</p>`;
  const rows = section.items
    .map(
      (item) =>
        `<tr class="${item.result === "fail" ? "failed" : item.result === "pass" ? "passed" : "skipped"}"><td data-label="requirement">${h(item.requirement)}</td><td data-label="source">${h(item.source)}</td><td class="status" data-label="result">${RESULT_MARK[item.result]}</td><td data-label="evidence">${h(item.evidence)}</td></tr>`,
    )
    .join("\n");
  return `${summary}<div class="scroll"><table class="cards"><thead><tr><th>requirement</th><th>source</th><th>result</th><th>evidence</th></tr></thead><tbody>
${rows}
</tbody></table></div>`;
}

function replayHtml(section: ReplaySection, charts: ChartSet): string {
  const r = section.replay;
  const windows = [...new Set([...r.timeSeries, ...r.targetTimeSeries].map((p) => p.startSec))].sort(
    (a, b) => a - b,
  );
  const operations = [...new Set(r.timeSeries.map((p) => p.operation))].filter((o) => o !== "*").sort();
  const at = (operation: string) =>
    new Map(r.timeSeries.filter((p) => p.operation === operation).map((p) => [p.startSec, p]));
  const all = at("*");
  const parts: string[] = [];
  if (windows.length > 0) {
    const pick = (key: "p50Ms" | "p95Ms" | "p99Ms" | "maxMs") =>
      windows.map((x) => all.get(x)?.[key] ?? null);
    parts.push(
      `<p class="chart-title">Latency over time, all operations (from intended send time)</p>`,
      charts.add(
        {
          xLabel: "seconds",
          x: windows,
          series: [
            { label: "p50", unit: "ms", values: pick("p50Ms") },
            { label: "p95", unit: "ms", values: pick("p95Ms") },
            { label: "p99", unit: "ms", values: pick("p99Ms") },
          ],
        },
        "latency percentiles over time",
      ),
    );
    if (operations.length > 0) {
      for (const [key, name] of [
        ["p99Ms", "p99"],
        ["p50Ms", "p50"],
      ] as const) {
        parts.push(
          `<p class="chart-title">${name} latency per operation over time</p>`,
          charts.add(
            {
              xLabel: "seconds",
              x: windows,
              series: operations.map((op) => {
                const points = at(op);
                return { label: op, unit: "ms", values: windows.map((x) => points.get(x)?.[key] ?? null) };
              }),
            },
            `${name} latency per operation over time`,
          ),
        );
      }
    }
    const target = new Map(r.targetTimeSeries.map((p) => [p.startSec, p.ratePerSec]));
    parts.push(
      `<p class="chart-title">Throughput against the target rate${r.targetRatePerSec !== null ? ` (${r.targetRatePerSec}/s planned)` : ""}</p>`,
      charts.add(
        {
          xLabel: "seconds",
          x: windows,
          series: [
            {
              label: "completed /s",
              unit: "/s",
              values: windows.map((x) => all.get(x)?.throughputPerSec ?? null),
            },
            { label: "target /s", unit: "/s", values: windows.map((x) => target.get(x) ?? null), dash: true },
            {
              label: "failed per window",
              unit: "count",
              values: windows.map((x) => all.get(x)?.failed ?? null),
            },
          ],
        },
        "throughput against the target rate",
      ),
    );
    parts.push(
      `<details><summary>Time series data (${r.timeSeries.length} points)</summary>${dataTable(
        ["start s", "operation", "completed", "failed", "/s", "p50 ms", "p95 ms", "p99 ms", "max ms"],
        r.timeSeries.map((p) => [
          p.startSec,
          p.operation,
          p.completed,
          p.failed,
          p.throughputPerSec,
          p.p50Ms,
          p.p95Ms,
          p.p99Ms,
          p.maxMs,
        ]),
      )}</details>`,
    );
  } else {
    parts.push('<p class="muted">No time series: no request completed.</p>');
  }
  parts.push(scheduleHtml(section), operationsHtml(section.operations), errorsHtml(section.operations));
  return parts.join("\n");
}

function stat(value: string, label: string): string {
  return `<div class="stat"><strong>${h(value)}</strong><span>${h(label)}</span></div>`;
}

function scheduleHtml(section: ReplaySection): string {
  const r = section.replay;
  const lagging = r.scheduleLagMs.p99 > r.lateThresholdMs;
  return `<p class="chart-title">Schedule</p>
<div class="stats">
${stat(`${r.sent} / ${r.total}`, "events sent / planned")}
${stat(String(r.unsent), "never sent")}
${stat(`${r.achievedRatePerSec}/s`, `achieved${r.targetRatePerSec !== null ? ` (target ${r.targetRatePerSec}/s)` : ""}`)}
${stat(`${r.scheduleLagMs.p99} ms`, `schedule lag p99 (p50 ${r.scheduleLagMs.p50}, max ${r.scheduleLagMs.max})`)}
${stat(String(r.late), `sends later than ${r.lateThresholdMs} ms`)}
${stat(`${r.orderingWaitMs.count}`, `ordering waits (p99 ${r.orderingWaitMs.p99} ms)`)}
</div>${
    lagging
      ? `<p class="note">The harness itself ran late (schedule lag p99 ${r.scheduleLagMs.p99} ms above ${r.lateThresholdMs} ms): latency measured meanwhile says as much about this machine as about the destination.</p>`
      : ""
  }${r.abortReason ? `<p class="note">Stopped early: ${h(r.abortReason)}</p>` : ""}`;
}

function operationsHtml(operations: readonly OperationRecord[]): string {
  if (operations.length === 0) return "";
  return `<p class="chart-title">Per operation (latency from intended send time; service time from the actual send)</p>${dataTable(
    [
      "operation",
      "sent",
      "ok",
      "failed",
      "p50 ms",
      "p95 ms",
      "p99 ms",
      "p99.9 ms",
      "max ms",
      "service p99 ms",
      "late",
    ],
    operations.map((op) => {
      const failed = Object.values(op.failures).reduce((a, b) => a + b, 0);
      const l = op.latencyMs;
      return [
        op.operation,
        op.sent,
        op.ok,
        failed,
        l.p50,
        l.p95,
        l.p99,
        l.p999,
        l.max,
        op.serviceTimeMs.p99,
        op.late ?? null,
      ];
    }),
  )}`;
}

function errorsHtml(operations: readonly OperationRecord[]): string {
  const byKind = new Map<string, { count: number; operations: Set<string> }>();
  for (const op of operations) {
    for (const [kind, count] of Object.entries(op.failures)) {
      if (count === 0) continue;
      const entry = byKind.get(kind) ?? { count: 0, operations: new Set<string>() };
      entry.count += count;
      entry.operations.add(op.operation);
      byKind.set(kind, entry);
    }
  }
  const examples = operations.flatMap((op) => op.examples.map((e) => ({ operation: op.operation, ...e })));
  if (byKind.size === 0 && examples.length === 0) return '<p class="muted">Errors: none.</p>';
  const kinds = dataTable(
    ["error kind", "count", "operations"],
    [...byKind.entries()]
      .sort((a, b) => b[1].count - a[1].count)
      .map(([kind, e]) => [kind, e.count, [...e.operations].join(", ")]),
  );
  const list =
    examples.length > 0
      ? `<details open><summary>Examples (${examples.length})</summary>${dataTable(
          ["operation", "event", "kind", "message"],
          examples.map((e) => [e.operation, e.eventId, e.kind, e.message]),
        )}</details>`
      : "";
  return `<p class="chart-title">Errors by kind</p>${kinds}${list}`;
}
