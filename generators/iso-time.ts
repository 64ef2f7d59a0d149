/**
 * Instants as epoch milliseconds in the generators' hot paths. temporal-polyfill costs tens of
 * microseconds per call, which a million records cannot afford, so records do integer math and
 * format here; iso-time.test.ts checks the output equals Temporal.Instant#toString().
 */

import type { ByteBuffer } from "./byte-buffer.ts";

export const SECOND_MS = 1000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0"));
/** "HH:MM:SS" for every second of a day, built on first use (one lookup instead of three). */
let clock: string[] | undefined;

function clockTimes(): string[] {
  clock ??= Array.from(
    { length: 86_400 },
    (_, s) => `${TWO[Math.floor(s / 3600)]}:${TWO[Math.floor(s / 60) % 60]}:${TWO[s % 60]}`,
  );
  return clock;
}

/** Formatted dates by epoch day, filled on first use (bases span a few thousand days). */
const CACHED_DAYS = 100_000;
const dateCache: Array<string | undefined> = new Array(CACHED_DAYS).fill(undefined);

/** The civil date (proleptic Gregorian, UTC) of a day count since 1970-01-01, as YYYY-MM-DD. */
export function isoDateFromEpochDay(day: number): string {
  // Howard Hinnant's civil_from_days.
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, "0")}-${TWO[m]}-${TWO[d]}`;
}

/** Formats epoch milliseconds like Temporal.Instant#toString(): `2026-03-01T07:05:09.25Z`. */
export function isoFromEpochMs(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let date = day >= 0 && day < CACHED_DAYS ? dateCache[day] : undefined;
  if (date === undefined) {
    date = isoDateFromEpochDay(day);
    if (day >= 0 && day < CACHED_DAYS) dateCache[day] = date;
  }
  const inDay = ms - day * DAY_MS;
  const second = Math.floor(inDay / 1000);
  const frac = inDay - second * 1000;
  const time = clockTimes()[second] as string;
  if (frac === 0) return `${date}T${time}Z`;
  return `${date}T${time}.${String(frac).padStart(3, "0").replace(/0+$/, "")}Z`;
}

/** Civil dates by epoch day packed as y*10000 + m*100 + d (0 = not computed yet). */
const packedDates = new Int32Array(CACHED_DAYS);

/**
 * Appends epoch milliseconds to `out` exactly as isoFromEpochMs formats them (without quotes),
 * digit by digit: the base writer's hot path never builds the string.
 */
export function writeIsoInstant(out: ByteBuffer, ms: number): void {
  const day = Math.floor(ms / DAY_MS);
  if (!(day >= 0 && day < CACHED_DAYS && Number.isSafeInteger(ms))) {
    out.jsonText(isoFromEpochMs(ms));
    return;
  }
  let packed = packedDates[day] as number;
  if (packed === 0) {
    const [y, m, d] = isoDateFromEpochDay(day).split("-").map(Number) as [number, number, number];
    packed = y * 10_000 + m * 100 + d;
    packedDates[day] = packed;
  }
  const inDay = ms - day * DAY_MS;
  const second = Math.floor(inDay / 1000);
  out.dateTime(packed, second);
  const frac = inDay - second * 1000;
  if (frac !== 0) {
    // Milliseconds without trailing zeros, as Temporal prints them: .25, not .250.
    out.byte(46);
    if (frac % 100 === 0) out.digits(frac / 100, 1);
    else if (frac % 10 === 0) out.digits(frac / 10, 2);
    else out.digits(frac, 3);
  }
  out.byte(90);
}

/** Parses an ISO instant with `Z` or a numeric offset to epoch milliseconds; NaN when malformed. */
export function epochMsFromIso(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s, f = "", zone = "Z"] = m;
  const base = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const frac = f ? Math.floor(Number(f.padEnd(3, "0").slice(0, 3))) : 0;
  if (zone === "Z") return base + frac;
  const sign = zone.startsWith("-") ? -1 : 1;
  const offsetMs = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  return base + frac - offsetMs;
}
