/**
 * Per-country setup of a generator run, computed once and shared by every record: keyed
 * permutations of the numbering ranges, weighted tables of the profile's distributions, and the
 * billing period start of each (anchor day, time zone) at the reference date. Temporal runs here
 * only, a few hundred times per run, never per record.
 */
import type { Temporal } from "temporal-polyfill";
import {
  billingPeriodAt,
  type CountryProfile,
  countryProfile,
  hashString,
  mobileRangeSize,
  type Plan,
  type PlanShare,
  profileForMsisdn,
  type Subscriber,
} from "../domain/index.ts";
import { createPermutation, padDigits, withLuhn } from "./identifiers.ts";
import { WeightedTable } from "./weighted-table.ts";

/** Type allocation codes (first 8 IMEI digits) of common handset models. */
export const TACS = [
  "35332510",
  "35391110",
  "35875311",
  "35290611",
  "86891204",
  "35467109",
  "35925406",
  "35306011",
  "35407115",
  "35851910",
  "35602010",
  "35438210",
  "86776703",
  "35203110",
  "35176111",
  "35924311",
] as const;

export interface PeriodInfo {
  readonly startIso: string;
  readonly startMs: number;
  readonly endMs: number;
}

/** Everything per country that records share. */
export class CountryContext {
  readonly profile: CountryProfile;
  readonly plans: ReadonlyMap<string, Plan>;
  readonly prepaidPlans: WeightedTable<PlanShare>;
  readonly postpaidPlans: WeightedTable<PlanShare>;
  readonly timeZones: WeightedTable<string>;
  readonly donors: WeightedTable<string>;
  readonly msisdnRange: number;
  private readonly msisdnPerm: (i: number) => number;
  private readonly msinPerm: (i: number) => number;
  private readonly iccidPerm: (i: number) => number;
  private readonly imeiPerm: (i: number) => number;
  private readonly msinDigits: number;
  /** The mobile ranges as parallel arrays ("+CC" + prefix, digit count, size) for the hot path. */
  private readonly rangePrefixes: readonly string[];
  private readonly rangeDigits: readonly number[];
  private readonly rangeSizes: readonly number[];
  private readonly iccidPrefix: string;
  private readonly refDate: Temporal.Instant;
  private readonly periods = new Map<number, PeriodInfo>();

  constructor(profile: CountryProfile, seed: number, refDate: Temporal.Instant, catalog?: readonly Plan[]) {
    this.profile = profile;
    this.refDate = refDate;
    const plans = catalog ?? profile.catalog;
    this.plans = new Map(plans.map((p) => [p.id, p]));
    const mix = catalog ? uniformMix(catalog) : profile.planMix;
    const prepaid = tableFor(mix, plans, "prepaid");
    const postpaid = tableFor(mix, plans, "postpaid");
    const any = prepaid ?? postpaid;
    if (!any) throw new RangeError(`the ${profile.code} catalog has no plans`);
    this.prepaidPlans = prepaid ?? any;
    this.postpaidPlans = postpaid ?? any;
    this.timeZones = new WeightedTable(profile.timeZones);
    this.donors = new WeightedTable(profile.porting.donors);
    const key = (what: string) => hashString(`${seed}:${profile.code}:${what}`);
    this.msisdnRange = mobileRangeSize(profile);
    this.msisdnPerm = createPermutation(this.msisdnRange, key("msisdn"));
    this.rangePrefixes = profile.mobileRanges.map((r) => `+${profile.callingCode}${r.prefix}`);
    this.rangeDigits = profile.mobileRanges.map((r) => r.digits);
    this.rangeSizes = profile.mobileRanges.map((r) => 10 ** r.digits);
    this.msinDigits = 15 - profile.host.mcc.length - profile.host.mnc.length;
    this.msinPerm = createPermutation(10 ** this.msinDigits, key("msin"));
    this.iccidPerm = createPermutation(1e12, key("iccid"));
    this.imeiPerm = createPermutation(TACS.length * 1e6, key("imei"));
    this.iccidPrefix = `89${profile.iccid.countryDigits}${profile.iccid.issuer}`;
  }

