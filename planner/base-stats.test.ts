import { describe, expect, it } from "vitest";
import { readBaseStats } from "./base-stats.ts";

const strata = {
  refDate: "2026-03-01T00:00:00Z",
  inactiveAfterIdleDays: 90,
  arpuBandLimitsMajor: [10, 25],
  skipped: 0,
  rows: [
    {
      segment: "consumer",
      activity: "active",
      arpuBand: "low",
      anchorDay: 5,
      timezone: "Europe/London",
      country: "GB",
      currency: "GBP",
      count: 3,
      arpuMinorSum: 2400,
    },
  ],
};

describe("readBaseStats", () => {
  it("reads the strata of an inspect summary", () => {
    const stats = readBaseStats({ kind: "base", records: 3, counts: {}, byHour: {}, strata }, "s.json");
    expect(stats.subscribers).toBe(3);
    expect(stats.currencies).toEqual(["GBP"]);
  });

  it("names what is wrong: another kind of file, an old summary, a bad field", () => {
    expect(() => readBaseStats({ kind: "traffic", records: 3 }, "t.json")).toThrow(
      /t.json: "kind": this is the summary of a traffic file/,
    );
    expect(() => readBaseStats({ kind: "base", records: 3 }, "old.json")).toThrow(
      /old.json: "strata": missing/,
    );
    const bad = { ...strata, rows: [{ ...strata.rows[0], anchorDay: 0 }] };
    expect(() => readBaseStats({ kind: "base", records: 3, strata: bad }, "b.json")).toThrow(
      /b.json: "strata.rows.0.anchorDay": /,
    );
  });
});
