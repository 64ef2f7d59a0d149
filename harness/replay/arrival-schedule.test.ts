import { describe, expect, it } from "vitest";
import { captureSchedule, constantSchedule, profileSchedule } from "./arrival-schedule.ts";

describe("arrival schedules", () => {
  it("spaces a constant rate evenly", () => {
    expect([...constantSchedule(3, 4)]).toEqual([0, 250, 500]);
    expect([...profileSchedule(3, { kind: "constant", ratePerSec: 4 })]).toEqual([0, 250, 500]);
  });

  it("ramps: arrivals speed up, and the last rate holds after the ramp", () => {
    // 0 → 100/s over 10 s is 500 events; then 100/s.
    const s = profileSchedule(600, { kind: "ramp", fromPerSec: 0, toPerSec: 100, durationSec: 10 });
    expect(s[500]).toBeCloseTo(10_000, 6);
    expect(s[550]).toBeCloseTo(10_500, 6);
    expect((s[101] as number) - (s[100] as number)).toBeGreaterThan((s[401] as number) - (s[400] as number));
  });

  it("steps through rates in order", () => {
    const s = profileSchedule(30, {
      kind: "steps",
      steps: [
        { ratePerSec: 10, durationSec: 1 },
        { ratePerSec: 20, durationSec: 1 },
      ],
    });
    expect(s[10]).toBeCloseTo(1000, 6);
    expect(s[20]).toBeCloseTo(1500, 6);
    expect(s[29]).toBeCloseTo(1950, 6);
  });

  it("scales captured timing by speed and keeps late deliveries in capture order", () => {
    const at = (ms: number) => ({ at: new Date(Date.UTC(2026, 2, 1) + ms).toISOString() });
    expect([...captureSchedule([at(0), at(1000), at(500), at(3000)], 5)]).toEqual([0, 200, 200, 600]);
  });

  it("rejects a profile without a positive rate", () => {
    expect(() => profileSchedule(1, { kind: "constant", ratePerSec: 0 })).toThrow(/positive rate/);
  });
});
