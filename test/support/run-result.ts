/**
 * A hand-built run result for reporter tests, with hostile strings wherever a destination or a
 * config can put text. The first suite is an ordinary replay with markup in its free text (target
 * description, evidence, failure examples, title, description, notes, table cells, checklist
 * evidence); the second one, `hostileSuite`, carries markup in every remaining string field a
 * reporter prints: suite, gate, section and event ids, operation and failure-kind names, column
 * keys and labels, series names and units, axis labels, requirements and sources, provenBy, units,
 * expressions, measurement names, abort and not-run reasons. Every kind of report section appears.
 */
import type { RunResult, TimeWindow } from "../../domain/index.ts";

/** Markup that must stay inert text in every report (each value distinct, so a test names the field). */
export const HOSTILE = {
  target: 'contract API at http://127.0.0.1:1 <script>alert("t")</script>',
  example: "<img src=x onerror=alert(1)>",
  title: "Replay <script>alert('title')</script>",
  description: "desc </p><script>alert('desc')</script>",
  note: "note <iframe src=javascript:alert('note')></iframe>",
  reason: "reason <svg onload=alert('reason')>",
  cell: "cell </td><script>alert('cell')</script>",
  checklist: "evidence <a href=javascript:alert('x')>x</a>",
  suiteId: "evil.<b>suite</b>",
  suiteTitle: "Suite <img src=x onerror=alert('suite')>",
  gateId: "gate_<img src=x onerror=alert('gate')>",
  gateDescription: "gate desc <script>alert('gd')</script>",
  expression: "x <script>alert('expr')</script> < 1",
  measurement: "evil.<b>suite</b>.m<i>x</i>",
  unit: "u<script>alert('unit')</script>",
  provenBy: "defect-<script>alert('proof')</script>",
  evidenceSummary: "summary <img src=x onerror=alert('ev')>",
  evidenceItem: "</pre><script>alert('item')</script>",
  operation: "op<svg onload=alert('op')>",
  failureKind: "kind<script>alert('kind')</script>",
  eventId: "ev-<img src=x onerror=alert('event')>",
  message: "timeout <iframe src=javascript:alert('msg')>",
  abortReason: "stopped <script>alert('abort')</script>",
  sectionId: "sec\"><script>alert('secid')</script>",
  sectionTitle: "Section <script>alert('sect')</script>",
  sectionDescription: "about <img src=x onerror=alert('about')>",
  columnKey: "k\"><script>alert('col')</script>",
  columnLabel: "Label <script>alert('label')</script>",
  columnUnit: "cu<b>nit</b>",
  seriesName: "series <img src=x onerror=alert('series')>",
  seriesUnit: "su<script>alert('su')</script>",
  xLabel: "hours <script>alert('x')</script>",
  requirement: "req <script>alert('req')</script>",
  source: "src <img src=x onerror=alert('src')>",
  suiteNote: "evil note </details><script>alert('n2')</script>",
  defect: "defect <b>bold</b>",
  capability: "cap<script>alert('cap')</script>",
} as const;

const percentiles = { p50: 1, p90: 2, p95: 3, p99: 4, p999: 5, max: 6, mean: 1.5 };

function windowPoint(startSec: number, operation: string, p99Ms: number): TimeWindow {
  return {
    startSec,
    operation,
    completed: 10,
    failed: operation === "*" ? 1 : 0,
    throughputPerSec: 9 + startSec / 10,
    p50Ms: p99Ms / 4,
    p95Ms: p99Ms / 2,
    p99Ms,
    maxMs: p99Ms * 2,
  };
}

