/**
 * The contract's lifecycle rules (docs/destination-contract.md, "Event order and lifecycle"), as
 * the shadow model applies them: one pure function per event type that says whether the
 * destination must accept the event, and what the subscriber looks like after it. Written from the
 * contract, not from the reference destination's code.
 *
 * Each rule returns the event's natural effect even when the contract requires a refusal, so that
 * a destination that accepts what it should have refused can still be followed (the refusal it
 * owed is its own finding, not drift).
 */
import type { Plan, ProvisioningEvent } from "../../domain/index.ts";

/** What the shadow expects a subscriber's read to show. */
export interface ExpectedSubscriber {
  readonly externalId: string;
  readonly msisdn: string;
  readonly imsi: string;
  readonly iccid: string;
  readonly planId: string;
  readonly paymentType: string;
  readonly status: "active" | "inactive" | "suspended" | "barred" | "terminated";
  readonly balanceMinor: number;
  readonly currency: string;
  readonly addOns: readonly string[];
  readonly kycStatus: "unverified" | "verified" | "incomplete";
  readonly kyc: KycFields;
  readonly portedIn: boolean;
  /** A port accepted and not known to be complete: completion depends on the destination's test clock. */
  readonly pendingPort: { readonly type: "port_in" | "port_out"; readonly msisdn: string } | null;
  /** Business instant (ms) of the plan change that set the current plan (activation included). */
  readonly planChangedAtMs: number;
  /** Business instant (ms) of the last status change (activation included). */
  readonly statusChangedAtMs: number;
}

/** The KYC record: name, date of birth, address and identity document. */
export interface KycFields {
  readonly name?: string | null;
  readonly dateOfBirth?: string | null;
  readonly address?: string | null;
  readonly idDocument?: string | null;
}

const KYC_KEYS = ["name", "dateOfBirth", "address", "idDocument"] as const;

/** Everything beyond one subscriber that the rules look at: the catalog and who holds what. */
export interface WorldView {
  plan(planId: string): Plan | undefined;
  /** The legacy id of the live subscriber holding this MSISDN, if any. */
  msisdnHolder(msisdn: string): string | undefined;
  /** The legacy id of the live subscriber holding this IMSI, if any. */
  imsiHolder(imsi: string): string | undefined;
  /** Whether a port of this MSISDN is pending. */
  portPending(msisdn: string): boolean;
  isTimeZone(zone: string): boolean;
}

/** A refusal the contract requires, with its status and error code. */
export interface Refusal {
  readonly status: number;
  readonly code: string;
}

/** A rule's answer: the refusal owed (or null) and the subscriber after the event's natural effect. */
export interface RuleResult {
  readonly refusal: Refusal | null;
  /** Status the contract gives an accepted event (201 activation, 202 ports, else 200). */
  readonly acceptedStatus: 200 | 201 | 202;
  /** The state after the event if it is applied (undefined: the event cannot be applied at all). */
  readonly next: ExpectedSubscriber | undefined;
}

const refuse = (status: number, code: string): Refusal => ({ status, code });
const LIVE = ["active", "inactive", "suspended", "barred"] as const;

/** The business instant of an event: the source's own stamp when it differs from delivery. */
export function businessAtMs(event: ProvisioningEvent): number {
  return Date.parse(event.occurredAt ?? event.at);
}

