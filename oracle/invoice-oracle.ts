/**
 * Expected invoices of an imported subscriber: from the period holding the cutover through every
 * period closed by a given instant, each built by the line generators (recurring, usage, one-off,
 * credit) under the declared policy. The timeline is what happened on the destination's side of
 * the cutover; what happened before it reaches the destination only as the import's legacy state
 * (plan, usage to date, credit, legacy's rounding rule).
 */
import type { Temporal } from "temporal-polyfill";
import type { CdrService } from "../domain/index.ts";
import type { BillingPolicy, PolicyRounding } from "./billing-policy.ts";
import { creditLine } from "./credit-generator.ts";
import { type AddOnPurchase, oneOffLines } from "./one-off-generator.ts";
import type { OracleInvoice, OracleLine } from "./oracle-line.ts";
import {
  type Boundary,
  boundaryAtMs,
  frameAtMs,
  nextFrame,
  type PeriodFrame,
  periodUnits,
  positionOf,
} from "./proration.ts";
import { type RecurringSegment, recurringLines } from "./recurring-generator.ts";
import { type UsagePlan, usageLines, usageTotals } from "./usage-generator.ts";

/** A plan as the oracle prices it. */
export interface OraclePlan extends UsagePlan {
  readonly recurringFeeMinor: number;
}

export interface ImportedTimeline {
  readonly subscriberId: string;
  readonly currency: string;
  readonly anchorDay: number;
  readonly timeZone: string;
  readonly cutoverAt: Temporal.Instant;
  /** The plan at the cutover (the import's `planId`). */
  readonly plan: OraclePlan;
  readonly legacy: {
    readonly usageToDate: {
      readonly voiceSec: number;
      readonly smsCount: number;
      readonly dataBytes: number;
    };
    readonly creditMinor: number;
    readonly rounding: PolicyRounding;
  };
  /** Accepted plan changes after the cutover, in arrival order (equal instants: the later arrival wins). */
  readonly planChanges: readonly { readonly at: Temporal.Instant; readonly plan: OraclePlan }[];
  readonly terminatedAt?: Temporal.Instant;
  readonly addOns: readonly (AddOnPurchase & { readonly at: Temporal.Instant })[];
  /**
   * Correlated sessions the destination must rate (quantity: seconds, bytes, or 1 for SMS). A
   * session that started before the cutover (in progress at it) counts in the split period.
   */
  readonly sessions: readonly {
    readonly service: CdrService;
    readonly start: Temporal.Instant;
    readonly quantity: number;
  }[];
}

/** The invoices of every period from the cutover's that has ended by `through`. */
export function expectedInvoices(
  timeline: ImportedTimeline,
  policy: BillingPolicy,
  through: Temporal.Instant,
): OracleInvoice[] {
  const { anchorDay, timeZone } = timeline;
  const cutoverMs = timeline.cutoverAt.epochMilliseconds;
  const terminatedMs = timeline.terminatedAt?.epochMilliseconds;
  const changes = timeline.planChanges
    .map((c, arrival) => ({ ms: c.at.epochMilliseconds, plan: c.plan, arrival }))
    .filter((c) => c.ms >= cutoverMs)
    .sort((a, b) => a.ms - b.ms || a.arrival - b.arrival);
  const planAt = (ms: number): OraclePlan => {
    let plan = timeline.plan;
    for (const c of changes) if (c.ms <= ms) plan = c.plan;
    return plan;
  };
  const invoices: OracleInvoice[] = [];
  let credit = timeline.legacy.creditMinor;
  let frame: PeriodFrame = frameAtMs(cutoverMs, anchorDay, timeZone);
  const first = frame;
  while (frame.period.end.epochMilliseconds <= through.epochMilliseconds) {
    const startMs = frame.period.start.epochMilliseconds;
    const endMs = frame.period.end.epochMilliseconds;
    if (terminatedMs !== undefined && terminatedMs < startMs) break;
    const split = frame === first;
    const basis = policy.proration;
    const total = periodUnits(frame, basis);
    const pos = (b: Boundary | "end") => positionOf(frame, basis, b);
    // Segment edges: the period (or the cutover), plan changes inside, the termination.
    const edges: Array<{ ms: number; at: number }> = [
      { ms: split ? cutoverMs : startMs, at: split ? pos(boundaryAtMs(cutoverMs, timeZone)) : 0 },
    ];
    for (const c of changes) {
      if (
        c.ms > (edges[0] as { ms: number }).ms &&
        c.ms < endMs &&
        (terminatedMs === undefined || c.ms < terminatedMs)
      )
        edges.push({ ms: c.ms, at: pos(boundaryAtMs(c.ms, timeZone)) });
    }
    const endsAt =
      terminatedMs !== undefined && terminatedMs < endMs
        ? pos(boundaryAtMs(terminatedMs, timeZone))
        : pos("end");
    const segments: RecurringSegment[] = edges.map((edge, i) => {
      const plan = planAt(edge.ms);
      const next = edges[i + 1];
      return {
        planId: plan.planId,
        feeMinor: plan.recurringFeeMinor,
        from: edge.at,
        to: next ? next.at : endsAt,
        ...(split && i === 0 ? { legacyRounding: timeline.legacy.rounding } : {}),
      };
    });
    const lines: OracleLine[] = recurringLines(segments, total, policy);
    const inPeriod = timeline.sessions.filter((s) => {
      const ms = s.start.epochMilliseconds;
      return (split ? true : ms >= startMs) && ms < endMs;
    });
    const usagePlan = planAt(terminatedMs !== undefined && terminatedMs < endMs ? terminatedMs : endMs - 1);
    lines.push(
      ...usageLines(
        usageTotals(inPeriod, policy),
        usagePlan,
        policy,
        split ? timeline.legacy.usageToDate : undefined,
      ),
    );
    lines.push(
      ...oneOffLines(
        timeline.addOns.filter((a) => {
          const ms = a.at.epochMilliseconds;
          return ms >= (split ? cutoverMs : startMs) && ms < endMs;
        }),
      ),
    );
    if (credit > 0) {
      const charges = lines.reduce((sum, l) => sum + l.amountMinor, 0);
      const applied = creditLine(credit, charges);
      if (applied.line) lines.push(applied.line);
      credit = applied.carriedMinor;
    }
    invoices.push({
      subscriberId: timeline.subscriberId,
      periodStart: frame.period.start.toInstant().toString(),
      periodEnd: frame.period.end.toInstant().toString(),
      currency: timeline.currency,
      lines,
      totalMinor: lines.reduce((sum, l) => sum + l.amountMinor, 0),
      split,
    });
    if (terminatedMs !== undefined && terminatedMs < endMs) break;
    frame = nextFrame(frame, anchorDay, timeZone);
  }
  return invoices;
}
