/**
 * Cohort import: a *cohort* (tranche) of subscribers moves from legacy at one cutover instant,
 * carrying its legacy billing state — anchor day, start of the current period, usage and allowance
 * consumed to date, balance and credit. Migrating mid-period creates a split period: legacy bills
 * the days before the cutover, this platform the rest (see invoice-calculator.ts). Each subscriber
 * is answered individually: imported with the destination's id, or rejected with a reason.
 */
import { Temporal } from "temporal-polyfill";
import { billingPeriodAt, findPlan } from "../domain/index.ts";
import type { DestinationContext } from "./context.ts";
import {
  CohortImportEnvelopeSchema,
  type CohortImportResult,
  ImportedSubscriberSchema,
} from "./contract/cohort-contract.ts";
import { parseBody, type Route } from "./http-router.ts";
import { isComplete, type KycRecord } from "./kyc.ts";
import { settleBarring } from "./kyc-barring.ts";
import { loseTasksFor, restartSequencesFor } from "./li-tasks.ts";
import { carryOverPort } from "./porting.ts";
import {
  insertSubscriber,
  liveSubscriberByMsisdn,
  msFromIso,
  recordEvent,
  subscribersByExternalId,
} from "./subscriber-store.ts";

export type ImportRejectReason =
  | "malformed"
  | "unknown_plan"
  | "currency_mismatch"
  | "unknown_timezone"
  | "already_imported"
  | "msisdn_in_use"
  | "period_mismatch";

type ImportResult = CohortImportResult["results"][number] & { reason?: ImportRejectReason };

function importOne(
  ctx: DestinationContext,
  cohortId: string,
  atMs: number,
  raw: unknown,
  index: number,
): ImportResult {
  const parsed = ImportedSubscriberSchema.safeParse(raw);
  const rawId = (raw as { externalId?: unknown } | null)?.externalId;
  const fail = (reason: ImportRejectReason, message: string): ImportResult => ({
    index,
    externalId: typeof rawId === "string" ? rawId : null,
    status: "rejected",
    reason,
    message,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail("malformed", `"${issue?.path.join(".") ?? "record"}": ${issue?.message ?? "invalid"}`);
  }
  const s = parsed.data;
  const plan = findPlan(ctx.catalog, s.planId);
  if (!plan || plan.paymentType !== s.paymentType)
    return fail("unknown_plan", `plan "${s.planId}" is not a ${s.paymentType} plan of the catalog.`);
  if (plan.currency !== s.currency)
    return fail("currency_mismatch", `plan "${plan.id}" is billed in ${plan.currency}.`);
  let periodStartMs: number;
  try {
    const period = billingPeriodAt(Temporal.Instant.fromEpochMilliseconds(atMs), s.anchorDay, s.timezone);
    periodStartMs = period.start.epochMilliseconds;
  } catch {
    return fail("unknown_timezone", `"${s.timezone}" is not an IANA time zone.`);
  }
  if (msFromIso(s.billing.periodStart) !== periodStartMs) {
    return fail(
      "period_mismatch",
      `legacy period start ${s.billing.periodStart} is not the start of the period containing the cutover (${Temporal.Instant.fromEpochMilliseconds(periodStartMs)}).`,
    );
  }
  if (subscribersByExternalId(ctx, s.externalId).some((r) => r.migrated_ms !== null)) {
    return fail("already_imported", `legacy subscriber ${s.externalId} was already imported.`);
  }
  const holder = liveSubscriberByMsisdn(ctx, s.msisdn);
  if (holder) return fail("msisdn_in_use", `the MSISDN belongs to subscriber ${holder.id}.`);
  const kyc = s.kyc as KycRecord;
  const kycStatus =
    isComplete(kyc).ok || ctx.defects.has("kyc-accepts-incomplete") ? "verified" : "incomplete";
  const row = insertSubscriber(ctx, {
    external_id: s.externalId,
    msisdn: s.msisdn,
    imsi: s.imsi,
    iccid: s.iccid,
    plan_id: s.planId,
    payment_type: s.paymentType,
    status: s.status,
    balance_minor: s.billing.balanceMinor,
    currency: s.currency,
    anchor_day: s.anchorDay,
    timezone: s.timezone,
    activated_ms: msFromIso(s.activatedAt),
    add_ons: JSON.stringify(s.addOns),
    kyc: JSON.stringify(kyc),
    kyc_status: kycStatus,
    ported_in: 0,
    donor: null,
    ported_ms: null,
    plan_changed_ms: atMs,
    status_changed_ms: atMs,
    terminated_ms: null,
    cohort_id: cohortId,
    migrated_ms: atMs,
    legacy_period_start_ms: periodStartMs,
    legacy_usage: JSON.stringify(s.billing.usageToDate),
    credit_minor: s.billing.creditMinor,
    legacy_rounding: s.billing.legacyRounding,
  });
  if (ctx.defects.has("li-task-lost-on-import")) loseTasksFor(ctx, s.msisdn, s.imsi);
  if (ctx.defects.has("x2-sequence-reset-on-import")) restartSequencesFor(ctx, s.msisdn, s.imsi);
  if (s.pendingPort && !ctx.defects.has("in-flight-port-dropped")) carryOverPort(ctx, row, s.pendingPort);
  const settled = ctx.defects.has("kyc-bar-not-applied-on-import") ? row : settleBarring(ctx, row, atMs);
  recordEvent(ctx, settled, "import", atMs, { cohortId });
  return { index, externalId: s.externalId, status: "imported", id: row.id };
}

/** POST /v1/cohort-imports. */
export function cohortRoutes(ctx: DestinationContext): Route[] {
  return [
    {
      method: "POST",
      pattern: "/v1/cohort-imports",
      access: "bss",
      handle({ body }) {
        const b = parseBody(CohortImportEnvelopeSchema, body);
        const atMs = msFromIso(b.at);
        return ctx.store.transaction(() => {
          const results = b.subscribers.map((raw, i) => importOne(ctx, b.cohortId, atMs, raw, i));
          const imported = results.filter((r) => r.status === "imported").length;
          return {
            status: 200,
            body: { cohortId: b.cohortId, at: b.at, imported, rejected: results.length - imported, results },
          };
        });
      },
    },
  ];
}
