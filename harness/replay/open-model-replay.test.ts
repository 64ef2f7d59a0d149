import { describe, expect, it } from "vitest";
import { syntheticEvents } from "../../test/support/synthetic-events.ts";
import type { ProvisioningCapability } from "../adapters/index.ts";
import type { TimeWindow } from "../measure/replay-stats.ts";
import { replayEvents } from "./open-model-replay.ts";

const instant: ProvisioningCapability = {
  apply: async (event) =>
    event.type === "top_up" && event.id.endsWith("-3")
      ? { status: 503, failure: { kind: "http_5xx", message: "HTTP 503" } }
      : { status: 200 },
};

describe("open-model replay", () => {
  it("reports each time window once, in order, as it closes, and the same windows in the result", async () => {
    const reported: TimeWindow[][] = [];
    const result = await replayEvents(syntheticEvents(300, 30), instant, {
      ratePerSec: 1000,
      concurrency: 8,
      windowMs: 50,
      onWindow: (points) => reported.push([...points]),
    });
    expect(reported.length).toBeGreaterThanOrEqual(5);
    expect(reported.flat()).toEqual(result.timeSeries);
    const starts = reported.map((points) => points[0]?.startSec ?? -1).filter((s) => s >= 0);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    const all = result.timeSeries.filter((p) => p.operation === "*");
    expect(all.reduce((a, p) => a + p.completed, 0)).toBe(300);
  });

  it("counts failures per operation with examples, and goes on", async () => {
    const events = syntheticEvents(300, 30);
    const result = await replayEvents(events, instant, {
      ratePerSec: 5000,
      concurrency: 8,
    });
    expect(result.completed).toBe(300);
    const topUp = result.operations.top_up;
    expect(topUp?.failures.http_5xx).toBe(events.filter((e) => e.id.endsWith("-3")).length);
    expect(topUp?.examples).toHaveLength(3);
    expect(topUp?.examples[0]).toMatchObject({ kind: "http_5xx", message: "HTTP 503" });
  });

  it("rejects a schedule that goes back in time", () => {
    expect(() =>
      replayEvents(syntheticEvents(3, 3), instant, {
        schedule: new Float64Array([0, 10, 5]),
        concurrency: 1,
      }),
    ).toThrow(/non-decreasing at event 2/);
  });

  it("stops on the signal and counts what was never sent", async () => {
    const controller = new AbortController();
    const promise = replayEvents(syntheticEvents(200, 20), instant, {
      ratePerSec: 100,
      concurrency: 4,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 100);
    const result = await promise;
    expect(result.aborted).toBe(true);
    expect(result.abortReason).toBe("interrupted (signal)");
    expect(result.unsent).toBeGreaterThan(100);
    expect(result.sent + result.unsent).toBe(200);
  });
});
