/**
 * Planning strata of a subscriber base: counts of lines that share everything a migration planner
 * orders and schedules cohorts by — segment, activity, ARPU band, billing anchor day, time zone,
 * country and currency — with their summed ARPU. A million-line base is a few thousand strata, so
 * the planner works on counts, never on subscriber objects. `tranche inspect --json` writes them
 * (generators/inspect-summary.ts); the planner reads them.
 */
import { z } from "zod";
import { CURRENCY_CODES, CURRENCY_EXPONENTS, type CurrencyCode } from "./money.ts";

/** What a line does: inactive means no usage for `INACTIVE_AFTER_IDLE_DAYS` or status inactive. */
export const ACTIVITY_CLASSES = ["inactive", "suspended", "active", "terminated"] as const;
export type ActivityClass = (typeof ACTIVITY_CLASSES)[number];

export const ARPU_BANDS = ["low", "mid", "high"] as const;
export type ArpuBand = (typeof ARPU_BANDS)[number];

/**
 * Band limits in major units of the line's currency: low below 10, mid below 25, high from 25.
 * Fixed, so two summaries are comparable; they split a generated GB base about 46/47/7 and a US one
 * (higher prices) about 2/13/85.
 */
export const ARPU_BAND_LIMITS_MAJOR = [10, 25] as const;

/** Idle days after which a line counts as inactive (the generator's and most operators' dormancy rule). */
export const INACTIVE_AFTER_IDLE_DAYS = 90;

const DAY_MS = 86_400_000;

/** The activity class of a line from its status and idle time before `refMs` (both epoch ms). */
export function activityOf(status: string, lastActivityMs: number, refMs: number): ActivityClass {
  if (status === "terminated") return "terminated";
  if (status === "suspended" || status === "barred") return "suspended";
  if (status === "inactive") return "inactive";
  return refMs - lastActivityMs >= INACTIVE_AFTER_IDLE_DAYS * DAY_MS ? "inactive" : "active";
}

/** The ARPU band of a monthly ARPU in minor units of `currency`. */
export function arpuBandOf(arpuMinor: number, currency: CurrencyCode): ArpuBand {
  const unit = 10 ** CURRENCY_EXPONENTS[currency];
  if (arpuMinor < ARPU_BAND_LIMITS_MAJOR[0] * unit) return "low";
  return arpuMinor < ARPU_BAND_LIMITS_MAJOR[1] * unit ? "mid" : "high";
}

const zoneCache = new Map<string, boolean>();

/** True when `name` is an IANA time zone this runtime knows (memoized: bases repeat a few zones). */
export function isTimeZone(name: string): boolean {
  let known = zoneCache.get(name);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: name });
      known = name.length > 0;
    } catch {
      known = false;
    }
    zoneCache.set(name, known);
  }
  return known;
}

export const BaseStratumSchema = z
  .object({
    segment: z.string(),
    activity: z.enum(ACTIVITY_CLASSES),
    arpuBand: z.enum(ARPU_BANDS),
    /** Day of the month the line's billing cycle starts (1–31; short months clamp it). */
    anchorDay: z.number().int().min(1).max(31),
    timezone: z.string().refine(isTimeZone, "expected an IANA time zone such as Europe/London"),
    country: z.string(),
    currency: z.enum(CURRENCY_CODES as [CurrencyCode, ...CurrencyCode[]]),
    count: z.number().int().positive(),
    /** Sum of the lines' monthly ARPU, minor units of `currency`. */
    arpuMinorSum: z.number().int().nonnegative(),
  })
  .strict();
export type BaseStratum = z.infer<typeof BaseStratumSchema>;

export const BaseStrataSchema = z
  .object({
    /** The instant idle time was measured against. */
    refDate: z.iso.datetime({ offset: true }),
    inactiveAfterIdleDays: z.number().int().positive(),
    arpuBandLimitsMajor: z.array(z.number()),
    /** Records left out of the strata (no valid anchor day, time zone, currency or ARPU). */
    skipped: z.number().int().nonnegative(),
    rows: z.array(BaseStratumSchema),
  })
  .strict();
export type BaseStrata = z.infer<typeof BaseStrataSchema>;

/** The identity of a stratum: every field but the counts. */
export function stratumKey(s: Omit<BaseStratum, "count" | "arpuMinorSum">): string {
  return `${s.segment}|${s.activity}|${s.arpuBand}|${String(s.anchorDay).padStart(2, "0")}|${s.timezone}|${s.country}|${s.currency}`;
}
