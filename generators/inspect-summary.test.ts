import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { generateBase } from "./base-generator.ts";
import { addToSummary, createSummary, finishSummary } from "./inspect-summary.ts";

describe("inspect summary of a base", () => {
  const base = [
    ...generateBase({ seed: 3, refDate: Temporal.Instant.from("2026-03-01T00:00:00Z"), count: 2000 }),
  ];

  it("counts every subscriber in exactly one planning stratum, with its ARPU", () => {
    const summary = createSummary("2026-03-01T00:00:00Z");
    for (const s of base) addToSummary(summary, s as unknown as Record<string, unknown>);
    const strata = finishSummary(summary).strata;
    expect(strata?.rows.reduce((n, r) => n + r.count, 0)).toBe(2000);
    expect(strata?.rows.reduce((n, r) => n + r.arpuMinorSum, 0)).toBe(
      base.reduce((n, s) => n + s.arpuMinor, 0),
    );
    expect(strata?.skipped).toBe(0);
    expect(summary.counts.activity?.inactive).toBe(base.filter((s) => s.status === "inactive").length);
  });

  it("measures idle time against the given reference instant", () => {
    const later = createSummary("2027-03-01T00:00:00Z");
    for (const s of base) addToSummary(later, s as unknown as Record<string, unknown>);
    // A year on, every line is idle for more than 90 days unless suspended or barred.
    expect(later.counts.activity?.active).toBeUndefined();
    expect(later.strata?.refDate).toBe("2027-03-01T00:00:00Z");
  });

  it("leaves out a record it cannot place, and says how many", () => {
    const summary = createSummary();
    const s = base[0] as unknown as Record<string, unknown>;
    addToSummary(summary, { ...s, billing: { ...(s.billing as object), timezone: "Nowhere/Land" } });
    addToSummary(summary, { ...s, billing: { ...(s.billing as object), anchorDay: 0 } });
    addToSummary(summary, s);
    expect(summary.strata?.skipped).toBe(2);
    expect(summary.strata?.rows).toHaveLength(1);
  });
});
