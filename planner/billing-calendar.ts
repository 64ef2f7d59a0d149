/**
 * The calendar a Monte Carlo run is placed on. Day 0 is the programme's start date; a BSS cutover
 * on day d happens at local midnight of that date in the cutover time zone. The billing-period
 * starts of every (time zone, anchor day) group of the base come from domain/billing-period.ts —
 * anchor days 29–31 clamp to short months, periods start at the subscriber's own local midnight —
 * computed once per group and extended on demand, so the runs themselves only compare numbers.
 */
import { Temporal } from "temporal-polyfill";
import { type BillingPeriod, billingPeriodAt, nextPeriod } from "../domain/index.ts";

/** Subscribers who share a billing calendar: same time zone, same anchor day. */
export interface CalendarGroup {
  readonly timezone: string;
  readonly anchorDay: number;
}

const DAY_SEC = 86_400;

/** First index of `sorted` whose value is >= `value` (sorted.length when none). */
function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Cutover instants by day and billing-period starts by group, as epoch seconds. */
export class BillingCalendar {
  readonly start: Temporal.PlainDate;
  readonly cutoverTimeZone: string;
  readonly groups: readonly CalendarGroup[];
  /** Epoch seconds of day 0's cutover instant. */
  readonly startSec: number;
  private readonly cutovers = new Map<string, number[]>();
  private readonly starts: number[][];
  private readonly lastPeriods: BillingPeriod[];

  constructor(start: Temporal.PlainDate, cutoverTimeZone: string, groups: readonly CalendarGroup[]) {
    this.start = start;
    this.cutoverTimeZone = cutoverTimeZone;
    this.groups = groups;
    this.startSec = this.cutoverSec(0);
    const at = Temporal.Instant.fromEpochMilliseconds(this.startSec * 1000);
    this.lastPeriods = groups.map((g) => billingPeriodAt(at, g.anchorDay, g.timezone));
    this.starts = this.lastPeriods.map((p) => [p.start.epochMilliseconds / 1000]);
  }

  /**
   * Epoch seconds of local midnight of day `day` (an integer offset from the start date) in `zone`:
   * the cutover instant of that day, in the cutover zone unless a subscriber's own is asked for.
   */
  cutoverSec(day: number, zone = this.cutoverTimeZone): number {
    let byDay = this.cutovers.get(zone);
    if (!byDay) {
      byDay = [];
      this.cutovers.set(zone, byDay);
    }
    let sec = byDay[day];
    if (sec === undefined) {
      sec = this.start.add({ days: day }).toZonedDateTime({ timeZone: zone }).epochMilliseconds / 1000;
      byDay[day] = sec;
    }
    return sec;
  }

  /** True when `sec` is exactly the start of a billing period of group `group`. */
  isPeriodStart(group: number, sec: number): boolean {
    const starts = this.startsThrough(group, sec);
    return starts[lowerBound(starts, sec)] === sec;
  }

  /** The first billing-period start of group `group` at or after `sec`. */
  nextPeriodStart(group: number, sec: number): number {
    const starts = this.startsThrough(group, sec);
    return starts[lowerBound(starts, sec)] as number;
  }

  /**
   * The (fractional) day of instant `sec`: day d plus the share of the way to day d+1's cutover
   * instant. Calendar days, not 86,400-second steps, so a daylight-saving change never moves an
   * instant to the wrong date.
   */
  dayOf(sec: number): number {
    let d = Math.max(0, Math.floor((sec - this.startSec) / DAY_SEC));
    while (d > 0 && this.cutoverSec(d) > sec) d--;
    while (this.cutoverSec(d + 1) <= sec) d++;
    const from = this.cutoverSec(d);
    return d + (sec - from) / (this.cutoverSec(d + 1) - from);
  }

  /** The ISO date of (fractional) day `day`. */
  dateAt(day: number): string {
    return this.start.add({ days: Math.floor(day) }).toString();
  }

  private startsThrough(group: number, sec: number): number[] {
    const starts = this.starts[group] as number[];
    const g = this.groups[group] as CalendarGroup;
    while ((starts[starts.length - 1] as number) < sec) {
      const next = nextPeriod(this.lastPeriods[group] as BillingPeriod, g.anchorDay, g.timezone);
      this.lastPeriods[group] = next;
      starts.push(next.start.epochMilliseconds / 1000);
    }
    return starts;
  }
}
