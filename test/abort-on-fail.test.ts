/**
 * abortOnFail: a gate that fails while the replay runs stops the run; the result is INCOMPLETE
 * (exit 3) and the partial report names the gate that stopped it.
 */
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import type { DestinationAdapter } from "../harness/adapters/index.ts";
import { exitCodeOf } from "../harness/gates/verdict.ts";
import { createJournal } from "../harness/run/journal.ts";
import { runReadiness } from "../harness/run/run-readiness.ts";
import { render as renderMarkdown } from "../reports/markdown-report.ts";
import { provisioningReplay } from "../scenarios/provisioning-replay.ts";

/** A destination answering every write after 60 ms. */
const slowDestination: DestinationAdapter = {
  describe: () => "slow destination",
  health: async () => ({ status: "ok" }),
  apply: (event) =>
    new Promise((resolve) =>
      setTimeout(
        () =>
          resolve(
            event.type === "activation"
              ? { status: 201, destinationId: `d-${event.subscriberId}` }
              : { status: 200 },
          ),
        60,
      ),
    ),
  readSubscriber: async () => undefined,
  close: async () => {},
};

describe("abortOnFail", () => {
  it("stops the run when a live gate fails and says so in the partial report", async () => {
    const result = await runReadiness({
      profile: {
        name: "abort-test",
        description: "abortOnFail test",
        settings: { subscribers: 200, ratePerSec: 100, concurrency: 64, windowSec: 3600 },
        scenarios: [provisioningReplay],
        gates: [
          {
            id: "p99_fast",
            description: "p99 under 20 ms",
            expression: "p(99) < 20ms",
            severity: "blocker",
            abortOnFail: true,
            abortDelayMs: 500,
          },
        ],
      },
      seed: 7,
      refDate: Temporal.Instant.from("2026-03-01T00:00:00Z"),
      configFingerprint: "test",
      adapter: slowDestination,
      target: { kind: "test", description: "slow destination", defects: [] },
      journal: createJournal(null, () => "t"),
      signal: new AbortController().signal,
      clock: () => Temporal.Instant.from("2026-03-01T00:00:00Z"),
    });
    expect(result.complete).toBe(false);
    expect(result.verdict).toBe("INCOMPLETE");
    expect(exitCodeOf(result.verdict, false)).toBe(3);
    expect(result.incompleteReason).toMatch(/gate "p99_fast" failed at .* with abortOnFail/);
    const scenario = result.scenarios[0];
    expect(scenario?.replay?.unsent).toBeGreaterThan(0);
    expect(scenario?.replay?.abortReason).toContain("p99_fast");
    expect(result.gates[0]?.status).toBe("failed");
    const markdown = renderMarkdown(result);
    expect(markdown).toContain("Incomplete run");
    expect(markdown).toContain("abortOnFail");
    expect(markdown).toMatch(/Schedule: sent \d+ of \d+ \(unsent [1-9]\d*\)/);
  }, 20_000);
});
