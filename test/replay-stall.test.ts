/**
 * Acceptance: no coordinated omission. The destination stalls for 1 s every 5 s while Tranche sends
 * at a constant rate over real loopback HTTP; latency measured from the intended send time shows the
 * stall in p99 (≥ 900 ms), where a closed-loop tool that waits for answers would report it as a few
 * slow requests.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContractAdapter } from "../harness/adapters/index.ts";
import { replayEvents } from "../harness/replay/open-model-replay.ts";
import { type StallingServer, startStallingServer } from "./support/stalling-server.ts";
import { syntheticEvents } from "./support/synthetic-events.ts";

let server: StallingServer;

beforeAll(async () => {
  server = await startStallingServer({ periodMs: 5000, stallMs: 1000, stallOffsetMs: 2000 });
});
afterAll(async () => {
  await server.close();
});

describe("latency from intended send time", () => {
  it("reports p99 >= 900 ms against a destination stalling 1 s every 5 s", async () => {
    const ratePerSec = 200;
    const events = syntheticEvents(ratePerSec * 10, ratePerSec * 10);
    const adapter = createContractAdapter({ baseUrl: server.url, token: "t", connections: 256 });
    try {
      const result = await replayEvents(events, adapter.capabilities.provisioning, {
        ratePerSec,
        concurrency: 256,
      });
      expect(result.completed).toBe(events.length);
      expect(result.unsent).toBe(0);
      expect(result.latency.p99Ms).toBeGreaterThanOrEqual(900);
      // Sends kept going during the stall (open model): the server got them while it was stalled.
      expect(result.sent).toBe(events.length);
      // Time series: one point per 10 s window and operation, plus "*" for all.
      expect(result.timeSeries.some((w) => w.operation === "*" && w.p99Ms >= 900)).toBe(true);
    } finally {
      await adapter.close();
    }
  }, 20_000);
});
