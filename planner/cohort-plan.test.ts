import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  arbitraryBase,
  arbitraryPolicy,
  baseOf,
  policyOf,
  stratum,
} from "../test/support/planner-fixtures.ts";
import { planCohorts } from "./cohort-plan.ts";

const base = baseOf([
  stratum({
    count: 700,
    activity: "active",
    arpuBand: "high",
    segment: "business",
    arpuMinorSum: 700 * 4001 + 3,
  }),
  stratum({ count: 300, activity: "inactive", arpuBand: "mid", arpuMinorSum: 300 * 999 + 1 }),
  stratum({
    count: 500,
    activity: "active",
    arpuBand: "low",
    anchorDay: 31,
    timezone: "America/New_York",
    currency: "USD",
  }),
]);

describe("planCohorts", () => {
  it("puts inactive lines first, then low ARPU, and cuts cohorts of the listed sizes (the last repeats)", () => {
    const plan = planCohorts(
      base,
      policyOf({ name: "p", cohorts: { sizes: [200, 400] }, ordering: ["inactive-first", "low-arpu-first"] }),
    );
    expect(plan.cohorts.map((c) => c.size)).toEqual([200, 400, 400, 400, 100]);
    expect(plan.cohorts[0]?.composition.activity).toEqual({ inactive: 200 });
    expect(plan.cohorts[1]?.composition.activity).toEqual({ inactive: 100, active: 300 });
    expect(plan.cohorts[1]?.composition.arpuBand).toEqual({ mid: 100, low: 300 });
    expect(plan.cohorts.at(-1)?.composition.arpuBand).toEqual({ high: 100 });
  });

  it("follows a growth rule capped at its max", () => {
    const plan = planCohorts(base, policyOf({ name: "p", cohorts: { first: 10, growth: 10, max: 500 } }));
    expect(plan.cohorts.map((c) => c.size)).toEqual([10, 100, 500, 500, 390]);
  });

  it("orders by any stratum field, listed values first and the rest ascending", () => {
    const plan = planCohorts(
      base,
      policyOf({
        name: "p",
        cohorts: { sizes: [500] },
        ordering: [{ by: "timezone", order: ["America/New_York"] }],
      }),
    );
    expect(plan.cohorts[0]?.composition.country).toEqual({ GB: 500 });
    expect(plan.groups[plan.cohorts[0]?.groupIds[0] ?? -1]?.timezone).toBe("America/New_York");
  });

  it("splits each stratum's ARPU sum exactly between the cohorts it straddles", () => {
    fc.assert(
      fc.property(arbitraryBase, arbitraryPolicy, (b, p) => {
        const plan = planCohorts(b, policyOf(p));
        const byCurrency: Record<string, number> = {};
        for (const c of plan.cohorts)
          for (const [cur, v] of Object.entries(c.revenueMinor)) byCurrency[cur] = (byCurrency[cur] ?? 0) + v;
        const expected: Record<string, number> = {};
        for (const row of b.rows) expected[row.currency] = (expected[row.currency] ?? 0) + row.arpuMinorSum;
        expect(byCurrency).toEqual(expected);
        expect(plan.cohorts.reduce((s, c) => s + c.size, 0)).toBe(b.subscribers);
      }),
    );
  });

  it("aligns high-value lines only when the policy says high-value", () => {
    const policy = (alignment: "always" | "high-value" | "never") =>
      planCohorts(base, policyOf({ name: "p", cohorts: { sizes: [1500] }, alignment })).cohorts[0]?.aligned;
    expect(policy("always")).toBe(1500);
    expect(policy("high-value")).toBe(700);
    expect(policy("never")).toBe(0);
  });

  it("refuses sizes that would make more than 5,000 cohorts", () => {
    expect(() =>
      planCohorts(baseOf([stratum({ count: 6000 })]), policyOf({ name: "tiny", cohorts: { sizes: [1] } })),
    ).toThrow(/policy "tiny": its cohort sizes cut the base of 6000 subscribers into more than 5000 cohorts/);
  });
});