/** Applies one event to a subscriber (undefined before its activation) under the contract's rules. */
export function applyRule(
  state: ExpectedSubscriber | undefined,
  event: ProvisioningEvent,
  world: WorldView,
): RuleResult {
  const atMs = businessAtMs(event);
  if (event.type === "activation") return activate(state, event, atMs, world);
  if (!state) return { refusal: refuse(404, "subscriber_not_found"), acceptedStatus: 200, next: undefined };
  const ok = (next: ExpectedSubscriber, acceptedStatus: 200 | 202 = 200, refusal: Refusal | null = null) => ({
    refusal,
    acceptedStatus,
    next,
  });
  const transition = (allowed: readonly string[]) =>
    allowed.includes(state.status) ? null : refuse(409, "invalid_transition");
  switch (event.type) {
    case "plan_change": {
      const plan = world.plan(event.payload.planId);
      const refusal =
        transition(["active"]) ??
        (!plan
          ? refuse(422, "unknown_plan")
          : plan.paymentType !== state.paymentType
            ? refuse(422, "payment_type_mismatch")
            : null);
      // An older plan change is recorded but does not replace a newer plan; ties: the later arrival wins.
      const newer = atMs >= state.planChangedAtMs;
      return ok(
        newer ? { ...state, planId: event.payload.planId, planChangedAtMs: atMs } : state,
        200,
        refusal,
      );
    }
    case "top_up": {
      const refusal =
        transition(["active", "suspended"]) ??
        (event.payload.currency !== state.currency ? refuse(422, "currency_mismatch") : null);
      return ok({ ...state, balanceMinor: state.balanceMinor + event.payload.amountMinor }, 200, refusal);
    }
    case "suspension":
      return statusChange(state, atMs, ["active"], "suspended");
    case "resumption":
      return statusChange(state, atMs, ["suspended"], "active");
    case "termination":
      return statusChange(state, atMs, LIVE, "terminated");
    case "sim_swap": {
      const holder = world.imsiHolder(event.payload.imsi);
      const refusal =
        transition(["active", "suspended"]) ??
        (holder !== undefined && holder !== state.externalId ? refuse(409, "imsi_in_use") : null);
      return ok({ ...state, imsi: event.payload.imsi, iccid: event.payload.iccid }, 200, refusal);
    }
    case "addon_purchase": {
      const refusal =
        transition(["active"]) ??
        (event.payload.currency !== state.currency ? refuse(422, "currency_mismatch") : null);
      return ok({ ...state, addOns: [...state.addOns, event.payload.addonId] }, 200, refusal);
    }
    case "kyc_update": {
      const update = event.payload;
      const cleared = KYC_KEYS.filter((k) => {
        const value = update[k];
        return value === null || (typeof value === "string" && value.trim() === "");
      });
      const refusal =
        state.status === "terminated"
          ? refuse(409, "invalid_transition")
          : cleared.length > 0
            ? refuse(422, "kyc_incomplete")
            : null;
      const kyc: Record<string, string | null | undefined> = { ...state.kyc };
      for (const k of KYC_KEYS) if (update[k] !== undefined) kyc[k] = update[k];
      return ok({ ...state, kyc, kycStatus: kycComplete(kyc) ? "verified" : "incomplete" }, 200, refusal);
    }
    case "port_in": {
      const { msisdn } = event.payload;
      const holder = world.msisdnHolder(msisdn);
      const refusal =
        transition(["active"]) ??
        (holder !== undefined
          ? refuse(409, "msisdn_in_use")
          : world.portPending(msisdn)
            ? refuse(409, "port_pending")
            : null);
      return ok({ ...state, pendingPort: { type: "port_in", msisdn } }, 202, refusal);
    }
    case "port_out": {
      // A port-out ends the line: it is a status change, so an older one than the last is stale.
      const refusal =
        (atMs < state.statusChangedAtMs ? refuse(409, "stale_event") : null) ??
        transition(["active", "suspended"]) ??
        (state.pendingPort ? refuse(409, "port_pending") : null);
      return ok({ ...state, pendingPort: { type: "port_out", msisdn: state.msisdn } }, 202, refusal);
    }
  }
}

function activate(
  state: ExpectedSubscriber | undefined,
  event: Extract<ProvisioningEvent, { type: "activation" }>,
  atMs: number,
  world: WorldView,
): RuleResult {
  const p = event.payload;
  const plan = world.plan(p.planId);
  const holder = world.msisdnHolder(p.msisdn);
  const refusal = !plan
    ? refuse(422, "unknown_plan")
    : plan.paymentType !== p.paymentType
      ? refuse(422, "payment_type_mismatch")
      : plan.currency !== p.currency
        ? refuse(422, "currency_mismatch")
        : !world.isTimeZone(p.timezone)
          ? refuse(422, "unknown_timezone")
          : holder !== undefined
            ? refuse(409, "msisdn_in_use")
            : null;
  void state;
  return {
    refusal,
    acceptedStatus: 201,
    next: {
      externalId: event.subscriberId,
      msisdn: p.msisdn,
      imsi: p.imsi,
      iccid: p.iccid,
      planId: p.planId,
      paymentType: p.paymentType,
      status: "active",
      balanceMinor: p.initialBalanceMinor,
      currency: p.currency,
      addOns: [],
      kycStatus: "unverified",
      kyc: {},
      portedIn: false,
      pendingPort: null,
      planChangedAtMs: atMs,
      statusChangedAtMs: atMs,
    },
  };
}

/** A status change: an older one than the last applied is refused as stale before anything else. */
function statusChange(
  state: ExpectedSubscriber,
  atMs: number,
  from: readonly string[],
  to: ExpectedSubscriber["status"],
): RuleResult {
  const refusal =
    atMs < state.statusChangedAtMs
      ? refuse(409, "stale_event")
      : from.includes(state.status)
        ? null
        : refuse(409, "invalid_transition");
  return {
    refusal,
    acceptedStatus: 200,
    next: { ...state, status: to, statusChangedAtMs: Math.max(atMs, state.statusChangedAtMs) },
  };
}

function kycComplete(kyc: KycFields): boolean {
  return KYC_KEYS.every((k) => {
    const value = kyc[k];
    return typeof value === "string" && value.trim() !== "";
  });
}
