/**
 * An in-memory destination for harness tests: applies the contract's lifecycle rules to a Map
 * (with idempotency keys), optionally with a planted bug, after an optional delay. A test double of
 * the target, not of the product: it shares the shadow model's rules, so it only shows the
 * harness's plumbing, never a rule's meaning.
 */
import type { DestinationSubscriberState } from "../../destination/index.ts";
import { allCountryPlans, type ProvisioningEvent } from "../../domain/index.ts";
import type { ApplyOutcome, DestinationTarget } from "../../harness/index.ts";
import { applyRule, type ExpectedSubscriber } from "../../harness/index.ts";

export interface MemoryAdapterOptions {
  /** Answers plan changes with 200 but keeps the old plan. */
  readonly silentPlanChange?: boolean;
  readonly delayMs?: number;
}

/** A target offering provisioning and state reads over a Map, exposing what it received. */
export function createMemoryAdapter(options: MemoryAdapterOptions = {}): DestinationTarget & {
  readonly store: Map<string, ExpectedSubscriber>;
  readonly applied: ProvisioningEvent[];
} {
  const store = new Map<string, ExpectedSubscriber>();
  const idOf = new Map<string, string>();
  const answers = new Map<string, ApplyOutcome>();
  const applied: ProvisioningEvent[] = [];
  const plans = new Map(allCountryPlans().map((p) => [p.id, p]));
  const holder = (field: "msisdn" | "imsi", value: string) => {
    for (const s of store.values()) if (s[field] === value && s.status !== "terminated") return s.externalId;
    return undefined;
  };
  const world = {
    plan: (id: string) => plans.get(id),
    msisdnHolder: (m: string) => holder("msisdn", m),
    imsiHolder: (i: string) => holder("imsi", i),
    portPending: () => false,
    isTimeZone: () => true,
  };
  let next = 1;
  const wait = () => new Promise((r) => setTimeout(r, options.delayMs ?? 0));
  const state = (id: string, s: ExpectedSubscriber): DestinationSubscriberState => ({
    id,
    externalId: s.externalId,
    msisdn: s.msisdn,
    imsi: s.imsi,
    iccid: s.iccid,
    planId: s.planId,
    paymentType: s.paymentType as "prepaid" | "postpaid",
    status: s.status,
    balanceMinor: s.balanceMinor,
    currency: s.currency,
    anchorDay: 1,
    timezone: "UTC",
    activatedAt: "2026-03-01T00:00:00Z",
    addOns: [...s.addOns],
    kycStatus: s.kycStatus,
    portedIn: s.portedIn,
  });
  return {
    store,
    applied,
    describe: () => "in-memory test destination",
    async health() {
      return { status: "ok" };
    },
    capabilities: {
      provisioning: {
        async apply(event, destinationId): Promise<ApplyOutcome> {
          applied.push(event);
          await wait();
          const stored = answers.get(event.idempotencyKey);
          if (stored) return stored;
          const id = event.type === "activation" ? `D${next++}` : destinationId;
          const current = id ? store.get(id) : undefined;
          const rule = applyRule(current, event, world);
          let outcome: ApplyOutcome;
          if (rule.refusal || !rule.next || !id) {
            const status = rule.refusal?.status ?? 404;
            outcome = { status, failure: { kind: "http_4xx", message: `HTTP ${status}` } };
          } else {
            const kept =
              options.silentPlanChange && event.type === "plan_change" && current
                ? { ...rule.next, planId: current.planId }
                : rule.next;
            store.set(id, kept);
            idOf.set(event.subscriberId, id);
            outcome = { status: rule.acceptedStatus, destinationId: id };
          }
          answers.set(event.idempotencyKey, outcome);
          return outcome;
        },
      },
      "state-read": {
        async readSubscriber(destinationId) {
          await wait();
          const s = store.get(destinationId);
          return s ? state(destinationId, s) : undefined;
        },
        async findByExternalId(externalId) {
          const id = idOf.get(externalId);
          const s = id ? store.get(id) : undefined;
          return id && s ? [state(id, s)] : [];
        },
      },
    },
    async close() {},
  };
}
