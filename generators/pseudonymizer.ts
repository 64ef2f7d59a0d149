/**
 * Keyed, format-preserving pseudonymization of personal data in captures. Numbers are encrypted
 * digit-wise with a Feistel network whose round function is HMAC-SHA256 under the key (the FF1
 * construction, simplified), so the mapping is a bijection: the same MSISDN always gives the same
 * pseudonym, in every file and run with that key, and two numbers never collide. A mobile number
 * of a known country stays inside that country's mobile ranges, so it still validates; IMSIs keep
 * their MCC/MNC, ICCIDs and IMEIs their prefix and a correct Luhn digit. Names and addresses are
 * replaced by synthetic ones chosen by HMAC.
 */
import { createHmac } from "node:crypto";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import {
  COUNTRY_PROFILES,
  type CountryProfile,
  mobileNsnAt,
  mobileNsnPosition,
  mobileRangeSize,
  TrancheError,
} from "../domain/index.ts";
import { withLuhn } from "./identifiers.ts";
import { DAY_MS, isoDateFromEpochDay } from "./iso-time.ts";

export const PSEUDONYM_KEY_ENV = "TRANCHE_PSEUDONYM_KEY";
const ROUNDS = 10;

export interface Pseudonymizer {
  msisdn(value: string, defaultCountry?: string): string;
  imsi(value: string): string;
  iccid(value: string): string;
  imei(value: string): string;
  /** A synthetic name of the given country (ISO 3166 alpha-2), so a GB subscriber keeps a GB-sounding name. */
  name(value: string, country?: string): string;
  /** A synthetic address of the given country. */
  address(value: string, country?: string): string;
  dateOfBirth(value: string): string;
  idDocument(value: string): string;
  /** An opaque id with the original's prefix (`sub-…`), for subscriber, account and event ids. */
  id(value: string): string;
}

/** Reads the key from the environment; E_CONFIG when it is missing or too short. */
export function pseudonymKeyFrom(env: Readonly<Record<string, string | undefined>>): string {
  const key = env[PSEUDONYM_KEY_ENV];
  if (!key || key.length < 16) {
    throw new TrancheError(
      "E_CONFIG",
      `capture import cannot pseudonymize → ${PSEUDONYM_KEY_ENV} is ${key ? "shorter than 16 characters" : "not set"}.`,
      `Set ${PSEUDONYM_KEY_ENV} to a secret of at least 16 characters (e.g. \`openssl rand -hex 32\`) and keep it: the same key gives the same pseudonyms across files.`,
    );
  }
  return key;
}

