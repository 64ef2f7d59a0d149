/**
 * Proration as data: where an instant sits inside a billing period under a proration basis, and
 * the share of a fee owed for a part of the period. A billing period runs from local midnight of
 * the anchor date to local midnight of the next one (domain/billing-period.ts); a boundary instant
 * (cutover, plan change, termination) counts from its *local date* under the day-based bases, from
 * the instant itself under `seconds`.
 */
import { Temporal } from "temporal-polyfill";
import { type BillingPeriod, divideRounded, periodStartingIn, type RoundingMode } from "../domain/index.ts";
import type { ProrationBasis } from "./billing-policy.ts";
import { dateOfDay, localDayAt } from "./zone-offsets.ts";

/** A billing period with what every basis needs precomputed. */
export interface PeriodFrame {
  readonly period: BillingPeriod;
  /** Days since 1970-01-01 of the local start date. */
  readonly startDay: number;
  readonly days: number;
  readonly startEpochSec: number;
  /** Real seconds in the period (an hour more or less across a daylight-saving change). */
  readonly seconds: number;
}

/** Frames by zone, then by `anchorDay × 1e6 + start day`. */
const frames = new Map<string, Map<number, PeriodFrame>>();

/** The frame of the period containing `at` (memoized: a frame is a pure value of its key). */
export function frameAt(at: Temporal.Instant, anchorDay: number, timeZone: string): PeriodFrame {
  return frameAtMs(at.epochMilliseconds, anchorDay, timeZone);
}

/**
 * The frame of the period containing the instant `epochMs`. The period's first local date is
 * found by calendar arithmetic; the zone's rules (midnight that does not exist, DST) are applied
 * once per period by domain/billing-period.ts.
 */
export function frameAtMs(epochMs: number, anchorDay: number, timeZone: string): PeriodFrame {
  const local = dateOfDay(localDayAt(epochMs, timeZone));
  let { year, month } = local;
  if (local.day < Math.min(anchorDay, daysInMonth(year, month))) {
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
  const startDay = epochDay({ year, month, day: Math.min(anchorDay, daysInMonth(year, month)) });
  let byKey = frames.get(timeZone);
  if (!byKey) {
    byKey = new Map();
    frames.set(timeZone, byKey);
  }
  const key = anchorDay * 1e6 + startDay;
  const known = byKey.get(key);
  if (known) return known;
  const frame = frameOf(periodStartingIn(Temporal.PlainYearMonth.from({ year, month }), anchorDay, timeZone));
  byKey.set(key, frame);
  return frame;
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The frame of a billing period. */
export function frameOf(period: BillingPeriod): PeriodFrame {
  const startEpochSec = period.start.epochMilliseconds / 1000;
  return {
    period,
    startDay: epochDay(period.start.toPlainDate()),
    days: period.days,
    startEpochSec,
    seconds: period.end.epochMilliseconds / 1000 - startEpochSec,
  };
}

/** Days since 1970-01-01 of a calendar date (proleptic Gregorian; Howard Hinnant's algorithm). */
export function epochDay(date: {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}): number {
  const y = date.month <= 2 ? date.year - 1 : date.year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (date.month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + date.day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Units of the whole period under a basis (days, seconds, or 30). */
export function periodUnits(frame: PeriodFrame, basis: ProrationBasis): number {
  if (basis === "seconds") return frame.seconds;
  if (basis === "30-day") return 30;
  return frame.days;
}

/**
 * Where a boundary sits in the period, in the basis's units from the period start, clamped to the
 * period. `end` means the period's end (the 30-day basis maps it to 30 whatever the month's length).
 */
export function positionOf(frame: PeriodFrame, basis: ProrationBasis, boundary: Boundary | "end"): number {
  if (boundary === "end") return periodUnits(frame, basis);
  if (basis === "seconds") return clamp(boundary.epochSec - frame.startEpochSec, 0, frame.seconds);
  const days = clamp(boundary.localDay - frame.startDay, 0, frame.days);
  if (basis === "30-day") return days === frame.days ? 30 : Math.min(days, 30);
  return days;
}

/** A boundary instant as positions need it: its local day number and epoch second. */
export function boundaryOf(at: Temporal.Instant, timeZone: string): Boundary {
  return boundaryAtMs(at.epochMilliseconds, timeZone);
}

/** A boundary at `epochMs`. */
export function boundaryAtMs(epochMs: number, timeZone: string): Boundary {
  return { localDay: localDayAt(epochMs, timeZone), epochSec: epochMs / 1000 };
}

/** A boundary instant inside a period: its local day number and its epoch second. */
export interface Boundary {
  readonly localDay: number;
  readonly epochSec: number;
}

/** `fee × units / total`, rounded with `mode` (exact integer arithmetic). */
export function shareOf(feeMinor: number, units: number, total: number, mode: RoundingMode): number {
  if (units === total) return feeMinor;
  if (units === 0) return 0;
  const product = feeMinor * units;
  if (Number.isSafeInteger(product)) return divideSmall(product, total, mode);
  return divideRounded(BigInt(feeMinor) * BigInt(units), BigInt(total), mode);
}

/** Integer division of non-negative safe integers with a rounding mode, without BigInt. */
function divideSmall(n: number, d: number, mode: RoundingMode): number {
  if (n < 0) return divideRounded(n, d, mode);
  const q = Math.floor(n / d);
  const r = n - q * d;
  if (r === 0) return q;
  switch (mode) {
    case "half-up":
      return 2 * r >= d ? q + 1 : q;
    case "half-even":
      return 2 * r > d || (2 * r === d && q % 2 === 1) ? q + 1 : q;
    case "half-down":
      return 2 * r > d ? q + 1 : q;
    case "ceil":
      return q + 1;
    default:
      return q;
  }
}

function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}

/** The period after `frame`'s (its end is the next one's start). */
export function nextFrame(frame: PeriodFrame, anchorDay: number, timeZone: string): PeriodFrame {
  return frameAtMs(frame.period.end.epochMilliseconds, anchorDay, timeZone);
}
