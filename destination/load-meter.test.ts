import { describe, expect, it } from "vitest";
import { createLoadMeter, overloadDelayMs, overloadFails } from "./load-meter.ts";

describe("load meter", () => {
  it("counts requests of the last second and forgets older ones", () => {
    const meter = createLoadMeter();
    for (let i = 0; i < 10; i++) meter.hit(1000 + i * 10);
    expect(meter.hit(1095)).toBe(11);
    expect(meter.hit(2150)).toBe(1);
  });

  it("adds 2 ms per request/s above the threshold, capped at 2 s, and fails every fourth request above it", () => {
    expect(overloadDelayMs(500, 500)).toBe(0);
    expect(overloadDelayMs(600, 500)).toBe(200);
    expect(overloadDelayMs(10_000, 500)).toBe(2000);
    expect(overloadFails(400, 500, 8)).toBe(false);
    expect([1, 2, 3, 4, 5, 6, 7, 8].filter((n) => overloadFails(600, 500, n))).toEqual([4, 8]);
  });
});
