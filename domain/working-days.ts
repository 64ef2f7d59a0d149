/**
 * Working days for regulatory deadlines ("within one working day"): Monday to Friday in the line's
 * time zone, minus the public holidays of a *holiday calendar* — data with the years it covers and
 * its source. A date outside the covered years is an error, never a guess: a deadline computed
 * over an unknown holiday would be silently wrong.
 */
import { Temporal } from "temporal-polyfill";
import { TrancheError } from "./errors.ts";

/** Public holidays of one jurisdiction over the years it lists, as ISO dates. */
export interface HolidayCalendar {
  readonly id: string;
  readonly version: string;
  /** First and last year the calendar covers (inclusive). */
  readonly years: readonly [number, number];
  /** Holidays (ISO dates, YYYY-MM-DD) that fall on weekdays or are observed on one. */
  readonly dates: readonly string[];
  readonly source: string;
}

function covered(calendar: HolidayCalendar, date: Temporal.PlainDate): void {
  const [first, last] = calendar.years;
  if (date.year < first || date.year > last) {
    throw new TrancheError(
      "E_CONFIG",
      `holiday calendar ${calendar.id} covers ${first}–${last}; ${date.toString()} is outside it, so a working-day deadline there cannot be computed.`,
      `Extend the calendar (regulation.<country>.porting.holidays in the config) with that year's holidays.`,
    );
  }
}

/** True when `date` is a weekday that is not a holiday of `calendar`. */
export function isWorkingDay(date: Temporal.PlainDate, calendar: HolidayCalendar): boolean {
  covered(calendar, date);
  if (date.dayOfWeek >= 6) return false;
  return !calendar.dates.includes(date.toString());
}

/**
 * The deadline `days` working days after `at`, in `timeZone`: the same local time on the `days`-th
 * following working day. A request made on a non-working day counts from the start (00:00) of the
 * next working day, so "one working day" after a Saturday request ends at 00:00 on Tuesday — the
 * end of Monday.
 */
export function addWorkingDays(
  at: Temporal.Instant,
  days: number,
  timeZone: string,
  calendar: HolidayCalendar,
): Temporal.Instant {
  let start = at.toZonedDateTimeISO(timeZone);
  if (!isWorkingDay(start.toPlainDate(), calendar)) {
    let date = start.toPlainDate().add({ days: 1 });
    while (!isWorkingDay(date, calendar)) date = date.add({ days: 1 });
    start = date.toZonedDateTime({ timeZone });
  }
  let date = start.toPlainDate();
  for (let left = days; left > 0; ) {
    date = date.add({ days: 1 });
    if (isWorkingDay(date, calendar)) left -= 1;
  }
  return date.toZonedDateTime({ timeZone, plainTime: start.toPlainTime() }).toInstant();
}

/** The first working-day instant at or after `at` at `localTime` (e.g. the next 10:00 on a working day). */
export function nextWorkingTime(
  at: Temporal.Instant,
  localTime: string,
  timeZone: string,
  calendar: HolidayCalendar,
): Temporal.Instant {
  const time = Temporal.PlainTime.from(localTime);
  let date = at.toZonedDateTimeISO(timeZone).toPlainDate();
  for (;;) {
    if (isWorkingDay(date, calendar)) {
      const candidate = date.toZonedDateTime({ timeZone, plainTime: time }).toInstant();
      if (Temporal.Instant.compare(candidate, at) >= 0) return candidate;
    }
    date = date.add({ days: 1 });
  }
}
