import fc from "fast-check";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { COUNTRY_PROFILES, parseCountryMix, SubscriberSchema } from "../domain/index.ts";
import { createBaseGenerator, generateBaseRecords } from "./base-generator.ts";
import { ByteBuffer } from "./byte-buffer.ts";
import { LEGACY_DEFECT_RATES } from "./defects.ts";
import { isLuhnValid } from "./identifiers.ts";

const refDate = Temporal.Instant.from("2026-03-01T00:00:00Z");
const countries = parseCountryMix("GB:0.5,DE:0.3,US:0.2");
/** Defects far above real rates, so every kind shows up in a few hundred lines. */
const HEAVY = Object.fromEntries(Object.keys(LEGACY_DEFECT_RATES).map((k) => [k, 0.05]));

function validMsisdn(msisdn: string, country: string): boolean {
  const parsed = parsePhoneNumberFromString(msisdn);
  if (!parsed?.isValid() || parsed.country !== country || parsed.number !== msisdn) return false;
  return country === "US" ? parsed.getType() === "FIXED_LINE_OR_MOBILE" : parsed.getType() === "MOBILE";
}

describe("the two forms of a line", { timeout: 60_000 }, () => {
  it("agree for any seed: the bytes written are JSON.stringify of the subscriber object", () => {
    // Base files are written straight to bytes; every other check here reads the object form.
    const out = new ByteBuffer(1 << 16);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 53 - 1 }),
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.constantFrom("GB", "DE", "US", "GB:0.5,DE:0.3,US:0.2"),
        (seed, from, mix) => {
          const generator = createBaseGenerator({
            seed,
            refDate,
            count: from + 200,
            countries: parseCountryMix(mix),
            defects: HEAVY,
          });
          for (let i = from; i < from + 200; i++) {
            const record = generator.record(i);
            if (!generator.isClean(i)) continue;
            expect(record.defects).toEqual([]);
            out.truncate(0);
            generator.writeCleanLine(i, out);
            expect(out.text()).toBe(JSON.stringify(record.subscriber));
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("generated identifiers", { timeout: 60_000 }, () => {
  it("are valid and unique for any seed, except where the truth file marks a defect", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 53 - 1 }),
        fc.integer({ min: 0, max: 5_000_000 }),
        (seed, from) => {
          const count = from + 300;
          const records = [
            ...generateBaseRecords({ seed, refDate, count, countries, defects: HEAVY }, from, count),
          ];
          const seen = {
            msisdn: new Set<string>(),
            imsi: new Set<string>(),
            iccid: new Set<string>(),
            imei: new Set<string>(),
          };
          for (const { subscriber: s, defects } of records) {
            const marked = new Set(defects.map((d) => d.kind));
            const profile = COUNTRY_PROFILES[s.country ?? ""];
            expect(profile).toBeDefined();
            if (!profile) continue;
            expect(SubscriberSchema.safeParse(s).success).toBe(true);
            expect(validMsisdn(s.msisdn, profile.code)).toBe(true);
            if (!marked.has("duplicate_msisdn")) {
              expect(seen.msisdn.has(s.msisdn)).toBe(false);
              seen.msisdn.add(s.msisdn);
            }
            expect(s.imsi).toMatch(/^\d{15}$/);
            expect(s.imsi.startsWith(profile.host.mcc + profile.host.mnc)).toBe(true);
            expect(isLuhnValid(s.iccid)).toBe(!marked.has("bad_iccid_check_digit"));
            expect(s.iccid.startsWith(`89${profile.iccid.countryDigits}`)).toBe(true);
            expect(isLuhnValid(s.imei)).toBe(true);
            for (const key of ["imsi", "iccid", "imei"] as const) {
              expect(seen[key].has(s[key])).toBe(false);
              seen[key].add(s[key]);
            }
          }
        },
      ),
      { numRuns: 12 },
    );
  });

  it("mark exactly the records they broke: each truth line names a field that is really wrong", () => {
    const records = [...generateBaseRecords({ seed: 7, refDate, count: 3000, countries, defects: HEAVY })];
    const all = records.flatMap((r) => r.defects.map((d) => ({ d, s: r.subscriber })));
    const kinds = new Set(all.map(({ d }) => d.kind));
    expect([...kinds].sort()).toEqual(Object.keys(LEGACY_DEFECT_RATES).sort());
    const msisdnCount = new Map<string, number>();
    for (const r of records)
      msisdnCount.set(r.subscriber.msisdn, (msisdnCount.get(r.subscriber.msisdn) ?? 0) + 1);
    for (const { d, s } of all) {
      if (d.kind === "duplicate_msisdn") expect(msisdnCount.get(s.msisdn)).toBeGreaterThan(1);
      if (d.kind === "missing_kyc_fields") expect(Object.values(s.kyc)).toContain(null);
      if (d.kind === "plan_not_in_catalog") {
        const plans = COUNTRY_PROFILES[s.country ?? ""]?.catalog.map((p) => p.id) ?? [];
        expect(plans).not.toContain(s.planId);
      }
      if (d.kind === "orphan_account") expect(Number(s.accountId.slice(4))).toBeGreaterThanOrEqual(3000);
    }
    const clean = [...generateBaseRecords({ seed: 7, refDate, count: 3000, countries })];
    const unmarked = records.filter((r) => r.defects.length === 0);
    for (const r of unmarked)
      expect(r.subscriber).toEqual(clean[Number(r.subscriber.id.slice(4))]?.subscriber);
  });

  it("keep lawful-intercept targets out of the base: a separate list, no trace on the subscriber", () => {
    const records = [...generateBaseRecords({ seed: 3, refDate, count: 60_000, countries })];
    const targets = records.flatMap((r) => (r.liTarget ? [r.liTarget] : []));
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.length).toBeLessThan(20);
    for (const t of targets) {
      const s = records[Number(t.subscriberId.slice(4))]?.subscriber;
      expect(s?.msisdn).toBe(t.msisdn);
      expect(JSON.stringify(s)).not.toMatch(/LIID|intercept|warrant/i);
    }
  });
});
