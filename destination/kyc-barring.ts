/**
 * Barring for KYC: a line whose country's rule needs a complete identity record before service
 * (kyc.ts `kycBarring`) is barred — it exists, but may not be used — until a KYC update completes
 * the record. Set on activation and cohort import, re-checked on every KYC update.
 */
import type { DestinationContext } from "./context.ts";
import { type KycRecord, kycBarring } from "./kyc.ts";
import { type SubscriberRow, updateSubscriber } from "./subscriber-store.ts";

/** Bars or unbars `row` as its KYC rule says; `lift: false` keeps an existing bar (a defect). */
export function settleBarring(
  ctx: DestinationContext,
  row: SubscriberRow,
  atMs: number,
  lift = true,
): SubscriberRow {
  const reason = kycBarring(row.msisdn, row.payment_type, row.kyc_status, JSON.parse(row.kyc) as KycRecord);
  const barred = row.barred_reason ?? null;
  if (reason && barred === null)
    return updateSubscriber(ctx, row, { barred_reason: reason, barred_ms: atMs });
  if (!reason && barred !== null && lift)
    return updateSubscriber(ctx, row, { barred_reason: null, barred_ms: null });
  return row;
}
