/**
 * Seeded provisioning traffic over a time window. Subscriber i's chain of events is a pure function
 * of (seed, "traffic", i), its base record and the options: an activation, then follow-on events
 * whose times follow the window's activity curve and whose types follow a lifecycle state machine,
 * so the chain is causally consistent (nothing after a termination or port-out, no plan change
 * while suspended). Irregular deliveries are added afterwards, only when configured.
 */
import type { Temporal } from "temporal-polyfill";
import {
  createStream,
  EVENT_TYPES,
  type EventType,
  type Plan,
  type ProvisioningEvent,
  type Subscriber,
  toSeed,
} from "../domain/index.ts";
import { CountryContexts } from "./country-context.ts";
import type { TruthRecord } from "./defects.ts";
import { padDigits } from "./identifiers.ts";
import { HOUR_MS, isoFromEpochMs } from "./iso-time.ts";
import { poisson } from "./poisson.ts";
import { TrafficIntensity } from "./traffic-intensity.ts";
import { applyIrregularities, type IrregularityOptions } from "./traffic-irregularities.ts";
import { DEFAULT_TRAFFIC_PROFILE, type LineState, type TrafficProfile } from "./traffic-profile.ts";
import { WeightedTable } from "./weighted-table.ts";

export interface TrafficOptions {
  readonly seed: number;
  /** Start of the simulated window. */
  readonly from: Temporal.Instant;
  readonly durationSec: number;
  /** Average follow-on events per subscriber after its activation (default 2). */
  readonly eventsPerSubscriber?: number;
  /**
   * Target events per second in the busiest hour; when set, it decides the events per subscriber
   * (approximately: activations fall in the first quarter of the window).
   */
  readonly peakEventsPerSec?: number;
  /** Overrides every country's catalog for plan changes. */
  readonly catalog?: readonly Plan[];
  /** Restricts the mix to these event types (activation is always included). */
  readonly types?: readonly EventType[];
  /** Campaign bursts in the window (default: the profile's rate per 30 days). */
  readonly campaigns?: number;
  /** Irregular deliveries; all off unless configured. */
  readonly irregularities?: IrregularityOptions;
  readonly profile?: TrafficProfile;
}

/** An event with its delivery instant in epoch ms (the sort key of the traffic file). */
export interface TimedEvent {
  readonly ms: number;
  readonly event: ProvisioningEvent;
}

const MAX_FOLLOW_ONS = 60;
const MAX_SIM_SWAPS = 8;

/** A prepared traffic generator: setup once, then `chain(subscriber, i)` per line in any order. */
export class TrafficGenerator {
  readonly options: TrafficOptions;
  readonly intensity: TrafficIntensity;
  private readonly seed;
  private readonly stream;
  private readonly profile: TrafficProfile;
  private readonly fromMs: number;
  private readonly mean: number;
  private readonly contexts: CountryContexts;
  /** Follow-on tables by state × payment type × month start × campaign (16 slots, built lazily). */
  private readonly tables: Array<WeightedTable<EventType> | null | undefined> = new Array(16).fill(undefined);
  private readonly allowed: ReadonlySet<EventType>;

  constructor(options: TrafficOptions) {
    this.options = options;
    this.seed = toSeed(options.seed);
    this.stream = createStream(this.seed, "traffic");
    this.profile = options.profile ?? DEFAULT_TRAFFIC_PROFILE;
    this.fromMs = options.from.epochMilliseconds;
    this.mean = options.eventsPerSubscriber ?? 2;
    this.contexts = new CountryContexts(this.seed.value, options.from);
    this.allowed = new Set<EventType>(options.types ? ["activation", ...options.types] : EVENT_TYPES);
    this.intensity = new TrafficIntensity(
      this.seed,
      this.fromMs,
      options.durationSec * 1000,
      this.profile,
      options.campaigns,
    );
  }

