import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { COUNTRY_PROFILES } from "./countries.ts";
import { RegulationOverridesSchema, regulationFor, windowStart } from "./regulation.ts";
import { DE_HOLIDAYS, GB_HOLIDAYS, REGULATORY_PROFILES, US_HOLIDAYS } from "./regulation-data.ts";
import { addWorkingDays, isWorkingDay, nextWorkingTime } from "./working-days.ts";

const at = (iso: string) => Temporal.Instant.from(iso);

describe("regulatory data", () => {
  it("has a regulatory profile for every country profile, each block with a source", () => {
    expect(Object.keys(REGULATORY_PROFILES).sort()).toEqual(Object.keys(COUNTRY_PROFILES).sort());
    for (const profile of Object.values(REGULATORY_PROFILES)) {
      expect(profile.retention.source.length).toBeGreaterThan(10);
      expect(profile.porting.source.length).toBeGreaterThan(10);
      expect(profile.kyc.prepaid.source.length).toBeGreaterThan(10);
      expect(profile.kyc.postpaid.source.length).toBeGreaterThan(10);
    }
  });

  it("lists holidays that fall on weekdays, inside the calendar's years, once each", () => {
    for (const calendar of [GB_HOLIDAYS, DE_HOLIDAYS, US_HOLIDAYS]) {
      expect(new Set(calendar.dates).size).toBe(calendar.dates.length);
      for (const iso of calendar.dates) {
        const date = Temporal.PlainDate.from(iso);
        // DE's fixed holidays may fall on a weekend (no substitute days in Germany).
        if (calendar !== DE_HOLIDAYS) expect(date.dayOfWeek, iso).toBeLessThan(6);
        expect(date.year).toBeGreaterThanOrEqual(calendar.years[0]);
        expect(date.year).toBeLessThanOrEqual(calendar.years[1]);
      }
    }
    // Easter 2026 is 5 April: Good Friday 3 April, Easter Monday 6 April, Ascension 14 May.
    expect(DE_HOLIDAYS.dates).toEqual(expect.arrayContaining(["2026-04-03", "2026-04-06", "2026-05-14"]));
  });
});

describe("working days", () => {
  it("skips weekends and holidays, keeping the local time", () => {
    // Thursday 2 April 2026 10:00 London; Good Friday and Easter Monday are bank holidays.
    expect(addWorkingDays(at("2026-04-02T09:00:00Z"), 1, "Europe/London", GB_HOLIDAYS).toString()).toBe(
      "2026-04-07T09:00:00Z",
    );
    // A plain Tuesday: the next day, same time.
    expect(addWorkingDays(at("2026-03-03T10:00:00Z"), 1, "Europe/Berlin", DE_HOLIDAYS).toString()).toBe(
      "2026-03-04T10:00:00Z",
    );
  });

  it("counts a request on a non-working day from the next working day's start", () => {
    // Saturday 7 March 2026: one working day ends at the end of Monday (00:00 Tuesday, London).
    expect(addWorkingDays(at("2026-03-07T12:00:00Z"), 1, "Europe/London", GB_HOLIDAYS).toString()).toBe(
      "2026-03-10T00:00:00Z",
    );
    expect(isWorkingDay(Temporal.PlainDate.from("2026-07-03"), US_HOLIDAYS)).toBe(false);
  });

  it("refuses a date outside the calendar instead of guessing", () => {
    expect(() => addWorkingDays(at("2029-01-02T10:00:00Z"), 1, "Europe/London", GB_HOLIDAYS)).toThrow(
      /covers 2025–2027/,
    );
  });

  it("finds the next working-day time", () => {
    expect(
      nextWorkingTime(at("2026-03-06T15:00:00Z"), "10:00", "Europe/London", GB_HOLIDAYS).toString(),
    ).toBe("2026-03-09T10:00:00Z");
  });
});

describe("overrides", () => {
  it("replace a block and mark the version", () => {
    const overrides = RegulationOverridesSchema.parse({
      GB: { retention: { window: "P6M", source: "retention notice 2026/17" } },
    });
    const gb = regulationFor("GB", overrides);
    expect(gb.retention.window).toBe("P6M");
    expect(gb.retention.source).toBe("retention notice 2026/17");
    expect(gb.version).toBe("gb-reg-2026.1+config");
    expect(regulationFor("DE", overrides)).toBe(REGULATORY_PROFILES.DE);
  });

  it("are refused without a source, for an unknown country, or with a bad period", () => {
    expect(RegulationOverridesSchema.safeParse({ GB: { retention: { window: "P6M" } } }).success).toBe(false);
    const unknown = RegulationOverridesSchema.safeParse({ FR: {} });
    expect(unknown.success).toBe(false);
    expect(unknown.error?.issues[0]?.message).toMatch(/no regulatory profile for "FR"/);
    const bad = RegulationOverridesSchema.safeParse({
      GB: { retention: { window: "12 months", source: "x y z" } },
    });
    expect(bad.error?.issues[0]?.path).toEqual(["GB", "retention", "window"]);
  });

  it("compute window starts by calendar months", () => {
    expect(windowStart(at("2026-03-31T12:00:00Z"), "P12M").toString()).toBe("2025-03-31T12:00:00Z");
    expect(windowStart(at("2026-03-01T00:00:00Z"), "P18M").toString()).toBe("2024-09-01T00:00:00Z");
  });
});
