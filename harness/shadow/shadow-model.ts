/**
 * The shadow model: Tranche's own, independent expectation of each subscriber's state. It applies
 * the same canonical events in the same per-subscriber order as the replay, under the contract's
 * rules, and is then compared field by field with what the destination returns. A 200 OK that
 * left the wrong plan, balance or status is a failure only this comparison can see.
 */
import {
  COMPARED_FIELDS,
  DEFAULT_CATALOG,
  type Plan,
  type ProvisioningEvent,
  type SubscriberState,
} from "../../domain/index.ts";

/** Expected state per legacy subscriber id, plus the events the rules expect to be refused. */
export interface ShadowState {
  readonly subscribers: ReadonlyMap<string, SubscriberState>;
  /** Ids of events the contract says must be refused (e.g. a plan change while suspended). */
  readonly expectedRejections: ReadonlySet<string>;
  /** Subscribers whose state cannot be predicted: a write of theirs timed out or was reset. */
  readonly indeterminate: ReadonlySet<string>;
  /** Events the destination said it did not apply (5xx, connection refused): expected to have no effect. */
  readonly reportedFailures: number;
}

/** How one delivery went, as far as the shadow model needs to know. */
export type DeliveryOutcome = "applied" | "reported-failure" | "unknown";

/**
 * What the shadow model may assume of a delivery from its outcome: 5xx and refused connections
 * were not applied; timeouts and resets may or may not have been; 2xx (even with an unparseable
 * body) and 4xx are decided by the contract's own rules.
 */
export function deliveryOutcome(
  outcome: { readonly failure?: { readonly kind: string } } | undefined,
): DeliveryOutcome {
  const kind = outcome?.failure?.kind;
  if (kind === "http_5xx" || kind === "refused") return "reported-failure";
  if (kind === "timeout" || kind === "reset") return "unknown";
  return "applied";
}

/**
 * Applies events (in per-subscriber order) to an empty model. Pure. `outcomeOf` tells how each
 * delivery went: a failure the destination reported (5xx, refused) is expected to have changed
 * nothing — that is the error-rate gate's finding, not drift; a timeout or reset leaves the
 * subscriber's state unknown, so it is left out of the comparison. Without it every event counts.
 */
export function buildShadowState(
  events: readonly ProvisioningEvent[],
  catalog: readonly Plan[] = DEFAULT_CATALOG,
  outcomeOf: (event: ProvisioningEvent) => DeliveryOutcome = () => "applied",
): ShadowState {
  const subscribers = new Map<string, SubscriberState>();
  const expectedRejections = new Set<string>();
  const indeterminate = new Set<string>();
  const seenKeys = new Set<string>();
  const plans = new Set(catalog.map((p) => p.id));
  let reportedFailures = 0;
  for (const event of events) {
    // A retried or duplicated delivery (same idempotency key) takes effect once.
    if (seenKeys.has(event.idempotencyKey)) continue;
    const outcome = outcomeOf(event);
    if (outcome === "reported-failure") {
      // Not applied, and a later retry with the same key may still apply it.
      reportedFailures++;
      continue;
    }
    if (outcome === "unknown") indeterminate.add(event.subscriberId);
    seenKeys.add(event.idempotencyKey);
    const current = subscribers.get(event.subscriberId);
    const next = applyEvent(current, event, plans);
    if (next === undefined) expectedRejections.add(event.id);
    else subscribers.set(event.subscriberId, next);
  }
  return { subscribers, expectedRejections, indeterminate, reportedFailures };
}

/** The state after one event, or undefined when the contract says the event must be refused. */
export function applyEvent(
  state: SubscriberState | undefined,
  event: ProvisioningEvent,
  plans: ReadonlySet<string>,
): SubscriberState | undefined {
  if (event.type === "activation") {
    if (state && state.status !== "terminated") return undefined;
    return {
      id: event.subscriberId,
      msisdn: event.payload.msisdn,
      planId: event.payload.planId,
      status: "active",
      balanceMinor: event.payload.initialBalanceMinor,
      currency: event.payload.currency,
    };
  }
  if (!state) return undefined;
  switch (event.type) {
    case "plan_change":
      if (state.status !== "active" || !plans.has(event.payload.planId)) return undefined;
      return { ...state, planId: event.payload.planId };
    case "top_up":
      if (
        (state.status !== "active" && state.status !== "suspended") ||
        event.payload.currency !== state.currency
      ) {
        return undefined;
      }
      return { ...state, balanceMinor: state.balanceMinor + event.payload.amountMinor };
    case "suspension":
      return state.status === "active" ? { ...state, status: "suspended" } : undefined;
    case "resumption":
      return state.status === "suspended" ? { ...state, status: "active" } : undefined;
    case "termination":
      return state.status === "terminated" ? undefined : { ...state, status: "terminated" };
    default:
      // Events whose effect is outside the compared state (SIM swap, add-ons, KYC, porting).
      return state.status === "terminated" ? undefined : state;
  }
}

export interface FieldMismatch {
  readonly subscriberId: string;
  readonly destinationId: string | null;
  readonly field: string;
  readonly expected: string;
  readonly actual: string;
}

/** Compares expected with actual state; `actual` undefined means the destination does not know the subscriber. */
export function compareState(
  expected: SubscriberState,
  destinationId: string | undefined,
  actual: SubscriberState | undefined,
): FieldMismatch[] {
  if (!actual) {
    return [
      {
        subscriberId: expected.id,
        destinationId: destinationId ?? null,
        field: "existence",
        expected: "present",
        actual: "missing",
      },
    ];
  }
  const out: FieldMismatch[] = [];
  for (const field of COMPARED_FIELDS) {
    if (expected[field] !== actual[field]) {
      out.push({
        subscriberId: expected.id,
        destinationId: destinationId ?? null,
        field,
        expected: String(expected[field]),
        actual: String(actual[field]),
      });
    }
  }
  return out;
}