  /** The events of line `index` (causal order) and the truth lines of its irregular deliveries. */
  chain(subscriber: Subscriber, index: number): { events: TimedEvent[]; truth: TruthRecord[] } {
    const rng = this.stream.record(index);
    const ctx = this.contexts.of(subscriber);
    const profile = ctx.profile;
    const curve = this.intensity.zone(subscriber.billing.timezone);
    const windowMs = this.intensity.windowMs;
    const events: TimedEvent[] = [];
    const currency = subscriber.billing.currency;
    let n = 0;
    const push = (offsetMs: number, type: EventType, payload: unknown) => {
      const ms = this.fromMs + offsetMs;
      const event = {
        id: `evt-${padDigits(index, 8)}-${padDigits(n, 2)}`,
        at: isoFromEpochMs(ms),
        subscriberId: subscriber.id,
        idempotencyKey: `idem-${this.options.seed}-${padDigits(index, 8)}-${padDigits(n, 2)}`,
        source: this.profile.sources[type],
        type,
        payload,
      } as ProvisioningEvent;
      n++;
      events.push({ ms, event });
    };

    const activationAt = this.intensity.offsetAt(
      curve,
      rng.next() * this.intensity.shareBefore(curve, windowMs / 4),
    );
    push(activationAt, "activation", {
      msisdn: subscriber.msisdn,
      imsi: subscriber.imsi,
      iccid: subscriber.iccid,
      planId: subscriber.planId,
      paymentType: subscriber.paymentType,
      currency,
      initialBalanceMinor: Math.max(0, subscriber.billing.balanceMinor),
      anchorDay: subscriber.billing.anchorDay,
      timezone: subscriber.billing.timezone,
    });

    const count = Math.min(MAX_FOLLOW_ONS, poisson(rng, this.mean));
    const startShare = this.intensity.shareBefore(curve, activationAt + 1);
    const shares: number[] = [];
    for (let k = 0; k < count; k++) shares.push(startShare + rng.next() * (1 - startShare));
    shares.sort((a, b) => a - b);

    const plans = this.options.catalog ?? profile.catalog;
    let state: LineState = "active";
    let planId = subscriber.planId;
    let last = activationAt;
    let simSwaps = 0;
    let portedIn = false;
    for (const share of shares) {
      const at = Math.max(last + 1, this.intensity.offsetAt(curve, share));
      if (at >= windowMs || state === "closed") break;
      const bin = Math.floor(at / HOUR_MS);
      const table = this.table(
        state,
        subscriber.paymentType,
        curve.monthStart[bin] === 1,
        this.intensity.campaign[bin] === 1,
      );
      if (!table) break;
      const type = table.pick(rng);
      last = at;
      switch (type) {
        case "top_up":
          push(at, type, {
            amountMinor:
              rng.next() < this.profile.oddTopUpShare
                ? rng.int(101, 4999)
                : rng.pick(profile.topUpAmountsMinor),
            currency,
          });
          break;
        case "plan_change": {
          const options = plans.filter((p) => p.paymentType === subscriber.paymentType && p.id !== planId);
          if (options.length === 0) break;
          planId = rng.pick(options).id;
          push(at, type, { planId });
          break;
        }
        case "addon_purchase": {
          const addOn = rng.pick(profile.addOns);
          push(at, type, { addonId: addOn.id, priceMinor: addOn.priceMinor, currency });
          break;
        }
        case "kyc_update": {
          const names = profile.names;
          const address = `${rng.int(1, 240)} ${rng.pick(names.streets)}, ${rng.pick(names.cities)} ${names.postcode(rng.int(0, 1e7))}`;
          push(at, type, { address });
          break;
        }
        case "sim_swap":
          if (simSwaps >= MAX_SIM_SWAPS) break;
          push(at, type, {
            iccid: ctx.iccid(1e12 - 1 - (index * MAX_SIM_SWAPS + simSwaps)),
            imsi: ctx.imsi(ctx.imsiRange - 1 - (index * MAX_SIM_SWAPS + simSwaps)),
          });
          simSwaps++;
          break;
        case "port_in":
          if (portedIn) break;
          portedIn = true;
          push(at, type, { msisdn: ctx.msisdn(ctx.msisdnRange - 1 - index), donor: ctx.donors.pick(rng) });
          break;
        case "suspension":
          state = "suspended";
          push(at, type, { reason: rng.pick(this.profile.suspensionReasons) });
          break;
        case "resumption":
          state = "active";
          push(at, type, {});
          break;
        case "termination":
          state = "closed";
          push(at, type, { reason: rng.pick(this.profile.terminationReasons) });
          break;
        case "port_out":
          state = "closed";
          push(at, type, { recipient: rng.pick(profile.porting.recipients) });
          break;
        case "activation":
          break;
      }
    }
    if (!this.options.irregularities) return { events, truth: [] };
    return applyIrregularities(this.seed, this.options.irregularities, index, events);
  }

  /** The follow-on table for a state and moment, restricted to the allowed types; null if empty. */
  private table(
    state: Exclude<LineState, "closed">,
    paymentType: Subscriber["paymentType"],
    monthStart: boolean,
    campaign: boolean,
  ): WeightedTable<EventType> | null {
    const key =
      (state === "active" ? 0 : 8) +
      (paymentType === "prepaid" ? 0 : 4) +
      (monthStart ? 2 : 0) +
      (campaign ? 1 : 0);
    let table = this.tables[key];
    if (table === undefined) {
      const p = this.profile;
      const entries = p.transitions[state]
        .filter(([type]) => this.allowed.has(type))
        .map(([type, w]) => {
          let weight = w;
          if (type === "top_up" && paymentType === "postpaid") weight *= p.postpaidTopUpFactor;
          if (type === "top_up" && monthStart) weight *= p.monthStart.topUpFactor;
          if ((type === "addon_purchase" || type === "plan_change") && campaign)
            weight *= p.campaigns.offerFactor;
          return [type, weight] as const;
        })
        .filter(([, w]) => w > 0);
      table = entries.length > 0 ? new WeightedTable(entries) : null;
      this.tables[key] = table;
    }
    return table;
  }
}

/** Orders timed events by delivery instant, then id: one byte-identical order for equal instants. */
export function compareTimed(a: TimedEvent, b: TimedEvent): number {
  return a.ms - b.ms || (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0);
}
