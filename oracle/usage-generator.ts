/**
 * The usage generator: a period's rated sessions against the plan's allowance, one line per
 * service with overage, plus connect fees. A *session* is one call, SMS or data session — all the
 * partial records sharing a charging ID, correlated by mediation — rounded up to the policy's
 * increment once. In a split period the legacy usage to date counts against the allowance first:
 * the destination charges only the overage its own usage adds, never legacy's again.
 */
import type { CdrService } from "../domain/index.ts";
import { type BillingPolicy, MIB_BYTES, roundingModeOf } from "./billing-policy.ts";
import type { OracleLine } from "./oracle-line.ts";
import { shareOf } from "./proration.ts";

/** A correlated session as the oracle rates it: seconds (voice), bytes (data) or 1 (SMS). */
export interface RatedSession {
  readonly service: CdrService;
  readonly quantity: number;
}

/** What usage is rated against: the plan's allowances and overage prices. */
export interface UsagePlan {
  readonly planId: string;
  readonly allowances: { readonly voiceSec: number; readonly smsCount: number; readonly dataBytes: number };
  readonly overage: {
    readonly perMinuteMinor: number;
    readonly perSmsMinor: number;
    readonly perMibMinor: number;
  };
}

export interface UsageTotals {
  readonly voiceSec: number;
  readonly smsCount: number;
  readonly dataBytes: number;
  /** Voice calls (sessions), for connect fees. */
  readonly voiceCalls: number;
}

/** A session's billable quantity: rounded up to the policy's increment (SMS count 1 each). */
export function billableQuantity(session: RatedSession, policy: BillingPolicy): number {
  if (session.service === "voice") return roundUp(session.quantity, policy.voiceIncrementSec);
  if (session.service === "data") return roundUp(session.quantity, policy.dataIncrementBytes);
  return 1;
}

/** The billable totals of a period's sessions. */
export function usageTotals(sessions: readonly RatedSession[], policy: BillingPolicy): UsageTotals {
  let voiceSec = 0;
  let smsCount = 0;
  let dataBytes = 0;
  let voiceCalls = 0;
  for (const s of sessions) {
    const q = billableQuantity(s, policy);
    if (s.service === "voice") {
      voiceSec += q;
      // A zero-second call never connected: no connect fee.
      if (s.quantity > 0) voiceCalls += 1;
    } else if (s.service === "data") dataBytes += q;
    else smsCount += q;
  }
  return { voiceSec, smsCount, dataBytes, voiceCalls };
}

/** Overage the destination's own usage adds on top of legacy's (legacy's overage was legacy's to bill). */
export function ownOverage(allowance: number, legacyUsed: number, used: number): number {
  return Math.max(0, legacyUsed + used - allowance) - Math.max(0, legacyUsed - allowance);
}

const ZERO = { voiceSec: 0, smsCount: 0, dataBytes: 0 };

/** Usage lines of a period (a service without overage gives no line). */
export function usageLines(
  totals: UsageTotals,
  plan: UsagePlan,
  policy: BillingPolicy,
  legacy: { readonly voiceSec: number; readonly smsCount: number; readonly dataBytes: number } = ZERO,
): OracleLine[] {
  const mode = roundingModeOf(policy.rounding);
  const lines: OracleLine[] = [];
  const { allowances, overage } = plan;
  const voice = ownOverage(allowances.voiceSec, legacy.voiceSec, totals.voiceSec);
  const voiceMinor = shareOf(overage.perMinuteMinor, voice, 60, mode);
  if (voiceMinor > 0) {
    lines.push({
      kind: "usage",
      description: `voice beyond the allowance (${voice} s)`,
      amountMinor: voiceMinor,
      rule: "usage.voice-overage",
      detail: `${policy.rounding}(${voice} s × ${overage.perMinuteMinor} / 60) = ${voiceMinor}; allowance ${allowances.voiceSec} s, legacy ${legacy.voiceSec} s, destination ${totals.voiceSec} s`,
    });
  }
  const sms = ownOverage(allowances.smsCount, legacy.smsCount, totals.smsCount);
  const smsMinor = sms * overage.perSmsMinor;
  if (smsMinor > 0) {
    lines.push({
      kind: "usage",
      description: `SMS beyond the allowance (${sms})`,
      amountMinor: smsMinor,
      rule: "usage.sms-overage",
      detail: `${sms} × ${overage.perSmsMinor} = ${smsMinor}; allowance ${allowances.smsCount}, legacy ${legacy.smsCount}, destination ${totals.smsCount}`,
    });
  }
  const data = ownOverage(allowances.dataBytes, legacy.dataBytes, totals.dataBytes);
  const dataMinor = shareOf(overage.perMibMinor, data, MIB_BYTES, mode);
  if (dataMinor > 0) {
    lines.push({
      kind: "usage",
      description: `data beyond the allowance (${data} bytes)`,
      amountMinor: dataMinor,
      rule: "usage.data-overage",
      detail: `${policy.rounding}(${data} B × ${overage.perMibMinor} / ${MIB_BYTES}) = ${dataMinor}; allowance ${allowances.dataBytes} B, legacy ${legacy.dataBytes} B, destination ${totals.dataBytes} B`,
    });
  }
  if (allowances.voiceSec === 0 && totals.voiceCalls > 0 && policy.voiceConnectFeeMinor > 0) {
    const fee = totals.voiceCalls * policy.voiceConnectFeeMinor;
    lines.push({
      kind: "usage",
      description: `connect fees (${totals.voiceCalls} calls)`,
      amountMinor: fee,
      rule: "usage.connect-fee",
      detail: `${totals.voiceCalls} × ${policy.voiceConnectFeeMinor} = ${fee} (plan without voice allowance)`,
    });
  }
  return lines;
}

function roundUp(value: number, increment: number): number {
  return Math.ceil(value / increment) * increment;
}