/** A NOT READY result with one failed blocker whose evidence carries markup. */
export function sampleRunResult(overrides: Partial<RunResult> = {}): RunResult {
  return {
    schemaVersion: 3,
    runId: "run-20260301T000000Z-42",
    harnessVersion: "0.1.0",
    seed: 42,
    refDate: "2026-03-01T00:00:00Z",
    configFingerprint: "abcdef0123456789",
    profile: "smoke",
    target: {
      kind: "url",
      description: HOSTILE.target,
      defects: [HOSTILE.defect],
      capabilities: ["provisioning", "state-read", HOSTILE.capability],
    },
    startedAt: "2026-03-01T00:00:00Z",
    finishedAt: "2026-03-01T00:00:05Z",
    complete: true,
    incompleteReason: null,
    suites: [
      {
        id: "provisioning.replay",
        title: HOSTILE.title,
        description: HOSTILE.description,
        required: true,
        status: "complete",
        reason: null,
        requires: ["provisioning", "state-read"],
        measurements: [
          { name: "provisioning.replay.state_mismatches", value: 2, unit: "count" },
          { name: "provisioning.replay.latency_p99_ms", value: 4, unit: "ms" },
          { name: "provisioning.replay.achieved_rate_per_s", value: 10, unit: "/s" },
        ],
        notes: [HOSTILE.note],
        sections: [
          {
            kind: "replay",
            id: "replay",
            title: "Replay",
            operations: [
              {
                operation: "plan_change",
                sent: 10,
                ok: 9,
                failures: { http_5xx: 1 },
                examples: [{ eventId: "e1", kind: "http_5xx", message: HOSTILE.example }],
                latencyMs: percentiles,
                serviceTimeMs: percentiles,
              },
            ],
            replay: {
              total: 10,
              sent: 10,
              unsent: 0,
              interrupted: 0,
              late: 0,
              lateThresholdMs: 10,
              scheduleLagMs: { p50: 0, p99: 1, max: 2 },
              orderingWaitMs: { count: 0, p50: 0, p99: 0, max: 0 },
              achievedRatePerSec: 10,
              targetRatePerSec: 10,
              targetTimeSeries: [
                { startSec: 0, ratePerSec: 10 },
                { startSec: 10, ratePerSec: 10 },
              ],
              abortReason: null,
              timeSeries: [
                windowPoint(0, "*", 4),
                windowPoint(0, "plan_change", 4),
                windowPoint(10, "*", 6),
                windowPoint(10, "plan_change", 6),
              ],
            },
          },
          {
            kind: "table",
            id: "mismatches",
            title: "Mismatches",
            columns: [
              { key: "subscriberId", label: "subscriber" },
              { key: "actual", label: "actual" },
            ],
            rows: [{ subscriberId: "sub-<b>2</b>", actual: HOSTILE.cell }],
            totalRows: 1,
          },
          {
            kind: "timeseries",
            id: "lag",
            title: "Lag over time",
            xLabel: "s",
            x: [0, 10],
            series: [{ name: "lag p99", unit: "ms", values: [1, null] }],
          },
          {
            kind: "checklist",
            id: "checks",
            title: "Checklist",
            items: [
              {
                requirement: "LI continuity",
                source: "IPA 2016",
                result: "fail",
                evidence: HOSTILE.checklist,
              },
            ],
          },
        ],
      },
      {
        id: "billing.split-period",
        title: "Split-period billing",
        description: "not run here",
        required: false,
        status: "not-run",
        reason: HOSTILE.reason,
        requires: ["billing"],
        measurements: [],
        notes: [],
        sections: [],
      },
      hostileSuite(),
    ],
    gates: [
      {
        id: "state_mismatches",
        description: "state matches",
        suite: "provisioning.replay",
        measurement: "provisioning.replay.state_mismatches",
        expression: "provisioning.replay.state_mismatches == 0",
        value: 2,
        threshold: 0,
        unit: "count",
        severity: "blocker",
        weight: 3,
        status: "failed",
        provenBy: ["silent-plan-change"],
        evidence: {
          summary: "2 of 10 subscribers differ: sub-1, sub-<b>2</b>",
          items: [
            {
              subscriberId: "sub-<b>2</b>",
              field: "planId",
              expected: "A",
              actual: "</pre><script>x()</script>",
            },
          ],
        },
      },
      {
        id: "p99_latency",
        description: "p99",
        suite: "provisioning.replay",
        measurement: "provisioning.replay.latency_p99_ms",
        expression: "provisioning.replay.latency_p99_ms < 800ms",
        value: 4,
        threshold: 800,
        unit: "ms",
        severity: "major",
        weight: 1,
        status: "passed",
        provenBy: ["slow-under-load"],
        evidence: { summary: "ok" },
      },
      {
        id: HOSTILE.gateId,
        description: HOSTILE.gateDescription,
        suite: HOSTILE.suiteId,
        measurement: HOSTILE.measurement,
        expression: HOSTILE.expression,
        value: 7,
        threshold: 1,
        unit: HOSTILE.unit,
        severity: "minor",
        weight: 1,
        status: "failed",
        provenBy: [HOSTILE.provenBy],
        evidence: { summary: HOSTILE.evidenceSummary, items: [{ note: HOSTILE.evidenceItem }] },
      },
    ],
    verdict: "NOT READY",
    score: 25,
    ...overrides,
  };
}

