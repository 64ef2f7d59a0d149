/**
 * An in-memory destination for harness tests: applies the contract's rules to a Map, optionally
 * with a planted bug, after an optional delay. A test double of the target, not of the product.
 */

import type { ProvisioningEvent, SubscriberState } from "../../domain/index.ts";
import { DEFAULT_CATALOG } from "../../domain/index.ts";
import type { ApplyOutcome, DestinationTarget } from "../../harness/index.ts";
import { applyEvent } from "../../harness/index.ts";

export interface MemoryAdapterOptions {
  /** Answers plan changes with 200 but keeps the old plan. */
  readonly silentPlanChange?: boolean;
  readonly delayMs?: number;
}

/** A target offering provisioning and state reads over a Map, exposing its store for assertions. */
export function createMemoryAdapter(options: MemoryAdapterOptions = {}): DestinationTarget & {
  readonly store: Map<string, SubscriberState>;
  readonly applied: ProvisioningEvent[];
} {
  const store = new Map<string, SubscriberState>();
  const byExternal = new Map<string, string>();
  const applied: ProvisioningEvent[] = [];
  const plans = new Set(DEFAULT_CATALOG.map((p) => p.id));
  let next = 1;
  const wait = () => new Promise((r) => setTimeout(r, options.delayMs ?? 0));
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
          const id = event.type === "activation" ? `D${next++}` : destinationId;
          const current = id ? store.get(id) : undefined;
          const after = applyEvent(
            current ? { ...current, id: event.subscriberId } : undefined,
            event,
            plans,
          );
          if (!after || !id) return { status: 409, failure: { kind: "http_4xx", message: "HTTP 409" } };
          const kept =
            options.silentPlanChange && event.type === "plan_change" && current
              ? current.planId
              : after.planId;
          store.set(id, { ...after, id, planId: kept });
          byExternal.set(event.subscriberId, id);
          return { status: event.type === "activation" ? 201 : 200, destinationId: id };
        },
      },
      "state-read": {
        async readSubscriber(destinationId) {
          await wait();
          return store.get(destinationId);
        },
        async findByExternalId(externalId) {
          const id = byExternal.get(externalId);
          const state = id ? store.get(id) : undefined;
          return state ? [state] : [];
        },
      },
    },
    async close() {},
  };
}
