/** Public API of the planner: what-if cohort simulation (Monte Carlo) over base statistics and measured capacity. */
export type { Assumptions, AssumptionsInput } from "./assumptions.ts";
export { ASSUMPTION_NOTES, AssumptionsSchema, defaultAssumptions } from "./assumptions.ts";
export type { BaseStats } from "./base-stats.ts";
export { baseStatsFromStrata, readBaseStats } from "./base-stats.ts";
export type { Capacity, CapacityLimit } from "./capacity-input.ts";
export { ALL_OPERATIONS, readCapacity } from "./capacity-input.ts";
export type { CohortComposition, CohortPlan, PlannedCohort } from "./cohort-plan.ts";
export { planCohorts } from "./cohort-plan.ts";
export type { CohortPolicy, CohortPolicyInput } from "./cohort-policy.ts";
export { CohortPolicySchema, MAX_COHORTS, ORDER_KEYS, ORDER_SHORTHANDS } from "./cohort-policy.ts";
export type { Distribution } from "./distribution.ts";
export { distributionSchema, meanOf, sample } from "./distribution.ts";
export type { WhatifInput } from "./run-whatif.ts";
export { loadChannels, MAX_RUNS, runWhatif } from "./run-whatif.ts";
export type { Spread } from "./spread.ts";
export { percentileOf, spreadOf } from "./spread.ts";
export type {
  ChannelOutcome,
  CohortOutcome,
  DateSpread,
  LoadOutcome,
  PolicyOutcome,
  WhatifResult,
} from "./whatif-result.ts";
export { WHATIF_SCHEMA_VERSION } from "./whatif-result.ts";
export type { PolicyView, TableView, TimelineBar, WhatifView } from "./whatif-view.ts";
export { formatCount, formatMoney, formatMoneyMap, MAX_CHART_COHORTS, whatifView } from "./whatif-view.ts";
