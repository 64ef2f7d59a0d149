/**
 * What the planner assumes about the world, shared by every policy it compares: the uncertainty of
 * a cohort's migration (defects, detection, rollback, throughput, reconciliation), the load
 * migrated subscribers put on the destination, and what the parallel run costs. Every default has
 * a note on where its number comes from; a planner replaces them with their own programme's
 * figures (`--assumptions FILE`).
 */
import { z } from "zod";
import { CURRENCY_CODES, type CurrencyCode } from "../domain/index.ts";
import { type Distribution, distributionSchema } from "./distribution.ts";

const probability = distributionSchema(0, 1);
const nonNegative = distributionSchema(0);

const DEFAULT_DEFECT_PROBABILITY: Distribution[] = [
  { dist: "pert", min: 0.1, mode: 0.3, max: 0.6 },
  { dist: "pert", min: 0.05, mode: 0.15, max: 0.35 },
  { dist: "pert", min: 0.01, mode: 0.05, max: 0.15 },
];

const UncertaintySchema = z
  .object({
    /** Chance that a cohort's migration carries a defect, per cohort (the last repeats). */
    defectProbability: z
      .union([probability, z.array(probability).min(1)])
      .transform((v) => (Array.isArray(v) ? v : [v]))
      .prefault(DEFAULT_DEFECT_PROBABILITY),
    /** Days from the end of a cohort's data migration until its defect shows in the data. */
    detectDays: nonNegative.default({ dist: "lognormal", median: 4, sigma: 1 }),
    /** Chance that a defect caught before the BSS cutover makes the cohort roll back to legacy. */
    rollbackProbability: probability.default({ dist: "pert", min: 0.2, mode: 0.4, max: 0.7 }),
    /** Days from detection until the rollback is done and the cohort can migrate again. */
    rollbackDelayDays: nonNegative.default({ dist: "pert", min: 0.5, mode: 1, max: 3 }),
    /** Subscribers per second the migration tooling loads into the destination. */
    throughputPerSec: distributionSchema(0.01).default({ dist: "pert", min: 20, mode: 50, max: 100 }),
    /** Hours one reconciliation of legacy against destination takes. */
    reconciliationHours: nonNegative.default({ dist: "pert", min: 0.5, mode: 1.5, max: 6 }),
    /** Share of a cohort a defect that reaches subscribers affects. */
    affectedShare: probability.default({ dist: "pert", min: 0.005, mode: 0.03, max: 0.2 }),
  })
  .strict();

export const AssumptionsSchema = z
  .object({
    uncertainty: UncertaintySchema.prefault({}),
    migration: z
      .object({
        /** Hours a day the migration tooling runs (a night window). */
        windowHours: z.number().positive().max(24).default(8),
        /** The measured capacity operation a migration write costs like (a cohort import creates a line). */
        operation: z.string().min(1).default("activation"),
        writesPerSubscriber: z.number().positive().default(1),
      })
      .strict()
      .prefault({}),
    traffic: z
      .object({
        /** Provisioning writes a migrated line sends a day (top-ups, plan changes, add-ons, …). */
        eventsPerSubscriberPerDay: z.number().min(0).default(0.2),
        /** Share of a day's events in its busiest hour. */
        peakHourShare: z.number().positive().max(1).default(0.077),
        /** The busiest day over an average one (weekday and month-start peaks). */
        peakDayFactor: z.number().min(1).default(1.75),
        /** Share of live events per measured capacity operation. */
        mix: z
          .record(z.string().min(1), z.number().min(0))
          .default({ top_up: 0.55, plan_change: 0.4, activation: 0.05 }),
      })
      .strict()
      .prefault({}),
    costs: z
      .object({
        /** What a day of running legacy and destination side by side costs, minor units. */
        parallelRunPerDayMinor: z.number().int().min(0).default(250_000),
        currency: z.enum(CURRENCY_CODES as [CurrencyCode, ...CurrencyCode[]]).default("GBP"),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type Assumptions = z.output<typeof AssumptionsSchema>;
export type AssumptionsInput = z.input<typeof AssumptionsSchema>;

/** The built-in assumptions. */
export function defaultAssumptions(): Assumptions {
  return AssumptionsSchema.parse({});
}

/** Where the default numbers come from (printed in docs/whatif.md and the HTML page). */
export const ASSUMPTION_NOTES: readonly string[] = [
  "Defect probability falls with each cohort (30% → 15% → 5% most likely): the first tranches exist to find migration-script and data-transformation bugs (playbook: find them on 500 subscribers, not 500,000). Replace with your programme's defect history.",
  "Detection: log-normal, median 4 days, long tail (p90 ≈ 14 days): most discrepancies show in the first reconciliations; billing defects can wait for the first bill run.",
  "Reconciliation every 4 hours during the parallel run (playbook); one takes 0.5–6 h (PERT, most likely 1.5 h). A reconciliation that outlasts its cadence stretches the cadence.",
  "Rollback: 20–70% of defects caught before cutover make the cohort roll back (the rest are fixed forward); a rollback takes 0.5–3 days. After the BSS cutover there is no rollback, only fix-forward (the number-portability step is not quickly reversible).",
  "Migration throughput 20–100 subscribers/s (PERT, most likely 50) in an 8-hour night window: bulk cohort-import rates of BSS migration tooling, rounded.",
  "Live load: 0.2 provisioning writes per line per day (prepaid top-ups 2–4 a month plus plan changes and add-ons), 7.7% of a day's writes in the peak hour and the busiest day 1.75× an average one (generators/traffic-profile.ts: diurnal peak, Friday/Saturday and month-start factors). Mix: top-ups 55%, plan changes (and writes that cost like them) 40%, activations 5%.",
  "Parallel run cost: 2,500.00 a day in the configured currency, a placeholder for two environments' licences, hosting and the on-call rota.",
];
