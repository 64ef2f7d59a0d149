/**
 * A cohort policy as typed data: how big the tranches are, who goes first, whether billing moves
 * at each subscriber's cycle boundary, when cohorts start, which days are off limits, and how long
 * each cohort runs in parallel before its BSS cutover. `tranche whatif` compares policies over the
 * same base, capacity and uncertainty.
 */
import { Temporal } from "temporal-polyfill";
import { z } from "zod";
import { ARPU_BANDS, isTimeZone } from "../domain/index.ts";

/** Most cohorts a policy may make: more is a typo in the sizes, and would not be a plan anyone runs. */
export const MAX_COHORTS = 5000;

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** Stratum fields a policy can order by. */
export const ORDER_KEYS = ["activity", "arpuBand", "segment", "country", "timezone", "anchorDay"] as const;
export type OrderKey = (typeof ORDER_KEYS)[number];

/** Shorthands for the playbook's orderings: dormant lines first, then the cheapest. */
export const ORDER_SHORTHANDS = {
  "inactive-first": { by: "activity", order: ["inactive", "suspended", "terminated", "active"] },
  "low-arpu-first": { by: "arpuBand", order: ["low", "mid", "high"] },
} as const satisfies Record<string, { by: OrderKey; order: readonly string[] }>;

const count = z.number().int().positive();
const days = z.number().int().min(0);

/** A number for every cohort, or one per cohort with the last repeating. */
function perCohort(schema: z.ZodNumber) {
  return z.union([schema, z.array(schema).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]));
}

const CohortSizesSchema = z
  .object({
    /** Sizes in order; the last repeats until the base is used up (the final cohort takes the rest). */
    sizes: z.array(count).min(1).optional(),
    /** Or a growth rule: first, ×growth each cohort, capped at max. */
    first: count.optional(),
    growth: z.number().min(1).optional(),
    max: count.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const rule = v.first !== undefined || v.growth !== undefined || v.max !== undefined;
    if (v.sizes && rule) {
      ctx.addIssue({
        code: "custom",
        message: 'expected either "sizes" or "first"/"growth"/"max", not both',
      });
    } else if (!v.sizes && (v.first === undefined || v.growth === undefined)) {
      ctx.addIssue({
        code: "custom",
        message: 'expected "sizes": [500, 5000, 50000] or "first": 500, "growth": 10 (and optionally "max")',
      });
    }
  });

const OrderItemSchema = z.union([
  z.enum(Object.keys(ORDER_SHORTHANDS) as [keyof typeof ORDER_SHORTHANDS]),
  z
    .object({
      by: z.enum(ORDER_KEYS),
      /** Values first to last; values not listed follow in ascending order. */
      order: z.array(z.union([z.string(), z.number()])).optional(),
    })
    .strict(),
]);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DateOrRangeSchema = z.string().refine((text) => {
  const parts = text.split("/");
  if (parts.length > 2 || !parts.every((p) => DATE.test(p))) return false;
  try {
    const [from, to] = parts.map((p) => Temporal.PlainDate.from(p));
    return !to || (from !== undefined && Temporal.PlainDate.compare(from, to) <= 0);
  } catch {
    return false;
  }
}, "expected a date YYYY-MM-DD or a range YYYY-MM-DD/YYYY-MM-DD (first <= last)");

const BlackoutSchema = z
  .object({
    /** No cohort starts and no BSS cutover happens on these weekdays. */
    weekdays: z.array(z.enum(WEEKDAYS)).default([]),
    /** Nor on these dates or inclusive ranges (change freezes, holidays). */
    dates: z.array(DateOrRangeSchema).default([]),
    /** Nor on the last n days of a month (bill runs and finance close). */
    monthEndDays: z.number().int().min(0).max(14).default(0),
  })
  .strict()
  .refine((b) => new Set(b.weekdays).size < WEEKDAYS.length, {
    message: "expected at least one weekday outside the blackout",
    path: ["weekdays"],
  });

const ScheduleSchema = z.discriminatedUnion("kind", [
  /** The next cohort starts gapDays after the previous one's BSS cutover. */
  z.object({ kind: z.literal("gated"), gapDays: days.default(0) }).strict(),
  /** A cohort starts every everyDays, whatever the previous one is doing. */
  z.object({ kind: z.literal("fixed"), everyDays: count }).strict(),
]);

export const CohortPolicySchema = z
  .object({
    name: z.string().min(1).max(80),
    description: z.string().max(400).optional(),
    cohorts: CohortSizesSchema,
    ordering: z.array(OrderItemSchema).default([]),
    /** Move billing at each subscriber's own cycle boundary: always, for high-value lines only, or never. */
    alignment: z.enum(["always", "high-value", "never"]).default("never"),
    highValue: z
      .object({
        arpuBands: z.array(z.enum(ARPU_BANDS)).default(["high"]),
        segments: z.array(z.string()).default(["business"]),
      })
      .strict()
      .prefault({}),
    schedule: ScheduleSchema.prefault({ kind: "gated" }),
    blackout: BlackoutSchema.prefault({}),
    /** Days of dual-write after a cohort's data migration, per cohort (the last repeats). */
    parallelRunDays: perCohort(days).prefault(28),
    reconciliationEveryHours: z
      .number()
      .positive()
      .max(24 * 7)
      .default(4),
    /** Days between the end of the parallel run and the BSS cutover, per cohort. */
    stabilizationDays: perCohort(days).prefault(3),
    /**
     * The zone whose local midnight is a cohort's cutover instant, or "local": each subscriber at
     * their own local midnight of the cutover date (default: the base's largest zone).
     */
    cutoverTimeZone: z
      .string()
      .refine(
        (z) => z === "local" || isTimeZone(z),
        'expected an IANA time zone such as Europe/London, or "local"',
      )
      .optional(),
  })
  .strict();

export type CohortPolicy = z.output<typeof CohortPolicySchema>;
export type CohortPolicyInput = z.input<typeof CohortPolicySchema>;
export type OrderItem = CohortPolicy["ordering"][number];

/** The order rule of an ordering item, shorthands expanded. */
export function orderRule(item: OrderItem): { by: OrderKey; order: readonly (string | number)[] } {
  return typeof item === "string" ? ORDER_SHORTHANDS[item] : { by: item.by, order: item.order ?? [] };
}

/** The size of cohort `k` (0-based) before the base runs out. */
export function cohortSizeAt(policy: CohortPolicy, k: number): number {
  const c = policy.cohorts;
  if (c.sizes) return c.sizes[Math.min(k, c.sizes.length - 1)] as number;
  const grown = Math.round((c.first as number) * (c.growth as number) ** k);
  return Math.max(1, Math.min(c.max ?? Number.MAX_SAFE_INTEGER, grown));
}

/** Value `k` of a per-cohort list (the last repeats). */
export function perCohortAt(values: readonly number[], k: number): number {
  return values[Math.min(k, values.length - 1)] as number;
}
