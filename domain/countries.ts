/**
 * The registry of country profiles and the `--country` mix syntax: `GB` alone, or shares such as
 * `GB:0.6,DE:0.3,US:0.1` (shares are normalized, so `GB:6,DE:3,US:1` means the same).
 */
import type { Plan } from "./catalog.ts";
import { DE_PROFILE } from "./country-de.ts";
import { GB_PROFILE } from "./country-gb.ts";
import type { CountryProfile } from "./country-profile.ts";
import { US_PROFILE } from "./country-us.ts";
import { TrancheError } from "./errors.ts";

export const COUNTRY_PROFILES: Readonly<Record<string, CountryProfile>> = {
  GB: GB_PROFILE,
  DE: DE_PROFILE,
  US: US_PROFILE,
};

/** A weighted choice of countries; weights sum to 1. */
export type CountryMix = ReadonlyArray<readonly [CountryProfile, number]>;

/** The profile of an ISO country code; throws E_CONFIG naming the known codes. */
export function countryProfile(code: string): CountryProfile {
  const profile = COUNTRY_PROFILES[code.trim().toUpperCase()];
  if (!profile) {
    throw new TrancheError(
      "E_CONFIG",
      `unknown country "${code}" → Tranche has no profile for it.`,
      `Use one of ${Object.keys(COUNTRY_PROFILES).join(", ")}.`,
    );
  }
  return profile;
}

/** Parses `GB` or `GB:0.6,DE:0.3,US:0.1` into a normalized mix. */
export function parseCountryMix(spec: string): CountryMix {
  const parts = spec
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  if (parts.length === 0) {
    throw new TrancheError("E_CONFIG", "country mix is empty.", "Give e.g. GB or GB:0.6,DE:0.3,US:0.1.");
  }
  const entries: Array<readonly [CountryProfile, number]> = parts.map((part) => {
    const [code = "", share] = part.split(":");
    const weight = share === undefined ? 1 : Number(share);
    if (!Number.isFinite(weight) || weight <= 0) {
      throw new TrancheError(
        "E_CONFIG",
        `country share "${part}" is not a positive number.`,
        "Write shares as CODE:share, e.g. GB:0.6,DE:0.4.",
      );
    }
    return [countryProfile(code), weight] as const;
  });
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  return entries.map(([p, w]) => [p, w / total] as const);
}

/** The profile whose calling code starts `msisdn` (E.164), longest code first; undefined if none. */
export function profileForMsisdn(msisdn: string): CountryProfile | undefined {
  let best: CountryProfile | undefined;
  for (const profile of Object.values(COUNTRY_PROFILES)) {
    if (msisdn.startsWith(`+${profile.callingCode}`)) {
      if (!best || profile.callingCode.length > best.callingCode.length) best = profile;
    }
  }
  return best;
}

/**
 * Plans in currencies whose minor unit is not a hundredth — JPY (exponent 0), KWD and BHD (3) —
 * that no country profile sells: the default catalog carries them so that billing checks can
 * price those currencies end to end. Prices are illustrative.
 */
export const MINOR_UNIT_PLANS: readonly Plan[] = [
  minorUnitPlan("JP-POSTPAID-M", "JPY", 3980, 10, 3, 1),
  minorUnitPlan("KW-POSTPAID-M", "KWD", 7500, 25, 10, 5),
  minorUnitPlan("BH-POSTPAID-M", "BHD", 4125, 25, 10, 5),
];

function minorUnitPlan(
  id: string,
  currency: string,
  recurringFeeMinor: number,
  perMinuteMinor: number,
  perSmsMinor: number,
  perMibMinor: number,
): Plan {
  return {
    id,
    name: `SIM-only ${currency}`,
    paymentType: "postpaid",
    currency,
    recurringFeeMinor,
    allowances: { voiceSec: 300 * 60, smsCount: 100, dataBytes: 5 * 1024 ** 3 },
    overage: { perMinuteMinor, perSmsMinor, perMibMinor },
  };
}

/**
 * Every plan of every country profile, and the minor-unit plans: the catalog a destination serving
 * all of them needs.
 */
export function allCountryPlans(): readonly Plan[] {
  const seen = new Map<string, Plan>();
  for (const profile of Object.values(COUNTRY_PROFILES)) {
    for (const plan of profile.catalog) if (!seen.has(plan.id)) seen.set(plan.id, plan);
  }
  for (const plan of MINOR_UNIT_PLANS) if (!seen.has(plan.id)) seen.set(plan.id, plan);
  return [...seen.values()];
}
