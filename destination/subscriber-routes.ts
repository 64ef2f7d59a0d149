/**
 * Subscriber lifecycle of the destination contract: activation, reads, plan change, top-up,
 * SIM swap, add-on purchase and KYC update (status changes are in status-routes.ts, porting in
 * porting.ts). The contract's rules, in the order the checks run, are in
 * docs/destination-contract.md ("Event order and lifecycle").
 *
 * Event order: every write carries `at`, the business instant of the event. Events are applied in
 * arrival order with two event-time rules: a plan change older than the one that set the current
 * plan is recorded in the plan history (it still counts for proration) but does not replace the
 * current plan — on equal instants the later arrival wins; and a status change older than the last
 * status change is refused with 409 `stale_event` (status-routes.ts).
 */
import { CURRENCY_EXPONENTS, type CurrencyCode } from "../domain/index.ts";
import type { DestinationContext } from "./context.ts";
import type { DestinationSubscriberState } from "./contract/subscriber-contract.ts";
import {
  ActivationRequestSchema,
  AddOnRequestSchema,
  KycRequestSchema,
  PlanChangeRequestSchema,
  SimSwapRequestSchema,
  TopUpRequestSchema,
} from "./contract/subscriber-contract.ts";
import { ApiError, parseBody, type Route } from "./http-router.ts";
import { clearedFields, isComplete, type KycRecord, mergeKyc } from "./kyc.ts";
import { settleBarring } from "./kyc-barring.ts";
import { statusRoutes } from "./status-routes.ts";
import {
  LIVE_STATUSES,
  requireCurrency,
  requirePlan,
  requireStatus,
  requireTimeZone,
} from "./subscriber-checks.ts";
import {
  insertSubscriber,
  liveSubscriberByMsisdn,
  msFromIso,
  recordEvent,
  requireSubscriber,
  subscriberState,
  subscribersByExternalId,
  updateSubscriber,
} from "./subscriber-store.ts";

/** Under `drops-some-activations`, every this-many-th activation answers 503 and applies nothing. */
const DROPPED_ACTIVATION_EVERY = 50;

/** The amount cut down to whole major units of its currency (the `truncates-odd-amounts` defect). */
function wholeMajorUnits(amountMinor: number, currency: string): number {
  const unit = 10 ** CURRENCY_EXPONENTS[currency as CurrencyCode];
  return Math.trunc(amountMinor / unit) * unit;
}

function activationRoute(ctx: DestinationContext): Route {
  let activations = 0;
  return {
    method: "POST",
    pattern: "/v1/subscribers",
    access: "bss",
    handle({ body }) {
      activations += 1;
      if (ctx.defects.has("drops-some-activations") && activations % DROPPED_ACTIVATION_EVERY === 0) {
        throw new ApiError(503, "unavailable", "the destination could not take the activation; retry.");
      }
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
      return ctx.store.transaction(() => {
        const holder = liveSubscriberByMsisdn(ctx, b.msisdn);
        if (holder)
          throw new ApiError(409, "msisdn_in_use", `MSISDN ${b.msisdn} belongs to subscriber ${holder.id}.`);
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
          legacy_rounding: null,
        });
        recordEvent(ctx, row, "activation", atMs, { planId: b.planId });
        return { status: 201, body: subscriberState(settleBarring(ctx, row, atMs)) };
      });
    },
  };
}

function readRoutes(ctx: DestinationContext): Route[] {
  return [
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
          body: {
            items: subscribersByExternalId(ctx, externalId).map((r) => readState(ctx, subscriberState(r))),
          },
        };
      },
    },
    {
      method: "GET",
      pattern: "/v1/subscribers/:id",
      access: "bss",
      handle({ params }) {
        const row = requireSubscriber(ctx, params.id as string);
        const state = subscriberState(ctx.replica ? ctx.replica.read(row) : row);
        if (ctx.defects.has("schema-violating-read")) {
          return { status: 200, body: { ...state, balanceMinor: String(state.balanceMinor) } };
        }
        return { status: 200, body: readState(ctx, state) };
      },
    },
  ];
}

