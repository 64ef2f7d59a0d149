/**
 * The result of `tranche whatif`, plain JSON: every figure a spread over the Monte Carlo runs (p10,
 * p50, p90, mean), days counted from the start date with the matching calendar dates beside them,
 * money in integer minor units with its currency. Text, CSV and HTML are renderings of this.
 */
import type { Assumptions } from "./assumptions.ts";
import type { CapacityLimit } from "./capacity-input.ts";
import type { CohortComposition } from "./cohort-plan.ts";
import type { CohortPolicy } from "./cohort-policy.ts";
import type { Spread } from "./spread.ts";

export const WHATIF_SCHEMA_VERSION = 1;

/** Calendar dates of a spread of days (day d is the start date + floor(d) days). */
export interface DateSpread {
  readonly p10: string;
  readonly p50: string;
  readonly p90: string;
}

export interface CohortOutcome {
  /** 1-based, as planners count cohorts. */
  readonly cohort: number;
  readonly subscribers: number;
  /** Subscribers whose billing moves at their own cycle boundary. */
  readonly alignedSubscribers: number;
  readonly composition: CohortComposition;
  /** Blast radius: monthly ARPU of the cohort's subscribers per currency, minor units. */
  readonly revenueAtRiskMinor: Readonly<Record<string, number>>;
  /** Day the data migration starts (the first attempt). */
  readonly startDay: Spread;
  readonly cutoverDay: Spread;
  /** Day the last subscriber's billing has moved. */
  readonly endDay: Spread;
  readonly start: DateSpread;
  readonly cutover: DateSpread;
  readonly end: DateSpread;
  readonly splitBills: Spread;
  /** Shares of runs in which the cohort had a defect, rolled back, or had an incident. */
  readonly defectRate: number;
  readonly rollbackRate: number;
  readonly incidentRate: number;
  /** Days a defect lived on the destination before it was caught, over runs with a defect. */
  readonly exposedDays: Spread | null;
  /** Revenue billed while a defect was live (monthly ARPU × exposed days / 30), p50 and p90. */
  readonly revenueExposedMinor: Readonly<
    Record<string, { readonly p50: number; readonly p90: number }>
  > | null;
  readonly expectedAffectedSubscribers: number;
}

export interface ChannelOutcome {
  readonly operation: string;
  readonly kneeRatePerSec: number | null;
  /** The run's highest peak-hour load, events/s. */
  readonly peakPerSec: Spread;
}

export interface LoadOutcome {
  /** Highest peak-hour load as % of the knee, over channels with a measured knee; null without capacity. */
  readonly peakUtilizationPct: Spread | null;
  readonly daysOverCapacity: Spread | null;
  /** Share of runs with at least one day over capacity. */
  readonly overCapacityRate: number | null;
  readonly channels: readonly ChannelOutcome[];
  /** Per day from the start: peak-hour utilization % (p10, p50, p90 over runs); null without capacity. */
  readonly daily: { readonly p10: number[]; readonly p50: number[]; readonly p90: number[] } | null;
}

export interface PolicyOutcome {
  readonly policy: CohortPolicy;
  readonly cutoverTimeZone: string;
  readonly cohortCount: number;
  readonly durationDays: Spread;
  readonly end: DateSpread;
  readonly splitBills: Spread;
  /** Days legacy and destination both carried some cohort (dual-write), rounded up. */
  readonly dualWriteDays: Spread;
  readonly parallelRunCostMinor: Spread;
  readonly costCurrency: string;
  readonly rollbacks: Spread;
  readonly incidents: Spread;
  readonly affectedSubscribers: Spread;
  readonly largestCohort: number;
  readonly load: LoadOutcome;
  readonly cohorts: readonly CohortOutcome[];
}

export interface WhatifResult {
  readonly schemaVersion: typeof WHATIF_SCHEMA_VERSION;
  readonly harnessVersion: string;
  readonly seed: number;
  readonly runs: number;
  /** First day of the programme (day 0), ISO date. */
  readonly start: string;
  readonly base: {
    readonly source: string;
    readonly subscribers: number;
    readonly strata: number;
    readonly skipped: number;
    readonly refDate: string;
    readonly currencies: readonly string[];
  };
  readonly capacity: {
    readonly source: string;
    readonly target: string;
    readonly limits: readonly CapacityLimit[];
    readonly notes: readonly string[];
  } | null;
  readonly assumptions: Assumptions;
  readonly policies: readonly PolicyOutcome[];
}