  /** The E.164 MSISDN at position `n` of this country's keyed permutation of its mobile ranges. */
  msisdn(n: number): string {
    let rest = this.msisdnPerm(n);
    const sizes = this.rangeSizes;
    for (let r = 0; r < sizes.length; r++) {
      const size = sizes[r] as number;
      if (rest < size) return `${this.rangePrefixes[r]}${padDigits(rest, this.rangeDigits[r] as number)}`;
      rest -= size;
    }
    throw new RangeError(`number position ${n} is outside the ${this.profile.code} mobile ranges`);
  }

  /** IMSI number `n`: host MCC + MNC + a unique MSIN. */
  imsi(n: number): string {
    return `${this.profile.host.mcc}${this.profile.host.mnc}${padDigits(this.msinPerm(n), this.msinDigits)}`;
  }

  /** Size of the IMSI (MSIN) number space. */
  get imsiRange(): number {
    return 10 ** this.msinDigits;
  }

  /** ICCID number `n`: 89 + country + issuer + 12-digit account + Luhn (19 digits). */
  iccid(n: number): string {
    return withLuhn(`${this.iccidPrefix}${padDigits(this.iccidPerm(n), 12)}`);
  }

  /** IMEI number `n`: a TAC + 6-digit serial + Luhn. */
  imei(n: number): string {
    const v = this.imeiPerm(n);
    return withLuhn(`${TACS[Math.floor(v / 1e6)]}${padDigits(v % 1e6, 6)}`);
  }

  /** The billing period containing the reference date for this anchor day and time zone. */
  period(anchorDay: number, timeZone: string, tzIndex: number): PeriodInfo {
    const k = tzIndex * 32 + anchorDay;
    let found = this.periods.get(k);
    if (!found) {
      const p = billingPeriodAt(this.refDate, anchorDay, timeZone);
      found = {
        startIso: p.start.toInstant().toString(),
        startMs: p.start.epochMilliseconds,
        endMs: p.end.epochMilliseconds,
      };
      this.periods.set(k, found);
    }
    return found;
  }
}

function uniformMix(catalog: readonly Plan[]): PlanShare[] {
  return catalog.map((p) => ({
    planId: p.id,
    share: 1,
    arpuMedianMinor: Math.max(p.recurringFeeMinor, 300),
    arpuSigma: 0.35,
  }));
}

function tableFor(
  mix: readonly PlanShare[],
  plans: readonly Plan[],
  type: Plan["paymentType"],
): WeightedTable<PlanShare> | undefined {
  const ids = new Set(plans.filter((p) => p.paymentType === type).map((p) => p.id));
  const entries = mix.filter((m) => ids.has(m.planId)).map((m) => [m, m.share] as const);
  return entries.length > 0 ? new WeightedTable(entries) : undefined;
}

/**
 * The country contexts of the lines a traffic or usage run meets, built on first use. A line's
 * country is its `country` field, else its MSISDN's calling code, else GB.
 */
export class CountryContexts {
  private readonly seed: number;
  private readonly refDate: Temporal.Instant;
  private readonly byCode = new Map<string, CountryContext>();

  constructor(seed: number, refDate: Temporal.Instant) {
    this.seed = seed;
    this.refDate = refDate;
  }

  /** The context of a subscriber's country. */
  of(subscriber: Subscriber): CountryContext {
    const profile = subscriber.country
      ? countryProfile(subscriber.country)
      : (profileForMsisdn(subscriber.msisdn) ?? countryProfile("GB"));
    let ctx = this.byCode.get(profile.code);
    if (!ctx) {
      ctx = new CountryContext(profile, this.seed, this.refDate);
      this.byCode.set(profile.code, ctx);
    }
    return ctx;
  }
}
