/**
 * Local dates of instants without a Temporal conversion each time: a time zone's UTC offset is
 * constant between two transitions, so the oracle keeps, per zone, the transition intervals it has
 * met (found with Temporal's `getTimeZoneTransition`) and answers later instants of the same
 * interval by arithmetic. Exact — an interval is bounded by the zone's real transitions — and what
 * lets the oracle price a million split periods in seconds.
 */
import { Temporal } from "temporal-polyfill";

interface Interval {
  readonly fromMs: number;
  /** Exclusive; Infinity when the zone has no later transition. */
  readonly toMs: number;
  readonly offsetMs: number;
}

const zones = new Map<string, Interval[]>();
const DAY_MS = 86_400_000;

/** The UTC offset of `timeZone` at `epochMs`, in milliseconds. */
export function offsetMsAt(epochMs: number, timeZone: string): number {
  let intervals = zones.get(timeZone);
  if (!intervals) {
    intervals = [];
    zones.set(timeZone, intervals);
  }
  let lo = 0;
  let hi = intervals.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const interval = intervals[mid] as Interval;
    if (epochMs < interval.fromMs) hi = mid - 1;
    else if (epochMs >= interval.toMs) lo = mid + 1;
    else return interval.offsetMs;
  }
  const zoned = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone);
  const previous = zoned.getTimeZoneTransition("previous");
  const next = zoned.getTimeZoneTransition("next");
  // An instant exactly at a transition starts its own interval (the previous one had another offset).
  const atTransition = previous !== null && previous.offsetNanoseconds !== zoned.offsetNanoseconds;
  const interval: Interval = {
    fromMs: atTransition ? epochMs : previous ? previous.epochMilliseconds : Number.NEGATIVE_INFINITY,
    toMs: next ? next.epochMilliseconds : Number.POSITIVE_INFINITY,
    offsetMs: zoned.offsetNanoseconds / 1_000_000,
  };
  intervals.splice(lo, 0, interval);
  return interval.offsetMs;
}

/** Days since 1970-01-01 of the local date of `epochMs` in `timeZone`. */
export function localDayAt(epochMs: number, timeZone: string): number {
  return Math.floor((epochMs + offsetMsAt(epochMs, timeZone)) / DAY_MS);
}

/** The calendar date of a day number (inverse of proration.ts `epochDay`; Howard Hinnant's algorithm). */
export function dateOfDay(day: number): { year: number; month: number; day: number } {
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
  return { year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d };
}
