import { describe, expect, it } from "vitest";
import { replayMetrics } from "./replay-metrics.ts";
import { createReplayCollector, timeSeriesOf } from "./replay-stats.ts";

/** Feeds `count` completions of `operation` with `latencyMs` into window `window` (10 s windows). */
function feed(
  collector: ReturnType<typeof createReplayCollector>,
  operation: string,
  window: number,
  count: number,
  latencyMs: number,
  failed = false,
) {
  const op = collector.operation(operation);
  for (let i = 0; i < count; i++) {
    op.planned++;
    op.sent++;
    collector.complete(
      op,
      `e${i}`,
      window * 10_000 + 1,
      latencyMs,
      latencyMs,
      failed ? { kind: "http_5xx", message: "HTTP 503" } : undefined,
    );
  }
}

describe("replay metrics", () => {
  const collector = createReplayCollector();
  feed(collector, "top_up", 0, 100, 10);
  feed(collector, "top_up", 1, 100, 20);
  feed(collector, "top_up", 2, 100, 40);
  feed(collector, "activation", 2, 10, 500, true);
  const metrics = replayMetrics({ collector, elapsedMs: 30_000 });

  it("reads percentiles, rates, counts and throughput over the run, per operation or all", () => {
    expect(metrics.value({ stat: "max", operation: "top_up" })).toBeCloseTo(40, 1);
    expect(metrics.value({ stat: "max" })).toBeCloseTo(500, 0);
    expect(metrics.value({ stat: "rate", arg: "errors" })).toBeCloseTo(10 / 310, 6);
    expect(metrics.value({ stat: "rate", arg: "errors", operation: "top_up" })).toBe(0);
    expect(metrics.value({ stat: "count", arg: "http_5xx" })).toBe(10);
    expect(metrics.value({ stat: "throughput", operation: "top_up" })).toBe(10);
    expect(metrics.value({ stat: "p", arg: 99, operation: "nope" })).toBeUndefined();
  });

  it("merges base windows into sliding windows (a 20 s p99 is a real p99 over two windows)", () => {
    const windows = metrics.windows({ stat: "p", arg: 99, operation: "top_up" }, 20_000) ?? [];
    expect(windows).toHaveLength(2);
    expect(windows[0]).toBeCloseTo(20, 1);
    expect(windows[1]).toBeCloseTo(40, 1);
    // A window longer than the run gives one value over everything.
    expect(metrics.windows({ stat: "p", arg: 50, operation: "top_up" }, 300_000)).toHaveLength(1);
    expect(metrics.windows({ stat: "rate", arg: "errors" }, 10_000)).toEqual([0, 0, 10 / 110]);
  });
});

describe("time series", () => {
  it("gives throughput per window, and counts only the covered part of the last window", () => {
    const collector = createReplayCollector();
    feed(collector, "top_up", 0, 100, 10);
    feed(collector, "top_up", 1, 50, 10);
    // The replay ended 15 s in: window 1 covered 5 s.
    const all = timeSeriesOf(collector, 15_000).filter((p) => p.operation === "*");
    expect(all.map((p) => [p.startSec, p.completed, p.throughputPerSec])).toEqual([
      [0, 100, 10],
      [10, 50, 10],
    ]);
  });
});
