/**
 * abortOnFail: a gate that fails while the replay runs stops the run; the result is INCOMPLETE
 * (exit 3) and the partial report names the gate that stopped it.
 */
import { describe, expect, it } from "vitest";
import type { DestinationTarget } from "../harness/index.ts";
import { exitCodeOf } from "../harness/index.ts";
import { REPORTERS } from "../reports/index.ts";
import { runProfile } from "./support/run-profile.ts";

/** A destination answering every write after 60 ms. */
const slowDestination: DestinationTarget = {
  describe: () => "slow destination",
  health: async () => ({ status: "ok" }),
  capabilities: {
    provisioning: {
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
    },
    "state-read": { readSubscriber: async () => undefined, findByExternalId: async () => [] },
  },
  close: async () => {},
};

describe("abortOnFail", () => {
  it("stops the run when a live gate fails and says so in the partial report", async () => {
    const result = await runProfile("smoke", slowDestination, {
      seed: 7,
      world: { subscribers: 200 },
      // The gate must fail on the destination's 60 ms, whatever the machine's load does to the harness.
      suites: { "provisioning.replay": { ratePerSec: 100, concurrency: 64, harnessLagBudgetMs: 60_000 } },
      gates: [
        {
          id: "p99_fast",
          description: "p99 under 20 ms",
          expression: "p(99) < 20ms",
          suite: "provisioning.replay",
          severity: "blocker",
          abortOnFail: true,
          abortDelayMs: 500,
        },
      ],
    });
    expect(result.complete).toBe(false);
    expect(result.verdict).toBe("INCOMPLETE");
    expect(exitCodeOf(result.verdict, false)).toBe(3);
    expect(result.incompleteReason).toMatch(/gate "p99_fast" failed at .* with abortOnFail/);
    const replay = result.suites[0]?.sections.find((s) => s.kind === "replay");
    expect(replay?.kind === "replay" && replay.replay.unsent).toBeGreaterThan(0);
    expect(replay?.kind === "replay" && replay.replay.abortReason).toContain("p99_fast");
    expect(result.gates[0]?.status).toBe("failed");
    const markdown = REPORTERS.markdown?.render(result) ?? "";
    expect(markdown).toContain("Incomplete run");
    expect(markdown).toContain("abortOnFail");
    expect(markdown).toMatch(/Schedule: sent \d+ of \d+ \(unsent [1-9]\d*\)/);
  }, 20_000);
});
