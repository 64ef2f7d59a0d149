/**
 * The recurring-fee generator: one line per plan segment of a billing period. A segment is a
 * stretch of the period on one plan, between the period's edges, the cutover, plan changes and a
 * termination. Its share is `fee × units / period units` by the declared basis and rounding; the
 * segment that starts at the cutover of a split period is the **remainder**: the plan's amount up
 * to the segment's end minus the part legacy billed (legacy's share rounded by *legacy's* rule), so
 * legacy + destination is the full price to the minor unit.
 */
import { type BillingPolicy, type PolicyRounding, roundingModeOf } from "./billing-policy.ts";
import type { OracleLine } from "./oracle-line.ts";
import { shareOf } from "./proration.ts";

/** One plan segment, as positions in the period's units (proration.ts `positionOf`). */
export interface RecurringSegment {
  readonly planId: string;
  readonly feeMinor: number;
  readonly from: number;
  readonly to: number;
  /** Set on the segment starting at the cutover: legacy's share is `fee × from / total` by this rule. */
  readonly legacyRounding?: PolicyRounding;
}

/** The part of a fee legacy billed for `[period start, cutover)`: legacy's share by legacy's rule. */
export function legacyPart(feeMinor: number, cutover: number, total: number, legacy: PolicyRounding): number {
  return shareOf(feeMinor, cutover, total, roundingModeOf(legacy));
}

/** Recurring lines of a period (zero-amount segments give no line). */
export function recurringLines(
  segments: readonly RecurringSegment[],
  total: number,
  policy: BillingPolicy,
): OracleLine[] {
  const mode = roundingModeOf(policy.rounding);
  const lines: OracleLine[] = [];
  for (const s of segments) {
    if (s.to <= s.from) continue;
    if (s.legacyRounding !== undefined) {
      const upTo = shareOf(s.feeMinor, s.to, total, mode);
      const legacy = legacyPart(s.feeMinor, s.from, total, s.legacyRounding);
      const amount = upTo - legacy;
      if (amount === 0) continue;
      lines.push({
        kind: "recurring",
        description: `${s.planId} from the cutover (split period)`,
        amountMinor: amount,
        rule: "recurring.split-remainder",
        detail: `${s.to === total ? s.feeMinor : `${policy.rounding}(${s.feeMinor} × ${s.to} / ${total}) = ${upTo}`} − legacy ${s.legacyRounding}(${s.feeMinor} × ${s.from} / ${total}) = ${legacy} → ${amount}`,
      });
      continue;
    }
    const units = s.to - s.from;
    const amount = shareOf(s.feeMinor, units, total, mode);
    if (amount === 0) continue;
    const whole = units === total;
    lines.push({
      kind: "recurring",
      description: whole ? `${s.planId} monthly fee` : `${s.planId} part of the period`,
      amountMinor: amount,
      rule: whole ? "recurring.full-period" : "recurring.prorated",
      detail: whole ? `${s.feeMinor}` : `${policy.rounding}(${s.feeMinor} × ${units} / ${total}) = ${amount}`,
    });
  }
  return lines;
}
