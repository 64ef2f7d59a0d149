import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { billingPeriodAt } from "../domain/index.ts";
import { BillingCalendar } from "./billing-calendar.ts";

const ZONES = [
  "Europe/London",
  "Europe/Berlin",
  "America/New_York",
  "America/Los_Angeles",
  "Australia/Sydney",
];
const start = Temporal.PlainDate.from("2026-01-01");

describe("BillingCalendar", () => {
  it("agrees with billingPeriodAt on every period start, in every zone, across DST and short months", () => {
    const groups = ZONES.flatMap((timezone) =>
      Array.from({ length: 31 }, (_, i) => ({ timezone, anchorDay: i + 1 })),
    );
    const calendar = new BillingCalendar(start, "Europe/London", groups);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: groups.length - 1 }),
        fc.integer({ min: 0, max: 700 }),
        fc.constantFrom("local", ...ZONES),
        (group, day, zone) => {
          const g = groups[group] as (typeof groups)[number];
          const sec = calendar.cutoverSec(day, zone === "local" ? g.timezone : zone);
          const period = billingPeriodAt(
            Temporal.Instant.fromEpochMilliseconds(sec * 1000),
            g.anchorDay,
            g.timezone,
          );
          const periodStart = period.start.epochMilliseconds / 1000;
          expect(calendar.isPeriodStart(group, sec)).toBe(periodStart === sec);
          const next = calendar.nextPeriodStart(group, sec);
          expect(next).toBe(periodStart === sec ? sec : period.end.epochMilliseconds / 1000);
          expect(calendar.isPeriodStart(group, next)).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("clamps anchor 31 to the last day of February", () => {
    const calendar = new BillingCalendar(start, "Europe/London", [
      { timezone: "Europe/London", anchorDay: 31 },
    ]);
    const feb28 = start.until(Temporal.PlainDate.from("2026-02-28"), { largestUnit: "days" }).days;
    expect(calendar.isPeriodStart(0, calendar.cutoverSec(feb28))).toBe(true);
    expect(calendar.isPeriodStart(0, calendar.cutoverSec(feb28 - 1))).toBe(false);
  });

  it("counts calendar days, so an instant never lands on the wrong date across a DST change", () => {
    const calendar = new BillingCalendar(start, "Europe/London", []);
    // 29 March 2026 is 23 hours long in London.
    for (let day = 80; day < 95; day++) {
      expect(calendar.dayOf(calendar.cutoverSec(day))).toBe(day);
      expect(calendar.dateAt(calendar.dayOf(calendar.cutoverSec(day) + 3600))).toBe(
        start.add({ days: day }).toString(),
      );
    }
  });

  it("treats the cutover instant in another zone as mid-period: London midnight is 01:00 in Berlin", () => {
    const calendar = new BillingCalendar(start, "Europe/London", [
      { timezone: "Europe/Berlin", anchorDay: 1 },
    ]);
    const feb1 = start.until(Temporal.PlainDate.from("2026-02-01"), { largestUnit: "days" }).days;
    expect(calendar.isPeriodStart(0, calendar.cutoverSec(feb1))).toBe(false);
    expect(calendar.isPeriodStart(0, calendar.cutoverSec(feb1, "Europe/Berlin"))).toBe(true);
  });
});
