/**
 * A hand-built run result for reporter tests, with hostile strings wherever a destination or a
 * config can put text: target description, evidence, failure examples, suite titles, descriptions,
 * notes, reasons, section titles, table cells and checklist evidence.
 */
import type { RunResult } from "../../domain/index.ts";

/** Markup that must stay inert text in every report. */
export const HOSTILE = {
  target: 'contract API at http://127.0.0.1:1 <script>alert("t")</script>',
  example: "<img src=x onerror=alert(1)>",
  title: "Replay <script>alert('title')</script>",
  description: "desc </p><script>alert('desc')</script>",
  note: "note <iframe src=javascript:alert('note')></iframe>",
  reason: "reason <svg onload=alert('reason')>",
  cell: "cell </td><script>alert('cell')</script>",
  checklist: "evidence <a href=javascript:alert('x')>x</a>",
} as const;

/** A NOT READY result with one failed blocker whose evidence carries markup. */
export function sampleRunResult(overrides: Partial<RunResult> = {}): RunResult {
  const percentiles = { p50: 1, p90: 2, p95: 3, p99: 4, p999: 5, max: 6, mean: 1.5 };
  return {
    schemaVersion: 2,
    runId: "run-20260301T000000Z-42",
    harnessVersion: "0.1.0",
    seed: 42,
    refDate: "2026-03-01T00:00:00Z",
    configFingerprint: "abcdef0123456789",
    profile: "smoke",
    target: {
      kind: "url",
      description: HOSTILE.target,
      defects: [],
      capabilities: ["provisioning", "state-read"],
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
        measurements: [{ name: "provisioning.replay.state_mismatches", value: 2, unit: "count" }],
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
              abortReason: null,
              timeSeries: [],
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
    ],
    verdict: "NOT READY",
    score: 25,
    ...overrides,
  };
}
