import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { billingPeriodAt, nextPeriod, prorateRecurring } from "./billing-period.ts";
import { money } from "./money.ts";

const at = (iso: string) => Temporal.Instant.from(iso);

describe("billingPeriodAt", () => {
  it("clamps anchor 31 to the end of short months", () => {
    const p = billingPeriodAt(at("2026-02-15T12:00:00Z"), 31, "Europe/London");
    expect(p.start.toPlainDate().toString()).toBe("2026-01-31");
    expect(p.end.toPlainDate().toString()).toBe("2026-02-28");
    expect(p.days).toBe(28);
  });

  it("uses 29 February in a leap year for anchors 29–31", () => {
    const p = billingPeriodAt(at("2028-03-10T00:00:00Z"), 30, "Europe/London");
    expect(p.start.toPlainDate().toString()).toBe("2028-02-29");
    expect(p.end.toPlainDate().toString()).toBe("2028-03-30");
  });

  it("starts the period at local midnight in the subscriber's time zone", () => {
    // 23:30 UTC on 31 May is already 1 June in Berlin: the anchor-1 period of June has begun.
    const p = billingPeriodAt(at("2026-05-31T23:30:00Z"), 1, "Europe/Berlin");
    expect(p.start.toPlainDate().toString()).toBe("2026-06-01");
    expect(p.start.toInstant().toString()).toBe("2026-05-31T22:00:00Z");
  });

  it("chains periods without gaps", () => {
    const p = billingPeriodAt(at("2026-01-20T00:00:00Z"), 31, "America/New_York");
    const q = nextPeriod(p, 31, "America/New_York");
    expect(q.start.equals(p.end)).toBe(true);
    expect(q.end.toPlainDate().toString()).toBe("2026-02-28");
  });
});

describe("prorateRecurring", () => {
  it("uses actual days in the period, not 30-day months", () => {
    const p = billingPeriodAt(at("2026-02-10T00:00:00Z"), 1, "Europe/London"); // February: 28 days
    const fee = money(2800, "GBP");
    const part = prorateRecurring(
      fee,
      p,
      Temporal.PlainDate.from("2026-02-15"),
      Temporal.PlainDate.from("2026-03-01"),
      "half-up",
    );
    expect(part.amountMinor).toBe(1400);
  });

  it("clamps the charged days to the period: dates outside it count for nothing", () => {
    const p = billingPeriodAt(at("2026-02-10T00:00:00Z"), 1, "Europe/London"); // 2026-02-01 – 2026-03-01
    const fee = money(2800, "GBP");
    const day = (d: string) => Temporal.PlainDate.from(d);
    // A span reaching before and after the period charges the whole period, never more.
    expect(prorateRecurring(fee, p, day("2026-01-15"), day("2026-03-20"), "half-up").amountMinor).toBe(2800);
    // From before the period to mid-period: only the days inside (14 of 28).
    expect(prorateRecurring(fee, p, day("2025-12-01"), day("2026-02-15"), "half-up").amountMinor).toBe(1400);
    // Entirely after the period: nothing.
    expect(prorateRecurring(fee, p, day("2026-03-05"), day("2026-03-20"), "half-up").amountMinor).toBe(0);
  });
});
