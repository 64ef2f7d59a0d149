/** A hand-built run result for reporter tests, with hostile strings where a destination could inject them. */
import type { RunResult } from "../../harness/run/run-result.ts";

/** A NOT READY result with one failed blocker whose evidence carries markup. */
export function sampleRunResult(overrides: Partial<RunResult> = {}): RunResult {
  return {
    schemaVersion: 1,
    runId: "run-20260301T000000Z-42",
    harnessVersion: "0.1.0",
    seed: 42,
    refDate: "2026-03-01T00:00:00Z",
    configFingerprint: "abcdef0123456789",
    profile: "smoke",
    target: {
      kind: "url",
      description: 'contract API at http://127.0.0.1:1 <script>alert("t")</script>',
      defects: [],
    },
    startedAt: "2026-03-01T00:00:00Z",
    finishedAt: "2026-03-01T00:00:05Z",
    complete: true,
    incompleteReason: null,
    scenarios: [
      {
        name: "provisioning-replay",
        description: "replay",
        complete: true,
        measurements: [{ name: "state_mismatches", value: 2, unit: "count" }],
        operations: [
          {
            operation: "plan_change",
            sent: 10,
            ok: 9,
            failures: { http_5xx: 1 },
            examples: [{ eventId: "e1", kind: "http_5xx", message: "<img src=x onerror=alert(1)>" }],
            latencyMs: { p50: 1, p90: 2, p95: 3, p99: 4, p999: 5, max: 6, mean: 1.5 },
            serviceTimeMs: { p50: 1, p90: 2, p95: 3, p99: 4, p999: 5, max: 6, mean: 1.5 },
          },
        ],
        notes: [],
      },
    ],
    gates: [
      {
        id: "state_mismatches",
        description: "state matches",
        measurement: "state_mismatches",
        expression: "state_mismatches == 0",
        value: 2,
        threshold: 0,
        unit: "count",
        severity: "blocker",
        weight: 3,
        status: "failed",
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
        measurement: "latency_p99_ms",
        expression: "latency_p99_ms < 800ms",
        value: 4,
        threshold: 800,
        unit: "ms",
        severity: "major",
        weight: 1,
        status: "passed",
        evidence: { summary: "ok" },
      },
    ],
    verdict: "NOT READY",
    score: 25,
    ...overrides,
  };
}
