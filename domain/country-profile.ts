/**
 * Country profiles: the national facts a synthetic base must respect — currency, time zones, the
 * mobile numbering plan, the host network the SIMs belong to, number-portability and KYC rules, and
 * the default plan catalog. MCC/MNC (mobile country / network code) are the first 5–6 IMSI digits
 * naming the host network; an NSN (national significant number) is the MSISDN without the country
 * calling code. Each profile is versioned data with notes on where its numbers come from.
 */
import type { Plan } from "./catalog.ts";
import type { CurrencyCode } from "./money.ts";

/** A block of mobile numbers: every NSN that starts with `prefix` and has `digits` more digits. */
export interface NumberRange {
  readonly prefix: string;
  readonly digits: number;
}

/** KYC (know-your-customer) registration rule for one payment type. */
export interface KycRule {
  /** True when the law requires a verified identity before the line is used. */
  readonly required: boolean;
  /** Share of lines with complete KYC data when it is not required (voluntary registration). */
  readonly voluntaryShare: number;
}

/** How a plan is taken up and what it earns: ARPU (average revenue per user) is log-normal. */
export interface PlanShare {
  readonly planId: string;
  /** Share among lines of the plan's payment type (shares of one payment type sum to 1). */
  readonly share: number;
  /** Median monthly ARPU in minor units. */
  readonly arpuMedianMinor: number;
  /** Log-normal shape: 0.3 is tight around the fee, 0.8 a long tail of heavy spenders. */
  readonly arpuSigma: number;
}

export interface AddOn {
  readonly id: string;
  readonly priceMinor: number;
}

export interface CountryProfile {
  /** ISO 3166-1 alpha-2. */
  readonly code: string;
  readonly version: string;
  readonly currency: CurrencyCode;
  /** ITU-T E.164 country calling code, without "+". */
  readonly callingCode: string;
  /** IANA time zones of the subscribers, weighted by population. */
  readonly timeZones: ReadonlyArray<readonly [string, number]>;
  /** Mobile NSN blocks, all inside the national plan's mobile (or, for NANP, geographic) ranges. */
  readonly mobileRanges: readonly NumberRange[];
  /** The real host network the MVNO's SIMs belong to. */
  readonly host: { readonly mcc: string; readonly mnc: string; readonly name: string };
  /** ICCID prefix parts after the "89" telecom industry identifier. */
  readonly iccid: { readonly countryDigits: string; readonly issuer: string };
  readonly porting: {
    /** Authorisation the recipient needs from the subscriber (e.g. the UK PAC). */
    readonly authorisation: string;
    readonly completionBusinessDays: number;
    /** Share of lines that ported their number in from another operator. */
    readonly portedInShare: number;
    /** Donor operators with their share of ported-in lines. */
    readonly donors: ReadonlyArray<readonly [string, number]>;
    readonly recipients: readonly string[];
  };
  readonly kyc: { readonly prepaid: KycRule; readonly postpaid: KycRule };
  /** Share of lines that are prepaid (pay as you go). */
  readonly prepaidShare: number;
  readonly catalog: readonly Plan[];
  readonly planMix: readonly PlanShare[];
  readonly addOns: readonly AddOn[];
  readonly topUpAmountsMinor: readonly number[];
  /** Pools for synthetic names and addresses (invented or very common; never a real person). */
  readonly names: {
    readonly given: readonly string[];
    readonly family: readonly string[];
    readonly streets: readonly string[];
    readonly cities: readonly string[];
    /** Postcode of synthetic address `n` (a non-negative integer), in the national format. */
    readonly postcode: (n: number) => string;
    /** Prefix of an identity document number (document type and issuing country). */
    readonly idDocumentPrefix: string;
  };
  /** Where the numbers come from. */
  readonly sources: readonly string[];
}

/** Total count of numbers in a profile's mobile ranges. */
export function mobileRangeSize(profile: CountryProfile): number {
  let total = 0;
  for (const r of profile.mobileRanges) total += 10 ** r.digits;
  return total;
}

/** The NSN at position `n` of the concatenated mobile ranges (0 ≤ n < mobileRangeSize). */
export function mobileNsnAt(profile: CountryProfile, n: number): string {
  let rest = n;
  for (const r of profile.mobileRanges) {
    const size = 10 ** r.digits;
    if (rest < size) return r.prefix + String(rest).padStart(r.digits, "0");
    rest -= size;
  }
  throw new RangeError(`number position ${n} is outside the ${profile.code} mobile ranges`);
}

/** The position of `nsn` in the profile's mobile ranges, or -1 when it lies in none. */
export function mobileNsnPosition(profile: CountryProfile, nsn: string): number {
  let offset = 0;
  for (const r of profile.mobileRanges) {
    if (nsn.length === r.prefix.length + r.digits && nsn.startsWith(r.prefix)) {
      return offset + Number(nsn.slice(r.prefix.length));
    }
    offset += 10 ** r.digits;
  }
  return -1;
}
