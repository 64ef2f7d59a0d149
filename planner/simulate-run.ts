/**
 * One Monte Carlo run of one policy. Cohort k of run r draws from record r of the cohort-k stream,
 * so a run's outcome never depends on how runs are chunked, and two policies compared in one call
 * meet the same luck cohort by cohort (common random numbers make their difference sharper).
 *
 * A cohort's life: its data migration starts on a free day (gated: after the previous cohort's BSS
 * cutover; fixed: on its calendar slot) and takes whole night windows at the drawn throughput; a
 * parallel run (dual-write, reconciled every few hours) and a stabilization period follow; then the
 * BSS cutover moves billing to the destination on a free day. A subscriber whose cutover instant is
 * not the start of their billing period gets a split-period bill; an aligned subscriber's billing
 * waits for their next period start instead. A defect becomes visible some days after migration and
 * is caught by the next reconciliation to finish before the cutover, or reaches subscribers.
 */
import type { Random, RandomStream } from "../domain/index.ts";
import type { Assumptions } from "./assumptions.ts";
import type { BillingCalendar, CalendarGroup } from "./billing-calendar.ts";
import type { BlackoutDays } from "./blackout-days.ts";
import type { CohortPlan, PlannedCohort } from "./cohort-plan.ts";
import type { CohortPolicy } from "./cohort-policy.ts";
import { type Distribution, sample } from "./distribution.ts";
import type { RunRecorder } from "./run-recorder.ts";

/** Load on the destination along one operation (or "*", all together), against its knee if measured. */
export interface LoadChannel {
  readonly operation: string;
  /** Events/s at the peak hour per subscriber living on the destination. */
  readonly livePerSubscriber: number;
  /** Writes/s per subscriber/s of migration throughput. */
  readonly perMigrated: number;
  readonly kneeRatePerSec: number | null;
}

export interface RunContext {
  readonly plan: CohortPlan;
  readonly policy: CohortPolicy;
  readonly assumptions: Assumptions;
  readonly calendar: BillingCalendar;
  readonly blackout: BlackoutDays;
  /** One stream per cohort position. */
  readonly streams: readonly RandomStream[];
  readonly channels: readonly LoadChannel[];
}

/** What happened to a cohort's defect, if it had one. */
export const DEFECT_OUTCOMES = { none: 0, fixedForward: 1, rolledBack: 2, incident: 3 } as const;

interface Draws {
  defect: boolean;
  visibleDays: number;
  rollback: boolean;
  rollbackDelayDays: number;
  throughputPerSec: number;
  reconciliationHours: number;
  affectedShare: number;
}

/** Every draw of a cohort, always all of them and in this order, so each lands in the same place. */
function drawCohort(cohort: PlannedCohort, a: Assumptions, random: Random): Draws {
  const u = a.uncertainty;
  const probabilities = u.defectProbability;
  const pDefect = sample(
    probabilities[Math.min(cohort.index, probabilities.length - 1)] as Distribution,
    random,
  );
  const defect = random.next() < pDefect;
  const visibleDays = sample(u.detectDays, random);
  const pRollback = sample(u.rollbackProbability, random);
  const rollback = random.next() < pRollback;
  return {
    defect,
    visibleDays,
    rollback,
    rollbackDelayDays: sample(u.rollbackDelayDays, random),
    throughputPerSec: sample(u.throughputPerSec, random),
    reconciliationHours: sample(u.reconciliationHours, random),
    affectedShare: sample(u.affectedShare, random),
  };
}

interface Attempt {
  migStart: number;
  migEnd: number;
  cutover: number;
}

function attempt(ctx: RunContext, cohort: PlannedCohort, earliestDay: number, draws: Draws): Attempt {
  const windowSubscribers = draws.throughputPerSec * 3600 * ctx.assumptions.migration.windowHours;
  const migStart = ctx.blackout.nextAllowed(earliestDay);
  const migEnd = migStart + Math.max(1, Math.ceil(cohort.size / windowSubscribers));
  const cutover = ctx.blackout.nextAllowed(migEnd + cohort.parallelRunDays + cohort.stabilizationDays);
  return { migStart, migEnd, cutover };
}

