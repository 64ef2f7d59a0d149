/**
 * Subscriber lifecycle of the destination contract: activation, read, plan change, top-up,
 * suspension, resumption, termination, SIM swap, add-on purchase and KYC update.
 *
 * Event order: every write carries `at`, the business instant of the event. When events of one
 * subscriber arrive out of order, the destination applies them in event order: a plan change older
 * than the current plan is recorded in the plan history but does not replace the newer plan, and
 * a status change older than the last status change is refused with 409 `stale_event`.
 */
import { Temporal } from "temporal-polyfill";
import { findPlan, type Plan } from "../domain/index.ts";
import type { DestinationContext } from "./context.ts";
import {
  ActivationRequestSchema,
  AddOnRequestSchema,
  AtRequestSchema,
  KycRequestSchema,
  PlanChangeRequestSchema,
  ReasonRequestSchema,
  SimSwapRequestSchema,
  TopUpRequestSchema,
} from "./contract/subscriber-contract.ts";
import { ApiError, parseBody, type Reply, type Route } from "./http-router.ts";
import { clearedFields, isComplete, type KycRecord, mergeKyc } from "./kyc.ts";
import {
  insertSubscriber,
  isoFromMs,
  liveSubscriberByMsisdn,
  msFromIso,
  recordEvent,
  requireSubscriber,
  type SubscriberRow,
  subscriberState,
  subscribersByExternalId,
  updateSubscriber,
} from "./subscriber-store.ts";

/** Checks that a plan exists and suits the subscriber's payment type (422 otherwise). */
export function requirePlan(ctx: DestinationContext, planId: string, paymentType: string): Plan {
  const plan = findPlan(ctx.catalog, planId);
  if (!plan) {
    throw new ApiError(422, "unknown_plan", `plan "${planId}" is not in the catalog.`);
  }
  if (plan.paymentType !== paymentType) {
    throw new ApiError(
      422,
      "payment_type_mismatch",
      `plan "${planId}" is ${plan.paymentType}, the subscriber is ${paymentType}.`,
    );
  }
  return plan;
}

const knownTimeZones = new Set<string>();

/** Checks that a time-zone identifier is known (422 otherwise); known ones are remembered. */
export function requireTimeZone(timeZone: string): void {
  if (knownTimeZones.has(timeZone)) return;
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timeZone);
  } catch {
    throw new ApiError(422, "unknown_timezone", `"${timeZone}" is not an IANA time zone.`);
  }
  knownTimeZones.add(timeZone);
}

function invalidTransition(row: SubscriberRow, action: string): ApiError {
  return new ApiError(
    409,
    "invalid_transition",
    `cannot ${action} subscriber ${row.id}: status is ${row.status}.`,
  );
}

/** Applies a status change in event order (or arrival order under `reorder-drift`). */
function changeStatus(
  ctx: DestinationContext,
  row: SubscriberRow,
  from: readonly string[],
  to: string,
  atMs: number,
  action: string,
  eventType: string,
  detail: Record<string, unknown>,
): Reply {
  if (atMs < row.status_changed_ms && !ctx.defects.has("reorder-drift")) {
    throw new ApiError(
      409,
      "stale_event",
      `cannot ${action} subscriber ${row.id}: a newer status change (at ${isoFromMs(row.status_changed_ms)}) is already applied.`,
    );
  }
  if (!from.includes(row.status)) throw invalidTransition(row, action);
  const changes: Partial<SubscriberRow> = {
    status: to,
    status_changed_ms: Math.max(atMs, row.status_changed_ms),
  };
  if (to === "terminated") changes.terminated_ms = atMs;
  const updated = updateSubscriber(ctx, row, changes);
  recordEvent(ctx, updated, eventType, atMs, detail);
  return { status: 200, body: subscriberState(updated) };
}

