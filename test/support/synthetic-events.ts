/** Small synthetic provisioning traffic for replay tests: many subscribers, interleaved, in order. */
import type { ProvisioningEvent } from "../../domain/index.ts";

/**
 * `count` events over `subscribers` subscribers: each subscriber's first event is an activation,
 * the rest top-ups. Subscribers come in groups of `groupSize` whose events interleave round-robin,
 * so one subscriber's next event follows only `groupSize` events later: close enough that it is
 * due while the previous one may still be in flight.
 */
export function syntheticEvents(count: number, subscribers: number, groupSize = 16): ProvisioningEvent[] {
  const events: ProvisioningEvent[] = [];
  const perSubscriber = Math.ceil(count / subscribers);
  const block = groupSize * perSubscriber;
  for (let i = 0; i < count; i++) {
    const within = i % block;
    const s = Math.floor(i / block) * groupSize + (within % groupSize);
    const n = Math.floor(within / groupSize);
    const common = {
      id: `e-${s}-${n}`,
      at: new Date(Date.UTC(2026, 2, 1, 0, 0, 0, i)).toISOString(),
      subscriberId: `sub-${s}`,
      idempotencyKey: `k-${s}-${n}`,
      source: "test",
    };
    events.push(
      n === 0
        ? {
            ...common,
            type: "activation",
            payload: {
              msisdn: `+4470000${String(s).padStart(5, "0")}`,
              imsi: "234150000000001",
              iccid: "8944000000000000001",
              planId: "p",
              paymentType: "prepaid",
              currency: "GBP",
              initialBalanceMinor: 0,
              anchorDay: 1,
              timezone: "UTC",
            },
          }
        : { ...common, type: "top_up", payload: { amountMinor: 100, currency: "GBP" } },
    );
  }
  return events;
}