/** Runs run `r` and records it in `out`. */
export function simulateRun(ctx: RunContext, r: number, out: RunRecorder, random: Random): void {
  const { plan, policy, calendar } = ctx;
  const runs = out.runs;
  const cadenceHours = policy.reconciliationEveryHours;
  const localCutover = policy.cutoverTimeZone === "local";
  const intervals: number[] = []; // migration windows: start, end, rate (subscribers/s)
  const liveChanges: number[] = []; // day, change in subscribers on the destination
  let previousCutover = 0;
  let endMax = 0;
  let splitsTotal = 0;
  let rollbacks = 0;
  let incidents = 0;
  let affected = 0;
  let dualWriteDays = 0;
  let coveredUntil = Number.NEGATIVE_INFINITY;

  for (const cohort of plan.cohorts) {
    const k = cohort.index;
    const draws = drawCohort(cohort, ctx.assumptions, (ctx.streams[k] as RandomStream).record(r, random));
    const earliest =
      policy.schedule.kind === "fixed"
        ? k * policy.schedule.everyDays
        : k === 0
          ? 0
          : previousCutover + policy.schedule.gapDays;
    const first = attempt(ctx, cohort, earliest, draws);
    let final = first;
    let outcome: number = DEFECT_OUTCOMES.none;
    let exposedDays = Number.NaN;
    intervals.push(first.migStart, first.migEnd, draws.throughputPerSec);
    liveChanges.push(first.migEnd, cohort.size);
    if (draws.defect) {
      // Reconciliations start every cadence hours from the end of migration, one at a time: one that
      // outlasts the cadence stretches it. The first to start after the defect shows catches it.
      const everyHours = Math.max(cadenceHours, draws.reconciliationHours);
      const caughtHours =
        Math.ceil((draws.visibleDays * 24) / everyHours) * everyHours + draws.reconciliationHours;
      const caughtDay = first.migEnd + caughtHours / 24;
      if (caughtDay <= first.cutover) {
        exposedDays = caughtDay - first.migEnd;
        if (draws.rollback) {
          outcome = DEFECT_OUTCOMES.rolledBack;
          rollbacks++;
          // Back to legacy, then migrated again once the fix is in (assumed to hold).
          const rollbackDone = caughtDay + draws.rollbackDelayDays;
          liveChanges.push(rollbackDone, -cohort.size);
          final = attempt(ctx, cohort, rollbackDone, draws);
          intervals.push(final.migStart, final.migEnd, draws.throughputPerSec);
          liveChanges.push(final.migEnd, cohort.size);
        } else {
          outcome = DEFECT_OUTCOMES.fixedForward;
        }
      } else {
        // Not caught in time: subscribers meet it once billing and service run on the destination.
        outcome = DEFECT_OUTCOMES.incident;
        incidents++;
        exposedDays = Math.max(draws.visibleDays, first.cutover - first.migEnd);
        affected += Math.round(cohort.size * draws.affectedShare);
      }
    }

    const cohortCutoverSec = calendar.cutoverSec(final.cutover);
    let lastSwitchSec = cohortCutoverSec;
    let splits = 0;
    const ids = cohort.groupIds;
    for (let i = 0; i < ids.length; i++) {
      const group = ids[i] as number;
      const unaligned = cohort.unalignedCounts[i] as number;
      const aligned = cohort.alignedCounts[i] as number;
      const cutoverSec = localCutover
        ? calendar.cutoverSec(final.cutover, (calendar.groups[group] as CalendarGroup).timezone)
        : cohortCutoverSec;
      if (unaligned > 0 && !calendar.isPeriodStart(group, cutoverSec)) splits += unaligned;
      if (aligned > 0) {
        const switchSec = calendar.nextPeriodStart(group, cutoverSec);
        if (switchSec > lastSwitchSec) lastSwitchSec = switchSec;
        if (!calendar.isPeriodStart(group, switchSec)) splits += aligned;
      }
    }
    const endDay = calendar.dayOf(lastSwitchSec);
    if (endDay > endMax) endMax = endDay;
    splitsTotal += splits;
    // Both systems carry the cohort from its first migration until its last subscriber's cutover.
    const from = Math.max(first.migStart, coveredUntil);
    if (endDay > from) dualWriteDays += endDay - from;
    if (endDay > coveredUntil) coveredUntil = endDay;
    previousCutover = final.cutover;

    const at = k * runs + r;
    out.cohortStart[at] = first.migStart;
    out.cohortCutover[at] = final.cutover;
    out.cohortEnd[at] = endDay;
    out.cohortSplits[at] = splits;
    out.cohortOutcome[at] = outcome;
    out.cohortExposedDays[at] = exposedDays;
    out.cohortAffected[at] =
      outcome === DEFECT_OUTCOMES.incident ? Math.round(cohort.size * draws.affectedShare) : 0;
  }

  out.endDay[r] = endMax;
  out.splits[r] = splitsTotal;
  out.dualWriteDays[r] = Math.ceil(dualWriteDays - 1e-9);
  out.rollbacks[r] = rollbacks;
  out.incidents[r] = incidents;
  out.affected[r] = affected;
  recordLoad(ctx, r, out, intervals, liveChanges, endMax);
}

/** Peak-hour load per day, per channel, from the migration windows and the subscribers on the destination. */
function recordLoad(
  ctx: RunContext,
  r: number,
  out: RunRecorder,
  intervals: readonly number[],
  liveChanges: readonly number[],
  endDay: number,
): void {
  const days = Math.max(1, Math.ceil(endDay) + 1);
  const migrating = new Float64Array(days + 1);
  const live = new Float64Array(days + 1);
  for (let i = 0; i < intervals.length; i += 3) {
    const last = Math.min(days, intervals[i + 1] as number);
    for (let d = intervals[i] as number; d < last; d++)
      migrating[d] = (migrating[d] as number) + (intervals[i + 2] as number);
  }
  for (let i = 0; i < liveChanges.length; i += 2) {
    const d = Math.min(days, Math.ceil((liveChanges[i] as number) - 1e-9));
    live[d] = (live[d] as number) + (liveChanges[i + 1] as number);
  }
  const channels = ctx.channels;
  const daily = new Float32Array(days);
  let onDestination = 0;
  let peakUtil = 0;
  let over = 0;
  for (let d = 0; d < days; d++) {
    onDestination += live[d] as number;
    const rate = migrating[d] as number;
    let util = 0;
    for (let c = 0; c < channels.length; c++) {
      const channel = channels[c] as LoadChannel;
      const load = onDestination * channel.livePerSubscriber + rate * channel.perMigrated;
      const at = c * out.runs + r;
      if (load > (out.peakLoad[at] as number)) out.peakLoad[at] = load;
      if (channel.kneeRatePerSec !== null) util = Math.max(util, load / channel.kneeRatePerSec);
    }
    daily[d] = util * 100;
    if (util > peakUtil) peakUtil = util;
    if (util > 1) over++;
  }
  out.peakUtilizationPct[r] = peakUtil * 100;
  out.daysOverCapacity[r] = over;
  out.daily[r] = daily;
}
