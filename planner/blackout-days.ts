/**
 * Days a policy keeps free of change: no cohort starts its data migration and no BSS cutover
 * happens on a blackout weekday, date or month-end day. (A subscriber's own billing-cycle boundary
 * is the billing system's automatic period roll, not a change window, so alignment ignores them.)
 */
import { Temporal } from "temporal-polyfill";
import { TrancheError } from "../domain/index.ts";
import { type CohortPolicy, WEEKDAYS } from "./cohort-policy.ts";

/** No search for a free day goes further than ten years. */
const MAX_SEARCH_DAYS = 3660;

/** Which days, counted from the start date, are blackout days. */
export class BlackoutDays {
  private readonly start: Temporal.PlainDate;
  private readonly rule: CohortPolicy["blackout"];
  private readonly weekdays: ReadonlySet<number>;
  private readonly ranges: ReadonlyArray<readonly [number, number]>;
  private readonly memo: number[] = [];

  constructor(start: Temporal.PlainDate, rule: CohortPolicy["blackout"]) {
    this.start = start;
    this.rule = rule;
    this.weekdays = new Set(rule.weekdays.map((w) => WEEKDAYS.indexOf(w) + 1));
    this.ranges = rule.dates.map((text) => {
      const [from, to = from] = text.split("/") as [string, string?];
      return [this.offsetOf(from), this.offsetOf(to)] as const;
    });
  }

  /** True when day `day` is a blackout day. */
  isBlackout(day: number): boolean {
    let flag = this.memo[day];
    if (flag === undefined) {
      flag = this.compute(day) ? 1 : 0;
      this.memo[day] = flag;
    }
    return flag === 1;
  }

  /** The first day at or after `day` (rounded up to a whole day) that is not a blackout day. */
  nextAllowed(day: number): number {
    const first = Math.max(0, Math.ceil(day - 1e-9));
    for (let d = first; d < first + MAX_SEARCH_DAYS; d++) if (!this.isBlackout(d)) return d;
    throw new TrancheError("E_CONFIG", "the blackout leaves no free day within ten years.");
  }

  private offsetOf(text: string): number {
    return this.start.until(Temporal.PlainDate.from(text), { largestUnit: "days" }).days;
  }

  private compute(day: number): boolean {
    if (this.ranges.some(([from, to]) => day >= from && day <= to)) return true;
    if (this.weekdays.size === 0 && this.rule.monthEndDays === 0) return false;
    const date = this.start.add({ days: day });
    if (this.weekdays.has(date.dayOfWeek)) return true;
    return date.day > date.daysInMonth - this.rule.monthEndDays;
  }
}
