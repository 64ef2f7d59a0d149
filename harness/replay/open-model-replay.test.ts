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

  it("counts requests cut off by its own stop as interrupted, never as the destination's failures", async () => {
    // A writer that answers after 5 s unless the signal cuts it off first, as the HTTP adapter does.
    const hanging: ProvisioningCapability = {
      apply: (_event, _id, signal) =>
        new Promise((resolve) => {
          const timer = setTimeout(() => resolve({ status: 200 }), 5000);
          signal?.addEventListener("abort", () => {
            clearTimeout(timer);
            resolve({ status: 0, failure: { kind: "interrupted", message: "interrupted" } });
          });
        }),
    };
    const controller = new AbortController();
    const promise = replayEvents(syntheticEvents(40, 40), hanging, {
      ratePerSec: 200,
      concurrency: 8,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 100);
    const result = await promise;
    expect(result.interrupted).toBe(8);
    const failures = Object.values(result.operations).flatMap((op) => Object.values(op?.failures ?? {}));
    expect(failures.reduce((a, b) => a + (b ?? 0), 0)).toBe(0);
  });
});

describe("latency from the intended send time at low concurrency", () => {
  it("counts the wait for a free slot against the destination (coordinated omission avoided), service time apart", async () => {
    // One request in flight at a time, each answered after 100 ms: at most 10/s get through while
    // 50/s are due, so later events leave seconds after their intended time.
    const slow: ProvisioningCapability = {
      apply: () => new Promise((resolve) => setTimeout(() => resolve({ status: 200 }), 100)),
    };
    const events = syntheticEvents(60, 60);
    const result = await replayEvents(events, slow, { ratePerSec: 50, concurrency: 1 });
    expect(result.completed).toBe(60);
    // 60 events × 100 ms ≈ 6 s of service against a 1.2 s schedule: the last ones wait ~4.8 s.
    expect(result.latency.p99Ms).toBeGreaterThan(3000);
    // Measured from the actual send, each one took about 100 ms: that is service time, kept apart.
    const service = Object.values(result.operations).map((op) => op?.serviceTime.p99Ms ?? 0);
    expect(Math.max(...service)).toBeLessThan(1500);
  }, 30_000);
});
