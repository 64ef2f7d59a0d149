/**
 * The reference destination's invoice arithmetic, pure over data. Contract rules (also published
 * in the OpenAPI document under `x-rating`):
 * - Recurring fee: prorated per plan segment over whole local days by the period's actual days,
 *   rounded half-up (`prorateRecurring`). A subscriber migrated mid-period pays from the migration
 *   date: legacy bills the days before it (a *split period*), rounded by legacy's declared rule,
 *   and this platform bills the **remainder** — the plan's amount up to the segment's end minus
 *   legacy's part — so legacy + destination is the full price to the minor unit.
 * - Usage: voice is rated in 60-second increments, data in 1 KiB increments (applied per record at
 *   ingest); usage beyond the plan's allowance — legacy usage to date counting against it first —
 *   is charged at the plan's overage rates, each service's total rounded half-up once per invoice.
 * - Connect fee: each voice call on a plan with no voice allowance pays a 5-minor-unit connect fee.
 * - One-off lines for add-ons bought in the period; an imported legacy credit is a credit line on
 *   the first destination invoice.
 */
import { Temporal } from "temporal-polyfill";
import {
  type BillingPeriod,
  type CurrencyCode,
  divideRounded,
  type InvoiceLine,
  invoiceLinesTotal,
  money,
  type Plan,
  prorate,
  prorateRecurring,
  type RoundingMode,
} from "../domain/index.ts";

export const RATING = {
  voiceIncrementSec: 60,
  dataIncrementBytes: 1024,
  voiceConnectFeeMinor: 5,
  mibBytes: 1024 * 1024,
} as const;

export interface UsageTotals {
  voiceSec: number;
  voiceCalls: number;
  smsCount: number;
  dataBytes: number;
}

export interface PlanSegment {
  readonly plan: Plan;
  /** First local day on this plan (inclusive). */
  readonly from: Temporal.PlainDate;
  /** First local day after (exclusive). */
  readonly to: Temporal.PlainDate;
  /**
   * Set on the segment starting at the cutover of a split period: legacy billed
   * `fee × days before \`from\` / period days` rounded by this rule, and this segment is the remainder.
   */
  readonly legacyRounding?: RoundingMode;
}

export interface InvoiceInput {
  readonly period: BillingPeriod;
  readonly currency: CurrencyCode;
  /** Plan segments already clipped to the days this platform bills in the period. */
  readonly segments: readonly PlanSegment[];
  /** The plan whose allowances and rates apply to the period's usage. */
  readonly usagePlan: Plan;
  readonly usage: UsageTotals;
  /** Usage legacy recorded in this period before migration (counts against the allowance). */
  readonly legacyUsage: { voiceSec: number; smsCount: number; dataBytes: number };
  readonly oneOffs: readonly { description: string; amountMinor: number }[];
  /** Legacy credit still to use: applied up to the invoice's charges. */
  readonly creditMinor: number;
  readonly rounding: RoundingMode;
  /** `proration-30-day`: partial periods prorated over 30 days. */
  readonly thirtyDayMonths: boolean;
  /** `split-rounds-own-share`: the split segment is this platform's own share, rounded, not the remainder. */
  readonly splitOwnShare?: boolean;
}

/** Rounds a record's quantity up to the rating increment of its service. */
export function ratedQuantity(service: "voice" | "sms" | "data", quantity: number): number {
  if (service === "voice") return Math.ceil(quantity / RATING.voiceIncrementSec) * RATING.voiceIncrementSec;
  if (service === "data") return Math.ceil(quantity / RATING.dataIncrementBytes) * RATING.dataIncrementBytes;
  return quantity;
}

function overage(used: number, legacyUsed: number, allowance: number): number {
  const remaining = Math.max(0, allowance - legacyUsed);
  return Math.max(0, used - remaining);
}

/**
 * The split segment: the plan's amount from the period start to the segment's end (by this
 * platform's rounding; the whole fee when it runs to the period end) minus legacy's part from the
 * period start to the cutover (by legacy's rounding).
 */
