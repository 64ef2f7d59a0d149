/**
 * `tranche whatif` as a pure function: base statistics, measured capacity, policies and
 * assumptions in; the Monte Carlo outcome of every policy out. Deterministic for a seed: run r of
 * every policy draws cohort k's luck from record r of stream `whatif/cohort-k`.
 */
import { Temporal } from "temporal-polyfill";
import { createStream, Random, type RandomStream, TrancheError } from "../domain/index.ts";
import type { Assumptions } from "./assumptions.ts";
import type { BaseStats } from "./base-stats.ts";
import { BillingCalendar } from "./billing-calendar.ts";
import { BlackoutDays } from "./blackout-days.ts";
import { ALL_OPERATIONS, type Capacity } from "./capacity-input.ts";
import { calendarGroupsOf, planCohorts } from "./cohort-plan.ts";
import type { CohortPolicy } from "./cohort-policy.ts";
import { RunRecorder } from "./run-recorder.ts";
import { type LoadChannel, type RunContext, simulateRun } from "./simulate-run.ts";
import { summarizePolicy } from "./summarize-policy.ts";
import { WHATIF_SCHEMA_VERSION, type WhatifResult } from "./whatif-result.ts";

export const MAX_RUNS = 20_000;

/** Cohort × run outcomes kept in memory at most (about 0.5 GB of typed arrays). */
const MAX_COHORT_RUNS = 10_000_000;

export interface WhatifInput {
  readonly base: BaseStats;
  readonly capacity: Capacity | null;
  readonly policies: readonly CohortPolicy[];
  readonly assumptions: Assumptions;
  readonly runs: number;
  readonly seed: number;
  /** Day 0, an ISO date. */
  readonly start: string;
  readonly harnessVersion: string;
  /** Called every few runs per policy (progress bars). */
  readonly onProgress?: (policy: string, done: number, total: number) => void;
}

/** The load channels: every operation the live mix or the migration touches, and "*" when measured so. */
export function loadChannels(assumptions: Assumptions, capacity: Capacity | null): LoadChannel[] {
  const { traffic, migration } = assumptions;
  const peakPerSubscriber =
    (traffic.eventsPerSubscriberPerDay * traffic.peakHourShare * traffic.peakDayFactor) / 3600;
  const mixTotal = Object.values(traffic.mix).reduce((a, b) => a + b, 0);
  const knee = (operation: string) =>
    capacity?.limits.find((l) => l.operation === operation)?.kneeRatePerSec ?? null;
  const operations = new Set(Object.keys(traffic.mix).filter((op) => (traffic.mix[op] ?? 0) > 0));
  operations.add(migration.operation);
  for (const limit of capacity?.limits ?? [])
    if (limit.operation !== ALL_OPERATIONS) operations.add(limit.operation);
  const channels: LoadChannel[] = [...operations].sort().map((operation) => ({
    operation,
    livePerSubscriber: mixTotal > 0 ? (peakPerSubscriber * (traffic.mix[operation] ?? 0)) / mixTotal : 0,
    perMigrated: operation === migration.operation ? migration.writesPerSubscriber : 0,
    kneeRatePerSec: knee(operation),
  }));
  if (capacity?.limits.some((l) => l.operation === ALL_OPERATIONS)) {
    channels.push({
      operation: ALL_OPERATIONS,
      livePerSubscriber: mixTotal > 0 ? peakPerSubscriber : 0,
      perMigrated: migration.writesPerSubscriber,
      kneeRatePerSec: knee(ALL_OPERATIONS),
    });
  }
  return channels;
}

/** Runs every policy `input.runs` times and summarizes each. */
export function runWhatif(input: WhatifInput): WhatifResult {
  const { base, assumptions, runs, seed } = input;
  if (!Number.isSafeInteger(runs) || runs < 1 || runs > MAX_RUNS) {
    throw new TrancheError("E_USAGE", `runs must be an integer from 1 to ${MAX_RUNS}, got ${runs}.`);
  }
  const names = new Set<string>();
  for (const policy of input.policies) {
    if (names.has(policy.name)) {
      throw new TrancheError(
        "E_CONFIG",
        `two policies are named "${policy.name}".`,
        "Give each policy its own name.",
      );
    }
    names.add(policy.name);
  }
  const start = Temporal.PlainDate.from(input.start);
  const { groups } = calendarGroupsOf(base);
  const calendars = new Map<string, BillingCalendar>();
  const streams: RandomStream[] = [];
  const streamAt = (k: number) => {
    streams[k] ??= createStream(seed, `whatif/cohort-${k}`);
    return streams[k];
  };
  const channels = loadChannels(assumptions, input.capacity);
  const random = new Random(0, 0, 0, 0);
  const policies = input.policies.map((policy) => {
    const plan = planCohorts(base, policy);
    if (plan.cohorts.length * runs > MAX_COHORT_RUNS) {
      throw new TrancheError(
        "E_USAGE",
        `policy "${policy.name}": ${plan.cohorts.length} cohorts × ${runs} runs is more than ${MAX_COHORT_RUNS.toLocaleString("en")} cohort-runs to keep.`,
        `Use at most ${Math.floor(MAX_COHORT_RUNS / plan.cohorts.length)} runs, or larger cohorts.`,
      );
    }
    // "local" cuts each subscriber over at their own midnight; days are counted in the largest zone.
    const zone =
      policy.cutoverTimeZone === undefined || policy.cutoverTimeZone === "local"
        ? plan.largestTimeZone
        : policy.cutoverTimeZone;
    let calendar = calendars.get(zone);
    if (!calendar) {
      calendar = new BillingCalendar(start, zone, groups);
      calendars.set(zone, calendar);
    }
    const ctx: RunContext = {
      plan,
      policy,
      assumptions,
      calendar,
      blackout: new BlackoutDays(start, policy.blackout),
      streams: plan.cohorts.map((c) => streamAt(c.index)),
      channels,
    };
    const out = new RunRecorder(runs, plan.cohorts.length, channels.length);
    for (let r = 0; r < runs; r++) {
      simulateRun(ctx, r, out, random);
      if (input.onProgress && ((r + 1) % 50 === 0 || r + 1 === runs))
        input.onProgress(policy.name, r + 1, runs);
    }
    return summarizePolicy({ policy, plan, calendar, channels, assumptions, out });
  });
  return {
    schemaVersion: WHATIF_SCHEMA_VERSION,
    harnessVersion: input.harnessVersion,
    seed,
    runs,
    start: start.toString(),
    base: {
      source: base.source,
      subscribers: base.subscribers,
      strata: base.rows.length,
      skipped: base.skipped,
      refDate: base.refDate,
      currencies: base.currencies,
    },
    capacity: input.capacity
      ? {
          source: input.capacity.source,
          target: input.capacity.target,
          limits: input.capacity.limits,
          notes: input.capacity.notes,
        }
      : null,
    assumptions,
    policies,
  };
}
