import { describe, expect, it } from "vitest";
import { activityOf, arpuBandOf, BaseStratumSchema, isTimeZone } from "./base-strata.ts";

const DAY = 86_400_000;

describe("planning strata", () => {
  it("bands ARPU in major units of the line's currency", () => {
    expect(arpuBandOf(999, "GBP")).toBe("low");
    expect(arpuBandOf(1000, "GBP")).toBe("mid");
    expect(arpuBandOf(2500, "EUR")).toBe("high");
    expect(arpuBandOf(999, "JPY")).toBe("high"); // exponent 0: 999 yen is 999 major units
    expect(arpuBandOf(9_999, "KWD")).toBe("low"); // exponent 3: 9.999 dinars
  });

  it("counts a line idle 90 days or more as inactive, whatever its status says", () => {
    const ref = Date.UTC(2026, 2, 1);
    expect(activityOf("active", ref - 89 * DAY, ref)).toBe("active");
    expect(activityOf("active", ref - 90 * DAY, ref)).toBe("inactive");
    expect(activityOf("inactive", ref, ref)).toBe("inactive");
    expect(activityOf("barred", ref, ref)).toBe("suspended");
    expect(activityOf("terminated", ref, ref)).toBe("terminated");
  });

  it("accepts only IANA time zones and anchor days 1–31", () => {
    expect(isTimeZone("America/New_York")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    const row = {
      segment: "c",
      activity: "active",
      arpuBand: "low",
      anchorDay: 32,
      timezone: "Mars/Olympus",
      country: "GB",
      currency: "GBP",
      count: 1,
      arpuMinorSum: 0,
    };
    const issues = BaseStratumSchema.safeParse(row).error?.issues.map((i) => i.path.join("."));
    expect(issues).toEqual(["anchorDay", "timezone"]);
  });
});
