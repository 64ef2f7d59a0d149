/** Small hand-made bases and fast-check arbitraries for the planner's tests. */
import fc from "fast-check";
import type { BaseStratum } from "../../domain/index.ts";
import {
  type Assumptions,
  AssumptionsSchema,
  type BaseStats,
  baseStatsFromStrata,
  type CohortPolicy,
  type CohortPolicyInput,
  CohortPolicySchema,
} from "../../planner/index.ts";

/** A stratum with defaults for the fields a test does not care about. */
export function stratum(fields: Partial<BaseStratum> & { count: number }): BaseStratum {
  return {
    segment: "consumer",
    activity: "active",
    arpuBand: "mid",
    anchorDay: 1,
    timezone: "Europe/London",
    country: "GB",
    currency: "GBP",
    arpuMinorSum: fields.count * 1500,
    ...fields,
  };
}

/** Base statistics from strata. */
export function baseOf(rows: BaseStratum[], source = "test-base.json"): BaseStats {
  return baseStatsFromStrata(
    {
      refDate: "2026-03-01T00:00:00Z",
      inactiveAfterIdleDays: 90,
      arpuBandLimitsMajor: [10, 25],
      skipped: 0,
      rows,
    },
    source,
  );
}

/** A policy from its input form, defaults applied. */
export function policyOf(input: CohortPolicyInput): CohortPolicy {
  return CohortPolicySchema.parse(input);
}

/** The built-in assumptions, with overrides. */
export function assumptionsOf(input: Record<string, unknown> = {}): Assumptions {
  return AssumptionsSchema.parse(input);
}

const ZONES = [
  "Europe/London",
  "Europe/Berlin",
  "America/New_York",
  "America/Los_Angeles",
  "Pacific/Honolulu",
];

/** A small base: up to 12 strata over a few zones, anchor days (29–31 included) and ARPU bands. */
export const arbitraryBase = fc
  .array(
    fc.record({
      count: fc.integer({ min: 1, max: 4000 }),
      anchorDay: fc.integer({ min: 1, max: 31 }),
      timezone: fc.constantFrom(...ZONES),
      activity: fc.constantFrom("active" as const, "inactive" as const, "suspended" as const),
      arpuBand: fc.constantFrom("low" as const, "mid" as const, "high" as const),
      segment: fc.constantFrom("consumer", "business", "youth"),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((rows) => baseOf(rows.map((r) => stratum(r))));

/** A policy's input without its alignment, so a test can vary alignment alone. */
export const arbitraryPolicy = fc.record({
  name: fc.constant("p"),
  cohorts: fc.oneof(
    fc.record({ sizes: fc.array(fc.integer({ min: 50, max: 5000 }), { minLength: 1, maxLength: 3 }) }),
    fc.record({
      first: fc.integer({ min: 50, max: 500 }),
      growth: fc.double({ min: 1, max: 10, noNaN: true }),
    }),
  ),
  ordering: fc.subarray(["inactive-first", "low-arpu-first"] as const),
  schedule: fc.oneof(
    fc.record({ kind: fc.constant("gated" as const), gapDays: fc.integer({ min: 0, max: 10 }) }),
    fc.record({ kind: fc.constant("fixed" as const), everyDays: fc.integer({ min: 1, max: 30 }) }),
  ),
  blackout: fc.record({
    weekdays: fc.subarray(["fri", "sat", "sun"] as const),
    monthEndDays: fc.integer({ min: 0, max: 3 }),
  }),
  parallelRunDays: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 3 }),
  stabilizationDays: fc.integer({ min: 0, max: 5 }),
  reconciliationEveryHours: fc.constantFrom(1, 4, 12),
  cutoverTimeZone: fc.option(fc.constantFrom("local", ...ZONES), { nil: undefined }),
});
