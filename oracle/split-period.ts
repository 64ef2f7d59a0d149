/**
 * The split rule (docs/destination-contract.md, "Split period"). A subscriber moved mid-cycle has
 * one period, one price and two billers: legacy bills its share of the period — the part before
 * the cutover by the declared proration basis, rounded by legacy's declared rule — and the
 * destination bills the remainder, full price − legacy part, so the two sum to the full price to
 * the minor unit whatever either side's rounding.
 */
import type { Temporal } from "temporal-polyfill";
import { type CurrencyCode, formatMinor } from "../domain/index.ts";
import type { BillingPolicy, PolicyRounding } from "./billing-policy.ts";
import type { OracleLine } from "./oracle-line.ts";
import { boundaryAtMs, frameAtMs, type PeriodFrame, periodUnits, positionOf } from "./proration.ts";
import { legacyPart, recurringLines } from "./recurring-generator.ts";

export interface SplitInput {
  readonly feeMinor: number;
  readonly currency: CurrencyCode;
  readonly anchorDay: number;
  readonly timeZone: string;
  readonly cutover: Temporal.Instant;
  readonly policy: BillingPolicy;
  /** Legacy's declared rounding of its own share (the cohort import's `billing.legacyRounding`). */
  readonly legacyRounding: PolicyRounding;
}

export interface SplitResult {
  readonly frame: PeriodFrame;
  /** Legacy's share of the period in the basis's units: `legacyUnits / totalUnits`. */
  readonly legacyUnits: number;
  readonly totalUnits: number;
  readonly legacyMinor: number;
  readonly destinationMinor: number;
  readonly fullMinor: number;
  /** The destination's recurring line (absent when its remainder is 0). */
  readonly line: OracleLine | undefined;
}

/** Splits one recurring fee at a cutover: legacy part, destination remainder, full price. */
export function splitPeriod(input: SplitInput): SplitResult {
  return splitPeriodAt(input.cutover.epochMilliseconds, input);
}

/** `splitPeriod` with the cutover as epoch milliseconds (the benchmark's hot path). */
export function splitPeriodAt(cutoverMs: number, input: Omit<SplitInput, "cutover">): SplitResult {
  const frame = frameAtMs(cutoverMs, input.anchorDay, input.timeZone);
  const basis = input.policy.proration;
  const totalUnits = periodUnits(frame, basis);
  const legacyUnits = positionOf(frame, basis, boundaryAtMs(cutoverMs, input.timeZone));
  const legacyMinor = legacyPart(input.feeMinor, legacyUnits, totalUnits, input.legacyRounding);
  const [line] = recurringLines(
    [
      {
        planId: "plan",
        feeMinor: input.feeMinor,
        from: legacyUnits,
        to: totalUnits,
        legacyRounding: input.legacyRounding,
      },
    ],
    totalUnits,
    input.policy,
  );
  return {
    frame,
    legacyUnits,
    totalUnits,
    legacyMinor,
    destinationMinor: line?.amountMinor ?? 0,
    fullMinor: input.feeMinor,
    line,
  };
}

/** The split as the CLI prints it (`--json`): plain values, amounts in minor and major units. */
export function describeSplit(input: SplitInput, result: SplitResult): Record<string, unknown> {
  const major = (minor: number) => formatMinor(minor, input.currency);
  return {
    period: {
      start: result.frame.period.start.toString(),
      end: result.frame.period.end.toString(),
      days: result.frame.days,
      seconds: result.frame.seconds,
    },
    cutover: input.cutover.toString(),
    cutoverLocal: input.cutover.toZonedDateTimeISO(input.timeZone).toString(),
    proration: input.policy.proration,
    legacyRounding: input.legacyRounding,
    fraction: {
      legacy: `${result.legacyUnits}/${result.totalUnits}`,
      destination: `${result.totalUnits - result.legacyUnits}/${result.totalUnits}`,
      legacyDecimal: Number((result.legacyUnits / result.totalUnits).toFixed(6)),
    },
    currency: input.currency,
    legacy: { minor: result.legacyMinor, amount: major(result.legacyMinor) },
    destination: { minor: result.destinationMinor, amount: major(result.destinationMinor) },
    full: { minor: result.fullMinor, amount: major(result.fullMinor) },
    rule: result.line?.rule ?? "recurring.split-remainder",
    detail:
      result.line?.detail ??
      `${result.fullMinor} − legacy ${result.legacyMinor} → ${result.destinationMinor}`,
  };
}
