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
import { ascii, ByteBuffer, jsonBody, type Literal } from "./byte-buffer.ts";
import { createPermutation } from "./identifiers.ts";
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

const TAC_BYTES = TACS.map(ascii);
/** Where the string forms of identifiers are rendered (they are built by the byte writers). */
const scratch = new ByteBuffer(64);

export interface PeriodInfo {
  readonly startIso: string;
  /** `startIso` as bytes for the base writer. */
  readonly startJson: Literal;
  readonly startMs: number;
  readonly endMs: number;
}

/** A plan a line can take, with the JSON bytes the base writer copies. */
export interface PlanChoice {
  readonly share: PlanShare;
  readonly plan: Plan;
  readonly idJson: Literal;
  readonly currencyJson: Literal;
}

/** The profile's text pools as JSON bytes (escaped, unquoted), indexed like the profile's arrays. */
export interface PoolBytes {
  readonly code: Literal;
  readonly timeZones: readonly Literal[];
  readonly donors: readonly Literal[];
  readonly given: readonly Literal[];
  readonly family: readonly Literal[];
  readonly streets: readonly Literal[];
  readonly cities: readonly Literal[];
  readonly addOns: readonly Literal[];
  readonly idDocumentPrefix: Literal;
}

/** Everything per country that records share. */
export class CountryContext {
  readonly profile: CountryProfile;
  readonly prepaidPlans: WeightedTable<PlanChoice>;
  readonly postpaidPlans: WeightedTable<PlanChoice>;
  readonly json: PoolBytes;
  readonly timeZones: WeightedTable<string>;
  readonly donors: WeightedTable<string>;
  readonly msisdnRange: number;
  private readonly msisdnPerm: (i: number) => number;
  private readonly msinPerm: (i: number) => number;
  private readonly iccidPerm: (i: number) => number;
  private readonly imeiPerm: (i: number) => number;
  private readonly msinDigits: number;
  /** The mobile ranges as parallel arrays ("+CC" + prefix, digit count, size) for the hot path. */
  private readonly rangePrefixes: readonly Literal[];
  private readonly rangeDigits: readonly number[];
  private readonly rangeSizes: readonly number[];
  private readonly iccidPrefix: Literal;
  private readonly imsiPrefix: Literal;
  private readonly refDate: Temporal.Instant;
  private readonly periods = new Map<number, PeriodInfo>();

  constructor(profile: CountryProfile, seed: number, refDate: Temporal.Instant, catalog?: readonly Plan[]) {
    this.profile = profile;
    this.refDate = refDate;
    // An operator's catalog: the country's subscribers buy the plans in its currency (all plans
    // when none is in it), each equally likely.
    const local = catalog?.filter((p) => p.currency === profile.currency);
    const own = local && local.length > 0 ? local : catalog;
    const plans = own ?? profile.catalog;
    const mix = own ? uniformMix(own) : profile.planMix;
    const prepaid = tableFor(mix, plans, "prepaid");
    const postpaid = tableFor(mix, plans, "postpaid");
    const any = prepaid ?? postpaid;
    if (!any) throw new RangeError(`the ${profile.code} catalog has no plans`);
    this.prepaidPlans = prepaid ?? any;
    this.postpaidPlans = postpaid ?? any;
    const names = profile.names;
    this.json = {
      code: jsonBody(profile.code),
      timeZones: profile.timeZones.map(([zone]) => jsonBody(zone)),
      donors: profile.porting.donors.map(([donor]) => jsonBody(donor)),
      given: names.given.map(jsonBody),
      family: names.family.map(jsonBody),
      streets: names.streets.map(jsonBody),
      cities: names.cities.map(jsonBody),
      addOns: profile.addOns.map((a) => jsonBody(a.id)),
      idDocumentPrefix: jsonBody(names.idDocumentPrefix),
    };
    this.timeZones = new WeightedTable(profile.timeZones);
    this.donors = new WeightedTable(profile.porting.donors);
    const key = (what: string) => hashString(`${seed}:${profile.code}:${what}`);
    this.msisdnRange = mobileRangeSize(profile);
    this.msisdnPerm = createPermutation(this.msisdnRange, key("msisdn"));
    this.rangePrefixes = profile.mobileRanges.map((r) => ascii(`+${profile.callingCode}${r.prefix}`));
    this.rangeDigits = profile.mobileRanges.map((r) => r.digits);
    this.rangeSizes = profile.mobileRanges.map((r) => 10 ** r.digits);
    this.msinDigits = 15 - profile.host.mcc.length - profile.host.mnc.length;
    this.msinPerm = createPermutation(10 ** this.msinDigits, key("msin"));
    this.iccidPerm = createPermutation(1e12, key("iccid"));
    this.imeiPerm = createPermutation(TACS.length * 1e6, key("imei"));
    this.iccidPrefix = ascii(`89${profile.iccid.countryDigits}${profile.iccid.issuer}`);
    this.imsiPrefix = ascii(`${profile.host.mcc}${profile.host.mnc}`);
  }

