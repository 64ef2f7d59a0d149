/**
 * Judges a line's invoices against the oracle's, line kind by line kind, and sorts every
 * discrepancy into the one finding it is: a double recurring fee (the split period billed the
 * days legacy billed), legacy + destination ≠ full price (the split period's recurring fee is not
 * the remainder of legacy's part), an allowance error (usage lines), or an amount mismatch
 * (recurring outside the split period, one-off lines, credit, missing or extra invoices). Credit is
 * judged against the destination's own charges, so a charge error is not counted twice.
 */
import { Temporal } from "temporal-polyfill";
import type { DestinationInvoice } from "../../harness/index.ts";
import {
  type BillingPolicy,
  boundaryOf,
  expectedInvoices,
  frameAt,
  legacyPart,
  type OracleInvoice,
  periodUnits,
  positionOf,
  sumOfKind,
} from "../../oracle/index.ts";
import type { SplitLine } from "./split-lines.ts";

export type FindingKind = "double_recurring" | "split_sum" | "allowance" | "amount";

export interface InvoiceFinding {
  readonly kind: FindingKind;
  readonly subscriber: string;
  readonly case: string;
  readonly period: string;
  /** What differs, e.g. `recurring 1204 expected, 2495 billed`. */
  readonly detail: string;
  readonly differenceMinor: number;
  readonly expected: readonly { kind: string; amountMinor: number; rule?: string; detail?: string }[];
  readonly actual: readonly { kind: string; amountMinor: number; description: string }[];
}

export interface LineJudgement {
  readonly invoicesCompared: number;
  readonly findings: InvoiceFinding[];
  /** Σ |difference| of amount mismatches (minor units; a missing or extra invoice counts its total + 1). */
  readonly amountMismatchMinor: number;
  /** Σ |legacy + destination − full| of split periods not billed twice. */
  readonly splitSumMinor: number;
}

const ms = (iso: string) => Temporal.Instant.from(iso).epochMilliseconds;

/** Legacy's part of the split period as the oracle computes it (the plan at the cutover). */
export function legacyPartOf(line: SplitLine, policy: BillingPolicy): number {
  const { timeline } = line;
  const frame = frameAt(timeline.cutoverAt, timeline.anchorDay, timeline.timeZone);
  const basis = policy.proration;
  return legacyPart(
    timeline.plan.recurringFeeMinor,
    positionOf(frame, basis, boundaryOf(timeline.cutoverAt, timeline.timeZone)),
    periodUnits(frame, basis),
    timeline.legacy.rounding,
  );
}

/** Compares one line's closed invoices with the oracle's invoices through `through`. */
export function judgeLine(
  line: SplitLine,
  actualInvoices: readonly DestinationInvoice[],
  policy: BillingPolicy,
  through: Temporal.Instant,
): LineJudgement {
  const expected = expectedInvoices(line.timeline, policy, through);
  const byStart = new Map(actualInvoices.map((a) => [ms(a.period.start), a]));
  const findings: InvoiceFinding[] = [];
  let amountMismatchMinor = 0;
  let splitSumMinor = 0;
  let creditLeft = line.creditMinor;
  const legacy = legacyPartOf(line, policy);
  const finding = (
    kind: FindingKind,
    e: OracleInvoice | undefined,
    a: DestinationInvoice | undefined,
    detail: string,
    differenceMinor: number,
  ) =>
    findings.push({
      kind,
      subscriber: line.subscriber.id,
      case: line.caseId,
      period: e?.periodStart ?? a?.period.start ?? "",
      detail,
      differenceMinor,
      expected: (e?.lines ?? []).map((l) => ({
        kind: l.kind,
        amountMinor: l.amountMinor,
        rule: l.rule,
        detail: l.detail,
      })),
      actual: (a?.lines ?? []).map((l) => ({
        kind: l.kind,
        amountMinor: l.amountMinor,
        description: l.description,
      })),
    });
  for (const e of expected) {
    const a = byStart.get(ms(e.periodStart));
    byStart.delete(ms(e.periodStart));
    if (!a) {
      amountMismatchMinor += Math.abs(e.totalMinor) + 1;
      finding(
        "amount",
        e,
        undefined,
        `no invoice for the period (expected total ${e.totalMinor})`,
        Math.abs(e.totalMinor) + 1,
      );
      continue;
    }
    const recurring = sumOfKind(a.lines, "recurring") - sumOfKind(e.lines, "recurring");
    if (recurring !== 0) {
      const text = `recurring ${sumOfKind(e.lines, "recurring")} expected, ${sumOfKind(a.lines, "recurring")} billed`;
      if (!e.split) {
        amountMismatchMinor += Math.abs(recurring);
        finding("amount", e, a, text, Math.abs(recurring));
      } else if (legacy > 0 && recurring >= legacy) {
        finding(
          "double_recurring",
          e,
          a,
          `${text}: the ${legacy} legacy billed for the days before the cutover is billed again`,
          recurring,
        );
      } else {
        splitSumMinor += Math.abs(recurring);
        finding(
          "split_sum",
          e,
          a,
          `${text}: legacy ${legacy} + destination ${sumOfKind(a.lines, "recurring")} ≠ full ${legacy + sumOfKind(e.lines, "recurring")}`,
          Math.abs(recurring),
        );
      }
    }
    const usage = sumOfKind(a.lines, "usage") - sumOfKind(e.lines, "usage");
    if (usage !== 0)
      finding(
        "allowance",
        e,
        a,
        `usage ${sumOfKind(e.lines, "usage")} expected, ${sumOfKind(a.lines, "usage")} billed`,
        Math.abs(usage),
      );
    const oneOff = sumOfKind(a.lines, "one-off") - sumOfKind(e.lines, "one-off");
    if (oneOff !== 0) {
      amountMismatchMinor += Math.abs(oneOff);
      finding(
        "amount",
        e,
        a,
        `one-off ${sumOfKind(e.lines, "one-off")} expected, ${sumOfKind(a.lines, "one-off")} billed`,
        Math.abs(oneOff),
      );
    }
    // Credit by the credit rule over what the destination did charge: min(credit left, charges).
    const charges = a.lines.filter((l) => l.kind !== "credit").reduce((sum, l) => sum + l.amountMinor, 0);
    const owed = Math.min(creditLeft, Math.max(0, charges));
    creditLeft -= owed;
    const credit = sumOfKind(a.lines, "credit") + owed;
    if (credit !== 0) {
      amountMismatchMinor += Math.abs(credit);
      finding(
        "amount",
        e,
        a,
        `credit −${owed} expected, ${sumOfKind(a.lines, "credit")} billed`,
        Math.abs(credit),
      );
    }
  }
  for (const a of byStart.values()) {
    amountMismatchMinor += Math.abs(a.totalMinor) + 1;
    finding(
      "amount",
      undefined,
      a,
      `an invoice the oracle does not expect (total ${a.totalMinor})`,
      Math.abs(a.totalMinor) + 1,
    );
  }
  return { invoicesCompared: expected.length, findings, amountMismatchMinor, splitSumMinor };
}