/** The subscriber lifecycle routes. */
export function subscriberRoutes(ctx: DestinationContext): Route[] {
  const tx = <T>(fn: () => T): T => ctx.store.transaction(fn);
  return [
    {
      method: "POST",
      pattern: "/v1/subscribers",
      access: "bss",
      handle({ body }) {
        const b = parseBody(ActivationRequestSchema, body);
        const plan = requirePlan(ctx, b.planId, b.paymentType);
        if (plan.currency !== b.currency) {
          throw new ApiError(
            422,
            "currency_mismatch",
            `plan "${plan.id}" is billed in ${plan.currency}, not ${b.currency}.`,
          );
        }
        requireTimeZone(b.timezone);
        const atMs = msFromIso(b.at);
        return tx(() => {
          const holder = liveSubscriberByMsisdn(ctx, b.msisdn);
          if (holder)
            throw new ApiError(
              409,
              "msisdn_in_use",
              `MSISDN ${b.msisdn} belongs to subscriber ${holder.id}.`,
            );
          const row = insertSubscriber(ctx, {
            external_id: b.externalId,
            msisdn: b.msisdn,
            imsi: b.imsi,
            iccid: b.iccid,
            plan_id: b.planId,
            payment_type: b.paymentType,
            status: "active",
            balance_minor: b.initialBalanceMinor,
            currency: b.currency,
            anchor_day: b.anchorDay,
            timezone: b.timezone,
            activated_ms: atMs,
            add_ons: "[]",
            kyc: "{}",
            kyc_status: "unverified",
            ported_in: 0,
            donor: null,
            ported_ms: null,
            plan_changed_ms: atMs,
            status_changed_ms: atMs,
            terminated_ms: null,
            cohort_id: null,
            migrated_ms: null,
            legacy_period_start_ms: null,
            legacy_usage: null,
            credit_minor: 0,
          });
          recordEvent(ctx, row, "activation", atMs, { planId: b.planId });
          return { status: 201, body: subscriberState(row) };
        });
      },
    },
    {
      method: "GET",
      pattern: "/v1/subscribers",
      access: "bss",
      handle({ query }) {
        const externalId = query.get("externalId");
        if (!externalId) {
          throw new ApiError(
            400,
            "invalid_request",
            "give ?externalId=… to look subscribers up by their legacy id.",
          );
        }
        return {
          status: 200,
          body: { items: subscribersByExternalId(ctx, externalId).map(subscriberState) },
        };
      },
    },
    {
      method: "GET",
      pattern: "/v1/subscribers/:id",
      access: "bss",
      handle: ({ params }) => ({
        status: 200,
        body: subscriberState(requireSubscriber(ctx, params.id as string)),
      }),
    },
    {
      method: "POST",
      pattern: "/v1/subscribers/:id/plan-change",
      access: "bss",
      handle({ params, body }) {
        const b = parseBody(PlanChangeRequestSchema, body);
        const atMs = msFromIso(b.at);
        return tx(() => {
          const row = requireSubscriber(ctx, params.id as string);
          if (row.status !== "active") throw invalidTransition(row, "change the plan of");
          requirePlan(ctx, b.planId, row.payment_type);
          if (ctx.defects.has("silent-plan-change")) {
            return { status: 200, body: { ...subscriberState(row), planId: b.planId } };
          }
          ctx.store
            .sql("INSERT INTO plan_history (subscriber_id, plan_id, from_ms) VALUES (?, ?, ?)")
            .run(row.id, b.planId, atMs);
          const newer = atMs >= row.plan_changed_ms;
          const updated =
            newer || ctx.defects.has("reorder-drift")
              ? updateSubscriber(ctx, row, {
                  plan_id: b.planId,
                  plan_changed_ms: Math.max(atMs, row.plan_changed_ms),
                })
              : row;
          recordEvent(ctx, updated, "plan_change", atMs, { planId: b.planId, superseded: updated === row });
          return { status: 200, body: subscriberState(updated) };
        });
      },
    },
    {
      method: "POST",
      pattern: "/v1/subscribers/:id/top-ups",
      access: "bss",
      handle({ params, body }) {
        const b = parseBody(TopUpRequestSchema, body);
        const atMs = msFromIso(b.at);
        return tx(() => {
          const row = requireSubscriber(ctx, params.id as string);
          if (row.status !== "active" && row.status !== "suspended") throw invalidTransition(row, "top up");
          if (row.currency !== b.currency) {
            throw new ApiError(
              422,
              "currency_mismatch",
              `subscriber ${row.id} is billed in ${row.currency}, not ${b.currency}.`,
            );
          }
          const updated = updateSubscriber(ctx, row, { balance_minor: row.balance_minor + b.amountMinor });
          recordEvent(ctx, updated, "top_up", atMs, { amountMinor: b.amountMinor });
          return { status: 200, body: subscriberState(updated) };
        });
      },
    },
    statusRoute(ctx, "suspension", ReasonRequestSchema, ["active"], "suspended", "suspend"),
    statusRoute(ctx, "resumption", AtRequestSchema, ["suspended"], "active", "resume"),
    statusRoute(
      ctx,
      "termination",
      ReasonRequestSchema,
      ["active", "inactive", "suspended", "barred"],
      "terminated",
      "terminate",
    ),
    {
      method: "POST",
      pattern: "/v1/subscribers/:id/sim-swap",
      access: "bss",
      handle({ params, body }) {
        const b = parseBody(SimSwapRequestSchema, body);
        const atMs = msFromIso(b.at);
        return tx(() => {
          const row = requireSubscriber(ctx, params.id as string);
          if (row.status !== "active" && row.status !== "suspended")
            throw invalidTransition(row, "swap the SIM of");
          const holder = ctx.store
            .sql("SELECT id FROM subscribers WHERE imsi = ? AND status != 'terminated' AND id != ? LIMIT 1")
            .get(b.imsi, row.id) as { id: string } | undefined;
          if (holder) throw new ApiError(409, "imsi_in_use", `IMSI is already on subscriber ${holder.id}.`);
          const updated = updateSubscriber(ctx, row, { iccid: b.iccid, imsi: b.imsi });
          recordEvent(ctx, updated, "sim_swap", atMs, { previousImsi: row.imsi });
          return { status: 200, body: subscriberState(updated) };
        });
      },
    },
    {
      method: "POST",
      pattern: "/v1/subscribers/:id/add-ons",
      access: "bss",
      handle({ params, body }) {
        const b = parseBody(AddOnRequestSchema, body);
        const atMs = msFromIso(b.at);
        return tx(() => {
          const row = requireSubscriber(ctx, params.id as string);
          if (row.status !== "active") throw invalidTransition(row, "sell an add-on to");
          if (row.currency !== b.currency) {
            throw new ApiError(
              422,
              "currency_mismatch",
              `subscriber ${row.id} is billed in ${row.currency}, not ${b.currency}.`,
            );
          }
          const addOns = [...(JSON.parse(row.add_ons) as string[]), b.addonId];
          const updated = updateSubscriber(ctx, row, { add_ons: JSON.stringify(addOns) });
          if (b.priceMinor > 0) {
            ctx.store
              .sql(
                "INSERT INTO charges (subscriber_id, at_ms, kind, description, amount_minor) VALUES (?, ?, 'one-off', ?, ?)",
              )
              .run(row.id, atMs, `add-on ${b.addonId}`, b.priceMinor);
          }
          recordEvent(ctx, updated, "addon_purchase", atMs, { addonId: b.addonId });
          return { status: 200, body: subscriberState(updated) };
        });
      },
    },
    {
      method: "POST",
      pattern: "/v1/subscribers/:id/kyc",
      access: "bss",
      handle({ params, body }) {
        const { at: atIso, ...fields } = parseBody(KycRequestSchema, body);
        const atMs = msFromIso(atIso);
        return tx(() => {
          const row = requireSubscriber(ctx, params.id as string);
          if (row.status === "terminated") throw invalidTransition(row, "update the KYC record of");
          const lax = ctx.defects.has("kyc-accepts-incomplete");
          const cleared = clearedFields(fields);
          if (cleared.length > 0 && !lax) {
            throw new ApiError(
              422,
              "kyc_incomplete",
              `the update would remove ${cleared.join(", ")} from the KYC record of ${row.id}; identity data can be corrected, not cleared.`,
            );
          }
          const merged = mergeKyc(JSON.parse(row.kyc) as KycRecord, fields);
          // A record is verified only when complete; a partial one is kept and flagged incomplete.
          const kycStatus = isComplete(merged).ok || lax ? "verified" : "incomplete";
          const updated = updateSubscriber(ctx, row, { kyc: JSON.stringify(merged), kyc_status: kycStatus });
          recordEvent(ctx, updated, "kyc_update", atMs, {});
          return { status: 200, body: subscriberState(updated) };
        });
      },
    },
  ];
}

function statusRoute(
  ctx: DestinationContext,
  name: string,
  schema: typeof ReasonRequestSchema | typeof AtRequestSchema,
  from: readonly string[],
  to: string,
  action: string,
): Route {
  return {
    method: "POST",
    pattern: `/v1/subscribers/:id/${name}`,
    access: "bss",
    handle({ params, body }) {
      const b = parseBody(schema, body) as { at: string; reason?: string };
      const atMs = msFromIso(b.at);
      return ctx.store.transaction(() => {
        const row = requireSubscriber(ctx, params.id as string);
        return changeStatus(ctx, row, from, to, atMs, action, name, b.reason ? { reason: b.reason } : {});
      });
    },
  };
}