/** A pseudonymizer under `key`. */
export function createPseudonymizer(key: string): Pseudonymizer {
  const mac = (tweak: string, text: string) =>
    createHmac("sha256", key).update(`${tweak}\u0000${text}`).digest();
  const allPools = poolsOf(Object.values(COUNTRY_PROFILES));
  const byCountry = new Map(
    Object.values(COUNTRY_PROFILES).map((profile) => [profile.code, poolsOf([profile])]),
  );
  const poolsFor = (country: string | undefined) =>
    (country ? byCountry.get(country.toUpperCase()) : undefined) ?? allPools;

  /** Feistel encryption of the integer x in [0, 10^digits). */
  const encrypt = (x: number, digits: number, tweak: string): number => {
    const u = Math.floor(digits / 2);
    const v = digits - u;
    let left = Math.floor(x / 10 ** v);
    let right = x % 10 ** v;
    let leftDigits = u;
    let rightDigits = v;
    for (let round = 0; round < ROUNDS; round++) {
      const f = mac(`${tweak}:${digits}:${round}`, String(right)).readUIntBE(0, 6);
      const mixed = (left + (f % 10 ** leftDigits)) % 10 ** leftDigits;
      left = right;
      right = mixed;
      [leftDigits, rightDigits] = [rightDigits, leftDigits];
    }
    return left * 10 ** rightDigits + right;
  };
  /** A bijection on [0, size): Feistel on the enclosing power of ten, cycle-walking back in range. */
  const permute = (x: number, size: number, tweak: string): number => {
    const digits = Math.max(2, String(size - 1).length);
    let y = encrypt(x, digits, tweak);
    while (y >= size) y = encrypt(y, digits, tweak);
    return y;
  };
  const digitsFpe = (digits: string, tweak: string): string =>
    digits.length === 0
      ? ""
      : String(permute(Number(digits), 10 ** digits.length, tweak)).padStart(digits.length, "0");
  const pick = <T>(items: readonly T[], tweak: string, value: string): T =>
    items[mac(tweak, value).readUInt32BE(0) % items.length] as T;
  const normalized = (value: string) => value.trim().replace(/\s+/g, " ").toLowerCase();

  return {
    msisdn(value, defaultCountry) {
      const compact = value.replace(/[\s().-]/g, "").replace(/^00/, "+");
      const parsed = parsePhoneNumberFromString(compact, defaultCountry as never);
      const cc = parsed?.countryCallingCode ?? "";
      const nsn = parsed?.nationalNumber ?? compact.replace(/\D/g, "");
      const profile = Object.values(COUNTRY_PROFILES).find((p) => p.callingCode === cc);
      const position = profile ? mobileNsnPosition(profile, nsn) : -1;
      if (profile && position >= 0) {
        return `+${cc}${mobileNsnAt(profile, permute(position, mobileRangeSize(profile), `msisdn:${cc}`))}`;
      }
      const keep = Math.max(1, Math.min(3, nsn.length - 4));
      return `+${cc}${nsn.slice(0, keep)}${digitsFpe(nsn.slice(keep), `msisdn:${cc}:${nsn.slice(0, keep)}`)}`;
    },
    imsi(value) {
      const keep = /^31[0-6]/.test(value) ? 6 : 5;
      return `${value.slice(0, keep)}${digitsFpe(value.slice(keep), `imsi:${value.slice(0, keep)}`)}`;
    },
    iccid(value) {
      const body = value.slice(0, -1);
      return withLuhn(`${body.slice(0, 6)}${digitsFpe(body.slice(6), `iccid:${body.slice(0, 6)}`)}`);
    },
    imei(value) {
      const body = value.slice(0, 14);
      return withLuhn(`${body.slice(0, 8)}${digitsFpe(body.slice(8), `imei:${body.slice(0, 8)}`)}`);
    },
    name(value, country) {
      const n = normalized(value);
      const pools = poolsFor(country);
      return `${pick(pools.given, "given", n)} ${pick(pools.family, "family", n)}`;
    },
    address(value, country) {
      const n = normalized(value);
      const pools = poolsFor(country);
      const h = mac("address", n).readUInt32BE(4);
      return `${1 + (h % 240)} ${pick(pools.streets, "street", n)}, ${pick(pools.cities, "city", n)}`;
    },
    dateOfBirth(value) {
      const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
      if (!m) return "1970-01-01";
      const shiftDays = 1 + (mac("dob", value.trim()).readUInt32BE(0) % 365);
      const day = Math.floor(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS) - shiftDays;
      return isoDateFromEpochDay(day);
    },
    idDocument(value) {
      const prefix = /^[^\d]*/.exec(value)?.[0] ?? "";
      return `${prefix}${digitsFpe(value.slice(prefix.length).replace(/\D/g, ""), `doc:${prefix}`)}`;
    },
    id(value) {
      const dash = value.indexOf("-");
      const prefix = dash > 0 && dash <= 8 ? value.slice(0, dash) : "id";
      return `${prefix}-p${mac("id", value).toString("hex").slice(0, 16)}`;
    },
  };
}

function poolsOf(profiles: readonly CountryProfile[]) {
  return {
    given: profiles.flatMap((p) => p.names.given),
    family: profiles.flatMap((p) => p.names.family),
    streets: profiles.flatMap((p) => p.names.streets),
    cities: profiles.flatMap((p) => p.names.cities),
  };
}
