/**
 * Acceptance: per-subscriber ordering under concurrency. A destination that records arrival order
 * sees every subscriber's events in capture order, each only after the previous one completed,
 * over 100,000 events of 10,000 subscribers with 64 requests in flight.
 */
import { describe, expect, it } from "vitest";
import type { ApplyOutcome, ProvisioningCapability } from "../harness/index.ts";
import { replayEvents } from "../harness/index.ts";
import { syntheticEvents } from "./support/synthetic-events.ts";

/** An in-process destination: answers after 0–3 event-loop turns, records what it saw. */
function recordingDestination() {
  const lastIndex = new Map<string, number>();
  const inFlight = new Set<string>();
  let violations = 0;
  let maxInFlight = 0;
  let current = 0;
  let turn = 0;
  const adapter: ProvisioningCapability = {
    async apply(event) {
      const sub = event.subscriberId;
      const n = Number(event.id.split("-")[2]);
      if (inFlight.has(sub) || (lastIndex.get(sub) ?? -1) !== n - 1) violations++;
      inFlight.add(sub);
      lastIndex.set(sub, n);
      current++;
      maxInFlight = Math.max(maxInFlight, current);
      // Deterministic, varied completion order: some answer at once, some after a few turns.
      const delayTurns = turn++ % 4;
      for (let i = 0; i < delayTurns; i++) await new Promise((resolve) => setImmediate(resolve));
      inFlight.delete(sub);
      current--;
      const outcome: ApplyOutcome =
        event.type === "activation" ? { status: 201, destinationId: `d-${sub}` } : { status: 200 };
      return outcome;
    },
  };
  return {
    adapter,
    get violations() {
      return violations;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    seen: lastIndex,
  };
}

describe("per-subscriber ordering", () => {
  it("keeps every subscriber's events in order over 100,000 events, 10,000 subscribers, concurrency 64", async () => {
    const events = syntheticEvents(100_000, 10_000);
    const destination = recordingDestination();
    const result = await replayEvents(events, destination.adapter, { ratePerSec: 100_000, concurrency: 64 });
    expect(result.completed).toBe(100_000);
    expect(result.unsent).toBe(0);
    expect(destination.violations).toBe(0);
    expect(destination.maxInFlight).toBeLessThanOrEqual(64);
    expect(destination.maxInFlight).toBeGreaterThan(1);
    expect(destination.seen.size).toBe(10_000);
    // Events did wait for their subscriber's previous event, and that wait is measured on its own.
    expect(result.orderingWait.count).toBeGreaterThan(0);
    // Identity mapping: activations' destination ids are kept for later events.
    expect(result.identities.get("sub-42")).toBe("d-sub-42");
  }, 60_000);
});
