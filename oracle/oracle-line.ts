/**
 * An expected invoice line: its kind, amount and the rule that produced it, with the numbers the
 * rule used — so a discrepancy explains itself (Kill Bill's habit: every item says which rule and
 * which dates made it).
 */
import type { InvoiceLine } from "../domain/index.ts";

/** The rules the oracle's generators apply, one id each (docs/billing.md lists them). */
export const ORACLE_RULES = [
  "recurring.full-period",
  "recurring.prorated",
  "recurring.split-remainder",
  "usage.voice-overage",
  "usage.sms-overage",
  "usage.data-overage",
  "usage.connect-fee",
  "one-off.add-on",
  "credit.legacy",
] as const;
export type OracleRule = (typeof ORACLE_RULES)[number];

export interface OracleLine {
  readonly kind: InvoiceLine["kind"];
  readonly description: string;
  readonly amountMinor: number;
  readonly rule: OracleRule;
  /** The arithmetic, e.g. `2495 − half-up(2495 × 14 / 29) = 2495 − 1204`. */
  readonly detail: string;
}

/** One expected invoice of one subscriber for one closed billing period. */
export interface OracleInvoice {
  readonly subscriberId: string;
  /** Local start and end of the period, as ISO instants. */
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly currency: string;
  readonly lines: readonly OracleLine[];
  readonly totalMinor: number;
  /** True for the period holding the cutover (legacy billed its first part). */
  readonly split: boolean;
}

/** Sum of the lines of one kind. */
export function sumOfKind(lines: readonly { kind: string; amountMinor: number }[], kind: string): number {
  let total = 0;
  for (const line of lines) if (line.kind === kind) total += line.amountMinor;
  return total;
}