  /** Appends the E.164 MSISDN at position `n` of this country's keyed permutation of its mobile ranges. */
  writeMsisdn(out: ByteBuffer, n: number): void {
    let rest = this.msisdnPerm(n);
    const sizes = this.rangeSizes;
    for (let r = 0; r < sizes.length; r++) {
      const size = sizes[r] as number;
      if (rest < size) {
        out.lit(this.rangePrefixes[r] as Literal);
        out.digits(rest, this.rangeDigits[r] as number);
        return;
      }
      rest -= size;
    }
    throw new RangeError(`number position ${n} is outside the ${this.profile.code} mobile ranges`);
  }

  /** Appends IMSI number `n`: host MCC + MNC + a unique MSIN. */
  writeImsi(out: ByteBuffer, n: number): void {
    out.lit(this.imsiPrefix);
    out.digits(this.msinPerm(n), this.msinDigits);
  }

  /** Appends ICCID number `n`: 89 + country + issuer + 12-digit account + Luhn (19 digits). */
  writeIccid(out: ByteBuffer, n: number): void {
    const start = out.size;
    out.lit(this.iccidPrefix);
    out.digits(this.iccidPerm(n), 12);
    out.byte(48 + out.luhnOf(start, out.size));
  }

  /** Appends IMEI number `n`: a TAC + 6-digit serial + Luhn. */
  writeImei(out: ByteBuffer, n: number): void {
    const v = this.imeiPerm(n);
    const start = out.size;
    out.lit(TAC_BYTES[Math.floor(v / 1e6)] as Literal);
    out.digits(v % 1e6, 6);
    out.byte(48 + out.luhnOf(start, out.size));
  }

  /** The E.164 MSISDN at position `n` (see writeMsisdn). */
  msisdn(n: number): string {
    return this.render(this.writeMsisdn, n);
  }

  /** IMSI number `n` (see writeImsi). */
  imsi(n: number): string {
    return this.render(this.writeImsi, n);
  }

  /** Size of the IMSI (MSIN) number space. */
  get imsiRange(): number {
    return 10 ** this.msinDigits;
  }

  /** ICCID number `n` (see writeIccid). */
  iccid(n: number): string {
    return this.render(this.writeIccid, n);
  }

  /** IMEI number `n` (see writeImei). */
  imei(n: number): string {
    return this.render(this.writeImei, n);
  }

  private render(write: (out: ByteBuffer, n: number) => void, n: number): string {
    scratch.truncate(0);
    write.call(this, scratch, n);
    return scratch.text();
  }

  /** The billing period containing the reference date for this anchor day and time zone. */
  period(anchorDay: number, timeZone: string, tzIndex: number): PeriodInfo {
    const k = tzIndex * 32 + anchorDay;
    let found = this.periods.get(k);
    if (!found) {
      const p = billingPeriodAt(this.refDate, anchorDay, timeZone);
      const startIso = p.start.toInstant().toString();
      found = {
        startIso,
        startJson: jsonBody(startIso),
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
): WeightedTable<PlanChoice> | undefined {
  const byId = new Map(plans.filter((p) => p.paymentType === type).map((p) => [p.id, p]));
  const entries = mix.flatMap((share) => {
    const plan = byId.get(share.planId);
    if (!plan) return [];
    const choice = { share, plan, idJson: jsonBody(plan.id), currencyJson: jsonBody(plan.currency) };
    return [[choice, share.share] as const];
  });
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
