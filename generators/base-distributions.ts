/**
 * The country-independent distributions of a legacy subscriber base, as versioned data (the Synthea
 * habit): the engine in base-generator.ts interprets them; a planner can swap them without code.
 * Country-specific shares (prepaid split, plan mix, porting, KYC) live in the country profiles.
 */
import type { SubscriberStatus } from "../domain/index.ts";

export interface BaseDistributions {
  readonly version: string;
  /** Status mix: "inactive" means no usage for 90 days or more. */
  readonly statusMix: ReadonlyArray<readonly [SubscriberStatus, number]>;
  /** Mean tenure (days since activation) per payment type; tenure is exponential, capped. */
  readonly tenureMeanDays: { readonly prepaid: number; readonly postpaid: number };
  readonly maxTenureDays: number;
  /** Idle days before the reference date of an inactive line (uniform in the range). */
  readonly inactiveIdleDays: readonly [number, number];
  /** Mean idle hours of a line in use (exponential). */
  readonly activeIdleMeanHours: number;
  /** Extra weight of anchor day 1 (operators that bill by calendar month) over other days. */
  readonly anchorDayOneBoost: number;
  /** Share of lines held by business accounts, and the size of those accounts (log-normal). */
  readonly businessLineShare: number;
  readonly businessAccountLines: { readonly median: number; readonly sigma: number; readonly max: number };
  /** Prepaid balance, log-normal, minor units. */
  readonly prepaidBalance: {
    readonly medianMinor: number;
    readonly sigma: number;
    readonly maxMinor: number;
  };
  /** Share of lines with one add-on, and with two. */
  readonly addOnShares: readonly [number, number];
  /** Subscriber age range in years (uniform); under 25 is the "youth" segment. */
  readonly ageYears: readonly [number, number];
  /** Lawful-intercept targets per line. */
  readonly liTargetRate: number;
  readonly notes: readonly string[];
}

export const DEFAULT_BASE_DISTRIBUTIONS: BaseDistributions = {
  version: "base-2026.1",
  statusMix: [
    ["active", 0.86],
    ["inactive", 0.08],
    ["suspended", 0.045],
    ["barred", 0.015],
  ],
  tenureMeanDays: { prepaid: 550, postpaid: 1460 },
  maxTenureDays: 15 * 365,
  inactiveIdleDays: [90, 400],
  activeIdleMeanHours: 30,
  anchorDayOneBoost: 3,
  businessLineShare: 0.12,
  businessAccountLines: { median: 6, sigma: 1.1, max: 200 },
  prepaidBalance: { medianMinor: 800, sigma: 0.9, maxMinor: 20000 },
  addOnShares: [0.15, 0.03],
  ageYears: [18, 85],
  liTargetRate: 1 / 10_000,
  notes: [
    "Status mix: migration extracts carry no terminated lines; ~8% of prepaid-heavy MVNO bases are dormant 90+ days, a few % suspended for non-payment or fraud checks (operator playbook figures, rounded).",
    "Tenure: monthly churn of ~1.5–2% postpaid and ~5% prepaid gives mean tenures of about 4 years and 18 months (Ofcom / Bundesnetzagentur churn ranges).",
    "Anchor days: postpaid cycles start on the activation day, so days 29–31 are as rare as months that have them (31 in 7 of 12); day 1 is boosted for operators that bill by calendar month.",
    "Business: ~12% of MVNO lines sit in business accounts; account size is log-normal with median 6 lines and a tail into the hundreds (fleet accounts).",
    "Prepaid balances: median £8-equivalent with a long tail, capped at 200 in major units (top-up limits).",
    "LI: about 1 line in 10,000 is under a lawful-intercept warrant (order of magnitude from published transparency reports).",
  ],
};

/** Day-of-month weights 1..31 for billing anchors: proportional to the months that have the day. */
export function anchorDayWeights(d: BaseDistributions): ReadonlyArray<readonly [number, number]> {
  const out: Array<readonly [number, number]> = [];
  for (let day = 1; day <= 31; day++) {
    const months = day <= 28 ? 12 : day === 29 ? 11.25 : day === 30 ? 11 : 7;
    out.push([day, day === 1 ? months * d.anchorDayOneBoost : months]);
  }
  return out;
}
