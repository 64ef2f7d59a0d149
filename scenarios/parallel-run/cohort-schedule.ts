/**
 * When each cohort (tranche) of the parallel run moves onto the destination. Cohorts follow the
 * playbook's order — inactive lines first, then low, mid and high ARPU — one every `spacingDays`;
 * the high-value cohort is split by billing anchor (anchor day and time zone) and each part is
 * imported at the start of its next billing period, so no high-value line gets a split period.
 * A part whose next boundary falls too late in the parallel period goes at the cohort's instant
 * instead (mid-cycle, counted as not aligned).
 */
import { Temporal } from "temporal-polyfill";
import { billingPeriodAt, type Subscriber } from "../../domain/index.ts";
import { cohortsOf } from "../shared/suite-population.ts";

export interface ScheduledCohort {
  readonly id: string;
  readonly atMs: number;
  readonly subscribers: readonly Subscriber[];
  /** True when the cohort's instant is the start of every member's billing period. */
  readonly cycleAligned: boolean;
}

export interface CohortScheduleOptions {
  readonly startMs: number;
  readonly endMs: number;
  readonly cohorts: number;
  readonly spacingDays: number;
  /** The last boundary a high-value part may wait for, before the end of the period (days). */
  readonly minParallelDays: number;
}

const DAY_MS = 86_400_000;

/** The cohorts of `population` with their import instants, in import order. */
export function scheduleCohorts(
  population: readonly Subscriber[],
  options: CohortScheduleOptions,
): ScheduledCohort[] {
  const groups = cohortsOf(population, options.cohorts, options.startMs);
  const out: ScheduledCohort[] = [];
  for (const [k, members] of groups.entries()) {
    const atMs = options.startMs + k * options.spacingDays * DAY_MS;
    const id = `c${k + 1}`;
    const last = k === groups.length - 1 && groups.length > 1;
    if (!last) {
      out.push({ id, atMs, subscribers: members, cycleAligned: false });
      continue;
    }
    const byAnchor = new Map<string, Subscriber[]>();
    for (const s of members) {
      const key = `${s.billing.anchorDay}|${s.billing.timezone}`;
      byAnchor.set(key, [...(byAnchor.get(key) ?? []), s]);
    }
    for (const part of byAnchor.values()) {
      const first = part[0] as Subscriber;
      const period = billingPeriodAt(
        Temporal.Instant.fromEpochMilliseconds(atMs),
        first.billing.anchorDay,
        first.billing.timezone,
      );
      const boundary = period.start.epochMilliseconds === atMs ? atMs : period.end.epochMilliseconds;
      const aligned = boundary <= options.endMs - options.minParallelDays * DAY_MS;
      out.push({
        id: `${id}-d${first.billing.anchorDay}-${first.billing.timezone.replace(/[^A-Za-z]+/g, "")}`,
        atMs: aligned ? boundary : atMs,
        subscribers: part,
        cycleAligned: aligned,
      });
    }
  }
  return out.sort((a, b) => a.atMs - b.atMs || (a.id < b.id ? -1 : 1));
}
