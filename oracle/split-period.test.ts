import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { formatMinor } from "../domain/index.ts";
import { BillingPolicySchema, type PolicyRounding, type ProrationBasis } from "./billing-policy.ts";
import { splitPeriod } from "./split-period.ts";

const policy = (proration: ProrationBasis = "daily", rounding: PolicyRounding = "half-up") =>
  BillingPolicySchema.parse({ proration, rounding });

const ISSUE_EXAMPLE = {
  feeMinor: 2495,
  currency: "EUR" as const,
  anchorDay: 15,
  timeZone: "Europe/Berlin",
  cutover: Temporal.Instant.from("2024-03-01T10:00:00Z"),
};

describe("the split rule", () => {
  it("bills legacy 15 of the 29 days of the leap-year period and the destination the remainder", () => {
    const split = splitPeriod({ ...ISSUE_EXAMPLE, policy: policy(), legacyRounding: "half-up" });
    expect(split.frame.period.start.toString()).toBe("2024-02-15T00:00:00+01:00[Europe/Berlin]");
    expect(split.frame.days).toBe(29);
    expect([split.legacyUnits, split.totalUnits]).toEqual([15, 29]);
    // 2495 × 15 / 29 = 1290.52
    expect(split.legacyMinor).toBe(1291);
    expect(split.destinationMinor).toBe(1204);
    expect(split.line?.rule).toBe("recurring.split-remainder");
  });

  it("rounds legacy's share by legacy's rule; the destination takes whatever is left", () => {
    const down = splitPeriod({ ...ISSUE_EXAMPLE, policy: policy(), legacyRounding: "down" });
    expect([down.legacyMinor, down.destinationMinor]).toEqual([1290, 1205]);
  });

  it("at an exact tie each mode rounds its own way and the parts still sum to the price", () => {
    // A 30-day period (anchor 1, April), cutover on the 16th: 15 of 30 days, 25 × 15 / 30 = 12.5.
    const base = {
      feeMinor: 25,
      currency: "GBP" as const,
      anchorDay: 1,
      timeZone: "Europe/London",
      cutover: Temporal.Instant.from("2026-04-16T08:00:00Z"),
      policy: policy(),
    };
    const parts = (["half-up", "half-even", "down"] as const).map((legacyRounding) => {
      const s = splitPeriod({ ...base, legacyRounding });
      return [s.legacyMinor, s.destinationMinor];
    });
    expect(parts).toEqual([
      [13, 12],
      [12, 13],
      [12, 13],
    ]);
  });

  it("prorates by seconds across the real length of the period", () => {
    const split = splitPeriod({ ...ISSUE_EXAMPLE, policy: policy("seconds"), legacyRounding: "half-up" });
    expect(split.totalUnits).toBe(29 * 86_400);
    expect(split.legacyUnits).toBe(15 * 86_400 + 11 * 3600);
    // 2495 × 1,335,600 / 2,505,600 = 1329.95
    expect([split.legacyMinor, split.destinationMinor]).toEqual([1330, 1165]);
  });

  it("counts a period holding the daylight-saving start an hour short by seconds", () => {
    const split = splitPeriod({
      ...ISSUE_EXAMPLE,
      cutover: Temporal.Instant.from("2026-04-01T00:00:00Z"),
      policy: policy("seconds"),
      legacyRounding: "half-up",
    });
    expect(split.frame.days).toBe(31);
    expect(split.totalUnits).toBe(31 * 86_400 - 3600);
  });

  it("prorates 30-day months: 15 days are half the fee whatever the month", () => {
    const split = splitPeriod({ ...ISSUE_EXAMPLE, policy: policy("30-day"), legacyRounding: "half-even" });
    expect([split.legacyUnits, split.totalUnits]).toEqual([15, 30]);
    // 2495 × 15 / 30 = 1247.5 → to even 1248
    expect([split.legacyMinor, split.destinationMinor]).toEqual([1248, 1247]);
  });

  it("uses the cutover's local date: 23:30 UTC is already the next day in Berlin and still the same day in New York", () => {
    const at = Temporal.Instant.from("2026-03-09T23:30:00Z");
    const berlin = splitPeriod({
      ...ISSUE_EXAMPLE,
      anchorDay: 1,
      timeZone: "Europe/Berlin",
      cutover: at,
      policy: policy(),
      legacyRounding: "half-up",
    });
    const newYork = splitPeriod({
      ...ISSUE_EXAMPLE,
      anchorDay: 1,
      timeZone: "America/New_York",
      cutover: at,
      policy: policy(),
      legacyRounding: "half-up",
    });
    expect(berlin.legacyUnits).toBe(9);
    expect(newYork.legacyUnits).toBe(8);
  });

  it("keeps every currency in its own minor units (JPY 0, KWD and BHD 3 decimals)", () => {
    const yen = splitPeriod({
      ...ISSUE_EXAMPLE,
      feeMinor: 3980,
      currency: "JPY",
      timeZone: "Asia/Tokyo",
      policy: policy(),
      legacyRounding: "half-up",
    });
    expect(yen.legacyMinor + yen.destinationMinor).toBe(3980);
    expect(formatMinor(yen.destinationMinor, "JPY")).toBe(String(yen.destinationMinor));
    const fils = splitPeriod({
      ...ISSUE_EXAMPLE,
      feeMinor: 7500,
      currency: "KWD",
      timeZone: "Asia/Kuwait",
      policy: policy(),
      legacyRounding: "half-up",
    });
    expect(formatMinor(fils.legacyMinor + fils.destinationMinor, "KWD")).toBe("7.500");
    expect(formatMinor(4125, "BHD")).toBe("4.125");
  });

  it("sums to the full price for every cutover day, basis and rounding", () => {
    for (const proration of ["daily", "seconds", "30-day"] as const)
      for (const legacyRounding of ["half-up", "half-even", "down"] as const)
        for (let day = 0; day < 62; day++) {
          const s = splitPeriod({
            ...ISSUE_EXAMPLE,
            anchorDay: 31,
            cutover: Temporal.Instant.from("2027-01-20T07:00:00Z").add({ hours: 24 * day + 5 }),
            policy: policy(proration),
            legacyRounding,
          });
          expect(s.legacyMinor + s.destinationMinor).toBe(2495);
        }
  });
});