/** A read's state; under `bi-field-renamed` an imported subscriber's `migratedAt` is answered as `migrationDate`. */
function readState(ctx: DestinationContext, state: DestinationSubscriberState): Record<string, unknown> {
  if (!ctx.defects.has("bi-field-renamed") || state.migratedAt == null) return state;
  const { migratedAt, ...rest } = state;
  return { ...rest, migrationDate: migratedAt };
}

/** The subscriber lifecycle routes (status changes included). */
export function subscriberRoutes(ctx: DestinationContext): Route[] {
  const tx = <T>(fn: () => T): T => ctx.store.transaction(fn);
  return [
    activationRoute(ctx),
    ...readRoutes(ctx),
    {
      method: "POST",
      pattern: "/v1/subscribers/:id/plan-change",
      access: "bss",
      handle({ params, body }) {
        const b = parseBody(PlanChangeRequestSchema, body);
        const atMs = msFromIso(b.at);
        return tx(() => {
          const row = requireSubscriber(ctx, params.id as string);
          requireStatus(row, ["active"], "change the plan of");
          requirePlan(ctx, b.planId, row.payment_type);
          if (ctx.defects.has("silent-plan-change")) {
            return { status: 200, body: { ...subscriberState(row), planId: b.planId } };
          }
          ctx.store
            .sql("INSERT INTO plan_history (subscriber_id, plan_id, from_ms) VALUES (?, ?, ?)")
            .run(row.id, b.planId, atMs);
          // Equal instants: the later arrival wins (the plan history orders ties by arrival too).
          const current = atMs >= row.plan_changed_ms || ctx.defects.has("reorder-drift");
          const updated = current
            ? updateSubscriber(ctx, row, {
                plan_id: b.planId,
                plan_changed_ms: Math.max(atMs, row.plan_changed_ms),
              })
            : row;
          recordEvent(ctx, updated, "plan_change", atMs, { planId: b.planId, superseded: !current });
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
          requireStatus(row, ["active", "suspended"], "top up");
          if (!ctx.defects.has("accepts-currency-mismatch")) requireCurrency(row, b.currency);
          const amountMinor = ctx.defects.has("truncates-odd-amounts")
            ? wholeMajorUnits(b.amountMinor, row.currency)
            : // top-up-at-cutover-lost: a top-up at the import's cutover instant is taken as legacy's.
              ctx.defects.has("top-up-at-cutover-lost") && row.migrated_ms === atMs
              ? 0
              : b.amountMinor;
          const updated = updateSubscriber(ctx, row, { balance_minor: row.balance_minor + amountMinor });
          recordEvent(ctx, updated, "top_up", atMs, { amountMinor });
          return { status: 200, body: subscriberState(updated) };
        });
      },
    },
    ...statusRoutes(ctx),
    {
      method: "POST",
      pattern: "/v1/subscribers/:id/sim-swap",
      access: "bss",
      handle({ params, body }) {
        const b = parseBody(SimSwapRequestSchema, body);
        const atMs = msFromIso(b.at);
        return tx(() => {
          const row = requireSubscriber(ctx, params.id as string);
          requireStatus(row, ["active", "suspended"], "swap the SIM of");
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
          requireStatus(row, ["active"], "sell an add-on to");
          requireCurrency(row, b.currency);
          const addOns = [...(JSON.parse(row.add_ons) as string[]), b.addonId];
          const updated = updateSubscriber(ctx, row, { add_ons: JSON.stringify(addOns) });
          // A free add-on (priceMinor 0) adds no invoice line.
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
          requireStatus(row, LIVE_STATUSES, "update the KYC record of");
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
          const updated = settleBarring(
            ctx,
            updateSubscriber(ctx, row, { kyc: JSON.stringify(merged), kyc_status: kycStatus }),
            atMs,
            !ctx.defects.has("kyc-bar-not-lifted"),
          );
          recordEvent(ctx, updated, "kyc_update", atMs, {});
          return { status: 200, body: subscriberState(updated) };
        });
      },
    },
  ];
}
