import { Temporal } from "temporal-polyfill";
import { beforeAll, describe, expect, it } from "vitest";
import { COUNTRY_PROFILES, parseCountryMix, type Subscriber } from "../domain/index.ts";
import { anchorDayWeights, DEFAULT_BASE_DISTRIBUTIONS as D } from "./base-distributions.ts";
import { generateBase } from "./base-generator.ts";

const N = 100_000;
const MIX = { GB: 0.6, DE: 0.3, US: 0.1 } as const;
let base: Subscriber[] = [];

beforeAll(() => {
  base = [
    ...generateBase({
      seed: 20260301,
      refDate: Temporal.Instant.from("2026-03-01T00:00:00Z"),
      count: N,
      countries: parseCountryMix("GB:0.6,DE:0.3,US:0.1"),
    }),
  ];
}, 60_000);

const share = (xs: readonly Subscriber[], f: (s: Subscriber) => boolean) => xs.filter(f).length / xs.length;
const of = (country: string) => base.filter((s) => s.country === country);

describe("a 100,000-line base meets each configured share", { timeout: 60_000 }, () => {
  it("country mix within 1 point", () => {
    for (const [code, want] of Object.entries(MIX))
      expect(Math.abs(share(base, (s) => s.country === code) - want)).toBeLessThan(0.01);
  });

  it("prepaid split per country within 1.5 points, business lines postpaid and ~12% of lines", () => {
    for (const code of Object.keys(MIX)) {
      const want = COUNTRY_PROFILES[code]?.prepaidShare ?? 0;
      expect(Math.abs(share(of(code), (s) => s.paymentType === "prepaid") - want)).toBeLessThan(0.015);
    }
    const business = base.filter((s) => s.segment === "business");
    expect(Math.abs(business.length / N - D.businessLineShare)).toBeLessThan(0.015);
    expect(business.every((s) => s.paymentType === "postpaid")).toBe(true);
    const lines = new Map<string, number>();
    for (const s of business) lines.set(s.accountId, (lines.get(s.accountId) ?? 0) + 1);
    expect(Math.max(...lines.values())).toBeGreaterThanOrEqual(40);
    expect(new Set(business.map((s) => `${s.accountId}:${s.country}`)).size).toBe(lines.size);
  });

  it("plan mix within each payment type per country within 2 points; ARPU medians near the plan's", () => {
    for (const code of Object.keys(MIX)) {
      const profile = COUNTRY_PROFILES[code];
      if (!profile) throw new Error(code);
      for (const plan of profile.planMix) {
        const type = profile.catalog.find((p) => p.id === plan.planId)?.paymentType;
        const xs = of(code).filter((s) => s.paymentType === type);
        expect(Math.abs(share(xs, (s) => s.planId === plan.planId) - plan.share)).toBeLessThan(0.02);
        const arpu = xs
          .filter((s) => s.planId === plan.planId)
          .map((s) => s.arpuMinor)
          .sort((a, b) => a - b);
        const median = arpu[Math.floor(arpu.length / 2)] ?? 0;
        // Log-normal median: standard error of log(median) is 1.2533·σ/√n; allow four of them.
        const tolerance = (4 * 1.2533 * plan.arpuSigma) / Math.sqrt(arpu.length);
        expect(Math.abs(Math.log(median / plan.arpuMedianMinor))).toBeLessThan(tolerance);
      }
    }
  });

  it("status mix within 1 point; inactive lines idle 90+ days", () => {
    for (const [status, want] of D.statusMix)
      expect(Math.abs(share(base, (s) => s.status === status) - want)).toBeLessThan(0.01);
    const ref = Date.parse("2026-03-01T00:00:00Z");
    for (const s of base.filter((x) => x.status === "inactive")) {
      expect(ref - Date.parse(s.lastActivityAt)).toBeGreaterThanOrEqual(90 * 86_400_000);
    }
  });

  it("anchor days follow the calendar weights, 29–31 included", () => {
    const weights = anchorDayWeights(D);
    const total = weights.reduce((a, [, w]) => a + w, 0);
    for (const [day, w] of weights) {
      expect(Math.abs(share(base, (s) => s.billing.anchorDay === day) - w / total)).toBeLessThan(0.004);
    }
    expect(share(base, (s) => s.billing.anchorDay >= 29)).toBeGreaterThan(0.05);
  });

  it("time zones, ported-in share and KYC completeness follow each country's rule", () => {
    expect(Math.abs(share(of("US"), (s) => s.billing.timezone === "America/New_York") - 0.47)).toBeLessThan(
      0.03,
    );
    expect(
      of("DE").every((s) => s.billing.timezone === "Europe/Berlin" && s.billing.currency === "EUR"),
    ).toBe(true);
    for (const code of Object.keys(MIX)) {
      const profile = COUNTRY_PROFILES[code];
      if (!profile) throw new Error(code);
      expect(
        Math.abs(share(of(code), (s) => s.porting.portedIn) - profile.porting.portedInShare),
      ).toBeLessThan(0.02);
      const donors = new Set(of(code).flatMap((s) => (s.porting.donor ? [s.porting.donor] : [])));
      expect([...donors].sort()).toEqual(profile.porting.donors.map(([d]) => d).sort());
      for (const type of ["prepaid", "postpaid"] as const) {
        const rule = profile.kyc[type];
        const complete = share(
          of(code).filter((s) => s.paymentType === type),
          (s) => s.kyc.name !== null,
        );
        if (rule.required) expect(complete).toBe(1);
        else expect(Math.abs(complete - rule.voluntaryShare)).toBeLessThan(0.03);
      }
    }
  });
});
