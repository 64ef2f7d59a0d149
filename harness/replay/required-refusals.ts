/**
 * Required refusals: real provisioning feeds carry requests a BSS must refuse — a top-up in the
 * wrong currency, a plan of the other payment type, a resumption of a line that is not suspended,
 * a KYC update that clears a field, a client bug that reuses an idempotency key for another
 * request. A destination that accepts them is wrong; one that refuses them is right, and its
 * refusals are not errors. A seeded share of subscribers gets one such request right after its
 * activation, so every readiness run checks both ways.
 */
import type { Plan, ProvisioningEvent, RandomStream } from "../../domain/index.ts";
import { epochMsFromIso, isoFromEpochMs } from "../../generators/index.ts";

/** The kinds of request the contract requires to be refused, with the refusal owed. */
export const REQUIRED_REFUSALS = [
  "currency_mismatch",
  "payment_type_mismatch",
  "unknown_plan",
  "resumption_of_active",
  "kyc_cleared",
  "idempotency_key_reused",
] as const;
export type RequiredRefusal = (typeof REQUIRED_REFUSALS)[number];

/**
 * The events with one request to refuse after the activation of about `share` of the subscribers
 * (record i of `stream` for the i-th activation). Pure; the added event's id ends in `~refuse`.
 */
export function addRequiredRefusals(
  events: readonly ProvisioningEvent[],
  stream: RandomStream,
  share: number,
  catalog: readonly Plan[],
): { events: ProvisioningEvent[]; added: number } {
  if (share <= 0) return { events: [...events], added: 0 };
  const out: ProvisioningEvent[] = [];
  let index = 0;
  let added = 0;
  for (const event of events) {
    out.push(event);
    if (event.type !== "activation" || event.id.includes("~")) continue;
    const rng = stream.record(index++);
    if (!rng.bool(share)) continue;
    const kind = REQUIRED_REFUSALS[rng.int(0, REQUIRED_REFUSALS.length - 1)] as RequiredRefusal;
    const refused = refusalAfter(event, kind, catalog);
    if (refused) {
      out.push(refused);
      added++;
    }
  }
  return { events: out, added };
}

function refusalAfter(
  activation: Extract<ProvisioningEvent, { type: "activation" }>,
  kind: RequiredRefusal,
  catalog: readonly Plan[],
): ProvisioningEvent | null {
  const at = isoFromEpochMs(epochMsFromIso(activation.at) + 1000);
  const common = {
    id: `${activation.id}~refuse`,
    at,
    subscriberId: activation.subscriberId,
    idempotencyKey: `${activation.idempotencyKey}~refuse`,
    source: activation.source,
  };
  const p = activation.payload;
  switch (kind) {
    case "currency_mismatch": {
      const other = p.currency === "EUR" ? "USD" : "EUR";
      return { ...common, type: "top_up", payload: { amountMinor: 1000, currency: other } };
    }
    case "payment_type_mismatch": {
      const plan = catalog.find((x) => x.currency === p.currency && x.paymentType !== p.paymentType);
      return plan ? { ...common, type: "plan_change", payload: { planId: plan.id } } : null;
    }
    case "unknown_plan":
      return { ...common, type: "plan_change", payload: { planId: "NO-SUCH-PLAN" } };
    case "resumption_of_active":
      return { ...common, type: "resumption", payload: {} };
    case "kyc_cleared":
      return { ...common, type: "kyc_update", payload: { name: null } };
    case "idempotency_key_reused":
      // A client bug: a top-up sent under the activation's key.
      return {
        ...common,
        idempotencyKey: activation.idempotencyKey,
        type: "top_up",
        payload: { amountMinor: 500, currency: p.currency },
      };
  }
}