/** A suite whose every string field carries markup, with one section of each kind. */
function hostileSuite(): RunResult["suites"][number] {
  return {
    id: HOSTILE.suiteId,
    title: HOSTILE.suiteTitle,
    description: HOSTILE.description,
    required: true,
    status: "incomplete",
    reason: HOSTILE.abortReason,
    requires: [HOSTILE.capability],
    measurements: [{ name: HOSTILE.measurement, value: 7, unit: HOSTILE.unit }],
    notes: [HOSTILE.suiteNote],
    sections: [
      {
        kind: "replay",
        id: HOSTILE.sectionId,
        title: HOSTILE.sectionTitle,
        description: HOSTILE.sectionDescription,
        operations: [
          {
            operation: HOSTILE.operation,
            sent: 3,
            ok: 1,
            failures: { [HOSTILE.failureKind]: 2 },
            examples: [{ eventId: HOSTILE.eventId, kind: HOSTILE.failureKind, message: HOSTILE.message }],
            latencyMs: percentiles,
            serviceTimeMs: percentiles,
            late: 1,
          },
        ],
        replay: {
          total: 5,
          sent: 3,
          unsent: 2,
          interrupted: 0,
          late: 1,
          lateThresholdMs: 10,
          scheduleLagMs: { p50: 1, p99: 30, max: 40 },
          orderingWaitMs: { count: 1, p50: 1, p99: 2, max: 2 },
          achievedRatePerSec: 3,
          targetRatePerSec: 5,
          targetTimeSeries: [{ startSec: 0, ratePerSec: 5 }],
          abortReason: HOSTILE.abortReason,
          timeSeries: [windowPoint(0, "*", 9), windowPoint(0, HOSTILE.operation, 9)],
        },
      },
      {
        kind: "table",
        id: HOSTILE.sectionId,
        title: HOSTILE.sectionTitle,
        description: HOSTILE.sectionDescription,
        columns: [
          { key: HOSTILE.columnKey, label: HOSTILE.columnLabel, unit: HOSTILE.columnUnit },
          { key: "seed", label: "repro seed" },
        ],
        rows: [{ [HOSTILE.columnKey]: HOSTILE.cell, seed: 42 }],
        totalRows: 3,
      },
      {
        kind: "timeseries",
        id: HOSTILE.sectionId,
        title: HOSTILE.sectionTitle,
        description: HOSTILE.sectionDescription,
        xLabel: HOSTILE.xLabel,
        x: [0, 4, 8],
        series: [
          { name: HOSTILE.seriesName, unit: HOSTILE.seriesUnit, values: [0, 2, 1] },
          { name: "drift", unit: "count", values: [0, null, 3] },
        ],
      },
      {
        kind: "checklist",
        id: HOSTILE.sectionId,
        title: HOSTILE.sectionTitle,
        description: HOSTILE.sectionDescription,
        items: [
          { requirement: HOSTILE.requirement, source: HOSTILE.source, result: "pass", evidence: "ok" },
          { requirement: "retention", source: "policy", result: "not-checked", evidence: HOSTILE.checklist },
        ],
      },
    ],
  };
}
