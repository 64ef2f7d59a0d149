/**
 * Billing periods. A subscriber's *anchor day* is the day of the month their billing cycle starts
 * (1–31). Months shorter than the anchor clamp it to their last day: an anchor of 31 starts the
 * cycle on 30 April and on 28 or 29 February. Periods start at local midnight in the subscriber's
 * time zone, so daylight-saving changes make some periods an hour shorter or longer.
 */
import { Temporal } from "temporal-polyfill";
import { type Money, prorate, type RoundingMode } from "./money.ts";

export interface BillingPeriod {
  /** First instant of the period (local midnight of the anchor date). */
  readonly start: Temporal.ZonedDateTime;
  /** First instant after the period. */
  readonly end: Temporal.ZonedDateTime;
  /** Calendar days in the period (28–31). */
  readonly days: number;
}

/** The anchor date of the month of `yearMonth`, clamped to that month's length. */
export function anchorDate(yearMonth: Temporal.PlainYearMonth, anchorDay: number): Temporal.PlainDate {
  if (!Number.isInteger(anchorDay) || anchorDay < 1 || anchorDay > 31) {
    throw new RangeError(`anchor day must be an integer from 1 to 31, got ${anchorDay}`);
  }
  return yearMonth.toPlainDate({ day: Math.min(anchorDay, yearMonth.daysInMonth) });
}

/** The billing period containing `at` for a subscriber with this anchor day and time zone. */
export function billingPeriodAt(at: Temporal.Instant, anchorDay: number, timeZone: string): BillingPeriod {
  const local = at.toZonedDateTimeISO(timeZone).toPlainDate();
  const thisMonth = Temporal.PlainYearMonth.from({ year: local.year, month: local.month });
  const candidate = anchorDate(thisMonth, anchorDay);
  const startMonth =
    Temporal.PlainDate.compare(local, candidate) >= 0 ? thisMonth : thisMonth.subtract({ months: 1 });
  return periodStartingIn(startMonth, anchorDay, timeZone);
}

/** The billing period that starts in `yearMonth`. */
export function periodStartingIn(
  yearMonth: Temporal.PlainYearMonth,
  anchorDay: number,
  timeZone: string,
): BillingPeriod {
  const startDate = anchorDate(yearMonth, anchorDay);
  const endDate = anchorDate(yearMonth.add({ months: 1 }), anchorDay);
  return {
    start: startDate.toZonedDateTime({ timeZone }),
    end: endDate.toZonedDateTime({ timeZone }),
    days: startDate.until(endDate, { largestUnit: "days" }).days,
  };
}

/** The period right after `period`. */
export function nextPeriod(period: BillingPeriod, anchorDay: number, timeZone: string): BillingPeriod {
  const ym = period.end.toPlainDate().toPlainYearMonth();
  return periodStartingIn(ym, anchorDay, timeZone);
}

/**
 * The share of a recurring fee owed for whole local days [from, to) inside `period`, by actual
 * days in the period (not 30-day months), rounded with `mode`.
 */
export function prorateRecurring(
  fee: Money,
  period: BillingPeriod,
  from: Temporal.PlainDate,
  to: Temporal.PlainDate,
  mode: RoundingMode,
): Money {
  const startDate = period.start.toPlainDate();
  const endDate = period.end.toPlainDate();
  const clampedFrom = Temporal.PlainDate.compare(from, startDate) < 0 ? startDate : from;
  const clampedTo = Temporal.PlainDate.compare(to, endDate) > 0 ? endDate : to;
  const days = Math.max(0, clampedFrom.until(clampedTo, { largestUnit: "days" }).days);
  return prorate(fee, days, period.days, mode);
}
