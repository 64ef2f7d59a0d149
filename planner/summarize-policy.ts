/** Turns one policy's recorded runs into its outcome: spreads, rates and dates, ready for JSON. */
import { divideRounded } from "../domain/index.ts";
import type { Assumptions } from "./assumptions.ts";
import type { BillingCalendar } from "./billing-calendar.ts";
import type { CohortPlan } from "./cohort-plan.ts";
import type { CohortPolicy } from "./cohort-policy.ts";
import type { RunRecorder } from "./run-recorder.ts";
import { DEFECT_OUTCOMES, type LoadChannel } from "./simulate-run.ts";
import { percentileOf, type Spread, spreadOf } from "./spread.ts";
import type { CohortOutcome, DateSpread, LoadOutcome, PolicyOutcome } from "./whatif-result.ts";

/** The longest daily load series kept (ten years). */
const MAX_DAILY_DAYS = 3660;

function datesOf(calendar: BillingCalendar, days: Spread): DateSpread {
  return { p10: calendar.dateAt(days.p10), p50: calendar.dateAt(days.p50), p90: calendar.dateAt(days.p90) };
}

function rate(count: number, runs: number): number {
  return Number((count / runs).toFixed(4));
}

function cohortOutcome(
  plan: CohortPlan,
  k: number,
  out: RunRecorder,
  calendar: BillingCalendar,
): CohortOutcome {
  const cohort = plan.cohorts[k] as (typeof plan.cohorts)[number];
  const runs = out.runs;
  const slice = (a: Float64Array) => a.subarray(k * runs, (k + 1) * runs);
  let defects = 0;
  let rollbacks = 0;
  let incidents = 0;
  let affected = 0;
  for (let r = 0; r < runs; r++) {
    const outcome = out.cohortOutcome[k * runs + r] as number;
    if (outcome !== DEFECT_OUTCOMES.none) defects++;
    if (outcome === DEFECT_OUTCOMES.rolledBack) rollbacks++;
    if (outcome === DEFECT_OUTCOMES.incident) incidents++;
    affected += out.cohortAffected[k * runs + r] as number;
  }
  const exposed = spreadOf(slice(out.cohortExposedDays));
  const exposedDays = Number.isNaN(exposed.p50) ? null : exposed;
  const startDay = spreadOf(slice(out.cohortStart));
  const cutoverDay = spreadOf(slice(out.cohortCutover));
  const endDay = spreadOf(slice(out.cohortEnd));
  const hours = (days: number) => Math.round(days * 24);
  return {
    cohort: k + 1,
    subscribers: cohort.size,
    alignedSubscribers: cohort.aligned,
    composition: cohort.composition,
    revenueAtRiskMinor: cohort.revenueMinor,
    startDay,
    cutoverDay,
    endDay,
    start: datesOf(calendar, startDay),
    cutover: datesOf(calendar, cutoverDay),
    end: datesOf(calendar, endDay),
    splitBills: spreadOf(slice(out.cohortSplits), 1),
    defectRate: rate(defects, runs),
    rollbackRate: rate(rollbacks, runs),
    incidentRate: rate(incidents, runs),
    exposedDays,
    // ARPU is monthly: a 30-day month, counted in hours so the money stays integer.
    revenueExposedMinor: exposedDays
      ? Object.fromEntries(
          Object.entries(cohort.revenueMinor).map(([currency, monthly]) => [
            currency,
            {
              p50: divideRounded(monthly * hours(exposedDays.p50), 30 * 24, "half-up"),
              p90: divideRounded(monthly * hours(exposedDays.p90), 30 * 24, "half-up"),
            },
          ]),
        )
      : null,
    expectedAffectedSubscribers: Number((affected / runs).toFixed(1)),
  };
}

function loadOutcome(out: RunRecorder, channels: readonly LoadChannel[]): LoadOutcome {
  const runs = out.runs;
  const measured = channels.some((c) => c.kneeRatePerSec !== null);
  let overRuns = 0;
  for (let r = 0; r < runs; r++) if ((out.daysOverCapacity[r] as number) > 0) overRuns++;
  let daily: LoadOutcome["daily"] = null;
  if (measured) {
    let days = 0;
    for (const series of out.daily) days = Math.max(days, series.length);
    days = Math.min(days, MAX_DAILY_DAYS);
    daily = { p10: [], p50: [], p90: [] };
    const column = new Float64Array(runs);
    for (let d = 0; d < days; d++) {
      // After a run's last cutover its load stays where it ended: every subscriber is on the destination.
      for (let r = 0; r < runs; r++) {
        const series = out.daily[r] as Float32Array;
        column[r] = series[Math.min(d, series.length - 1)] as number;
      }
      column.sort();
      daily.p10.push(Number(percentileOf(column, 0.1).toFixed(1)));
      daily.p50.push(Number(percentileOf(column, 0.5).toFixed(1)));
      daily.p90.push(Number(percentileOf(column, 0.9).toFixed(1)));
    }
  }
  return {
    peakUtilizationPct: measured ? spreadOf(out.peakUtilizationPct, 1) : null,
    daysOverCapacity: measured ? spreadOf(out.daysOverCapacity, 1) : null,
    overCapacityRate: measured ? rate(overRuns, runs) : null,
    channels: channels.map((c, i) => ({
      operation: c.operation,
      kneeRatePerSec: c.kneeRatePerSec,
      peakPerSec: spreadOf(out.peakLoad.subarray(i * runs, (i + 1) * runs), 1),
    })),
    daily,
  };
}

/** The outcome of `policy` from its recorded runs. */
export function summarizePolicy(input: {
  readonly policy: CohortPolicy;
  readonly plan: CohortPlan;
  readonly calendar: BillingCalendar;
  readonly channels: readonly LoadChannel[];
  readonly assumptions: Assumptions;
  readonly out: RunRecorder;
}): PolicyOutcome {
  const { policy, plan, calendar, out, assumptions } = input;
  const perDay = assumptions.costs.parallelRunPerDayMinor;
  const cost = out.dualWriteDays.map((days) => days * perDay);
  const durationDays = spreadOf(out.endDay);
  return {
    policy,
    cutoverTimeZone: policy.cutoverTimeZone === "local" ? "local" : calendar.cutoverTimeZone,
    cohortCount: plan.cohorts.length,
    durationDays,
    end: datesOf(calendar, durationDays),
    splitBills: spreadOf(out.splits, 1),
    dualWriteDays: spreadOf(out.dualWriteDays, 1),
    parallelRunCostMinor: spreadOf(cost, 0),
    costCurrency: assumptions.costs.currency,
    rollbacks: spreadOf(out.rollbacks),
    incidents: spreadOf(out.incidents),
    affectedSubscribers: spreadOf(out.affected, 1),
    largestCohort: Math.max(...plan.cohorts.map((c) => c.size)),
    load: loadOutcome(out, input.channels),
    cohorts: plan.cohorts.map((_, k) => cohortOutcome(plan, k, out, calendar)),
  };
}