function splitRemainder(
  fee: ReturnType<typeof money>,
  input: InvoiceInput,
  segment: PlanSegment,
  legacyRounding: RoundingMode,
): number {
  const start = input.period.start.toPlainDate();
  const total = input.period.days;
  const daysTo = start.until(segment.to, { largestUnit: "days" }).days;
  const daysFrom = start.until(segment.from, { largestUnit: "days" }).days;
  // proration-30-day: each day a 30th of the fee, a whole period the fee.
  const units = (days: number) => (input.thirtyDayMonths ? (days >= total ? 30 : Math.min(days, 30)) : days);
  const whole = input.thirtyDayMonths ? 30 : total;
  const upTo =
    units(daysTo) >= whole ? fee.amountMinor : prorate(fee, units(daysTo), whole, input.rounding).amountMinor;
  return upTo - prorate(fee, units(daysFrom), whole, legacyRounding).amountMinor;
}

/** Computes the lines and total of one invoice. */
export function computeInvoiceLines(input: InvoiceInput): {
  lines: InvoiceLine[];
  totalMinor: number;
  creditAppliedMinor: number;
} {
  const lines: InvoiceLine[] = [];
  const periodStart = input.period.start.toPlainDate();
  const periodEnd = input.period.end.toPlainDate();
  for (const segment of input.segments) {
    const fee = money(segment.plan.recurringFeeMinor, input.currency);
    const days = Math.max(0, segment.from.until(segment.to, { largestUnit: "days" }).days);
    if (days === 0) continue;
    const whole =
      Temporal.PlainDate.compare(segment.from, periodStart) === 0 &&
      Temporal.PlainDate.compare(segment.to, periodEnd) === 0;
    const amount = whole
      ? fee.amountMinor
      : segment.legacyRounding && !input.splitOwnShare
        ? splitRemainder(fee, input, segment, segment.legacyRounding)
        : input.thirtyDayMonths
          ? prorate(fee, Math.min(days, 30), 30, input.rounding).amountMinor
          : prorateRecurring(fee, input.period, segment.from, segment.to, input.rounding).amountMinor;
    lines.push({
      kind: "recurring",
      description: whole
        ? `${segment.plan.id} recurring fee`
        : `${segment.plan.id} recurring fee, ${days} of ${input.period.days} days`,
      amountMinor: amount,
    });
  }
  const plan = input.usagePlan;
  const voiceOver = overage(input.usage.voiceSec, input.legacyUsage.voiceSec, plan.allowances.voiceSec);
  if (voiceOver > 0) {
    lines.push({
      kind: "usage",
      description: `voice overage ${voiceOver} s`,
      amountMinor: divideRounded(BigInt(voiceOver) * BigInt(plan.overage.perMinuteMinor), 60, input.rounding),
    });
  }
  if (plan.allowances.voiceSec === 0 && input.usage.voiceCalls > 0) {
    lines.push({
      kind: "usage",
      description: `voice connect fees, ${input.usage.voiceCalls} calls`,
      amountMinor: input.usage.voiceCalls * RATING.voiceConnectFeeMinor,
    });
  }
  const smsOver = overage(input.usage.smsCount, input.legacyUsage.smsCount, plan.allowances.smsCount);
  if (smsOver > 0) {
    lines.push({
      kind: "usage",
      description: `SMS overage ${smsOver}`,
      amountMinor: smsOver * plan.overage.perSmsMinor,
    });
  }
  const dataOver = overage(input.usage.dataBytes, input.legacyUsage.dataBytes, plan.allowances.dataBytes);
  if (dataOver > 0) {
    lines.push({
      kind: "usage",
      description: `data overage ${dataOver} bytes`,
      amountMinor: divideRounded(
        BigInt(dataOver) * BigInt(plan.overage.perMibMinor),
        RATING.mibBytes,
        input.rounding,
      ),
    });
  }
  for (const charge of input.oneOffs) lines.push({ kind: "one-off", ...charge });
  // Legacy credit is used up to the invoice's charges; what is left carries to the next invoice.
  const applied = Math.min(input.creditMinor, Math.max(0, invoiceLinesTotal(lines)));
  if (applied > 0) {
    lines.push({
      kind: "credit",
      description: "legacy credit carried over",
      amountMinor: -applied,
    });
  }
  return { lines, totalMinor: invoiceLinesTotal(lines), creditAppliedMinor: applied };
}
