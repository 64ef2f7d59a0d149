/**
 * Seeded provisioning traffic over a time window. Each subscriber's chain of events (activation,
 * then plan changes, top-ups, a possible suspension) is a pure function of (seed, "traffic", i), and
 * causally consistent: nothing follows a suspension but top-ups. The chains are merged by time.
 */
import { Temporal } from "temporal-polyfill";
import {
  createStream,
  DEFAULT_CATALOG,
  type EventType,
  type Plan,
  type ProvisioningEvent,
  type Subscriber,
  toSeed,
} from "../domain/index.ts";
import { padDigits } from "./identifiers.ts";

export interface TrafficOptions {
  readonly seed: number;
  /** Start of the simulated window. */
  readonly from: Temporal.Instant;
  readonly durationSec: number;
  /** Average follow-on events per subscriber after its activation. */
  readonly eventsPerSubscriber?: number;
  readonly catalog?: readonly Plan[];
}

/** Follow-on event mix; top-ups dominate prepaid traffic in a real BSS. */
const FOLLOW_ON: ReadonlyArray<
  readonly [Extract<EventType, "top_up" | "plan_change" | "suspension">, number]
> = [
  ["top_up", 50],
  ["plan_change", 38],
  ["suspension", 12],
];

/** The events of one subscriber, in causal order. */
export function generateSubscriberTraffic(
  options: TrafficOptions,
  subscriber: Subscriber,
  index: number,
): ProvisioningEvent[] {
  const rng = createStream(toSeed(options.seed), "traffic").record(index);
  const catalog = (options.catalog ?? DEFAULT_CATALOG).filter(
    (p) => p.paymentType === subscriber.paymentType,
  );
  const windowMs = options.durationSec * 1000;
  const mean = options.eventsPerSubscriber ?? 2;
  const followOns = Math.min(12, Math.floor(rng.exponential(mean + 0.5)));
  const events: ProvisioningEvent[] = [];
  let atMs = Math.floor(rng.next() * windowMs * 0.25);
  let suspended = false;
  const eventId = (n: number) => `evt-${padDigits(index, 8)}-${padDigits(n, 2)}`;
  const common = (n: number) => ({
    id: eventId(n),
    at: options.from.add({ milliseconds: atMs }).toString(),
    subscriberId: subscriber.id,
    idempotencyKey: `idem-${options.seed}-${padDigits(index, 8)}-${padDigits(n, 2)}`,
    source: "legacy-bss",
  });

  events.push({
    ...common(0),
    type: "activation",
    payload: {
      msisdn: subscriber.msisdn,
      imsi: subscriber.imsi,
      iccid: subscriber.iccid,
      planId: subscriber.planId,
      paymentType: subscriber.paymentType,
      currency: subscriber.billing.currency,
      initialBalanceMinor: Math.max(0, subscriber.billing.balanceMinor),
      anchorDay: subscriber.billing.anchorDay,
      timezone: subscriber.billing.timezone,
    },
  });
  for (let n = 1; n <= followOns; n++) {
    const remaining = windowMs - atMs;
    if (remaining < 2) break;
    atMs += 1 + Math.floor(rng.next() * Math.min(remaining - 1, windowMs / (followOns + 1)));
    const type = suspended ? "top_up" : rng.weighted(FOLLOW_ON);
    if (type === "top_up") {
      const amountMinor = rng.pick([500, 1000, 1500, 2000, 2500, 3000]);
      events.push({ ...common(n), type, payload: { amountMinor, currency: subscriber.billing.currency } });
    } else if (type === "plan_change") {
      events.push({ ...common(n), type, payload: { planId: rng.pick(catalog).id } });
    } else {
      suspended = true;
      events.push({
        ...common(n),
        type,
        payload: { reason: rng.pick(["non-payment", "lost-sim", "fraud-check"]) },
      });
    }
  }
  return events;
}

/** All events of the base over the window, ordered by time (ties by event id). */
export function generateTraffic(options: TrafficOptions, base: Iterable<Subscriber>): ProvisioningEvent[] {
  const all: ProvisioningEvent[] = [];
  let index = 0;
  for (const subscriber of base) all.push(...generateSubscriberTraffic(options, subscriber, index++));
  return sortEvents(all);
}

/** Orders events by instant, then id, so equal timestamps still give one byte-identical order. */
export function sortEvents(events: ProvisioningEvent[]): ProvisioningEvent[] {
  const keyed = events.map((e) => ({ e, ms: Temporal.Instant.from(e.at).epochMilliseconds }));
  keyed.sort((a, b) => a.ms - b.ms || (a.e.id < b.e.id ? -1 : a.e.id > b.e.id ? 1 : 0));
  return keyed.map((k) => k.e);
}
