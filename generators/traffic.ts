/**
 * In-memory traffic: the compatibility API the harness calls. For files of millions of events use
 * writeTraffic (traffic-writer.ts), which streams through an external sort instead.
 */
import { type ProvisioningEvent, type Subscriber, toSeed } from "../domain/index.ts";
import type { TruthRecord } from "./defects.ts";
import { epochMsFromIso } from "./iso-time.ts";
import { compareTimed, type TimedEvent, TrafficGenerator, type TrafficOptions } from "./traffic-generator.ts";
import { skewTruth } from "./traffic-irregularities.ts";
import { DEFAULT_TRAFFIC_PROFILE } from "./traffic-profile.ts";

const prepared = new WeakMap<TrafficOptions, TrafficGenerator>();

/** The events of one subscriber, in causal order (plus irregular deliveries when configured). */
export function generateSubscriberTraffic(
  options: TrafficOptions,
  subscriber: Subscriber,
  index: number,
): ProvisioningEvent[] {
  let generator = prepared.get(options);
  if (!generator) {
    generator = new TrafficGenerator(options);
    prepared.set(options, generator);
  }
  return generator.chain(subscriber, index).events.map((t) => t.event);
}

/** All events of the base over the window with the truth lines of the irregular ones. */
export function generateTrafficWithTruth(
  options: TrafficOptions,
  base: Iterable<Subscriber>,
): { events: ProvisioningEvent[]; truth: TruthRecord[] } {
  const lines = [...base];
  const generator = new TrafficGenerator(withPeakRate(options, lines));
  const timed: TimedEvent[] = [];
  const truth: TruthRecord[] = [];
  let index = 0;
  for (const subscriber of lines) {
    const chain = generator.chain(subscriber, index++);
    for (const t of chain.events) timed.push(t);
    for (const line of chain.truth) truth.push(line);
  }
  timed.sort(compareTimed);
  const skew = options.irregularities?.maxClockSkewMs ?? 0;
  const sources = [...new Set(Object.values(options.profile?.sources ?? DEFAULT_TRAFFIC_PROFILE.sources))];
  return {
    events: timed.map((t) => t.event),
    truth: [...truth, ...skewTruth(toSeed(options.seed), sources, skew)],
  };
}

/** Options with eventsPerSubscriber derived from peakEventsPerSec and the lines' time zones. */
export function withPeakRate(options: TrafficOptions, lines: Iterable<Subscriber>): TrafficOptions {
  if (options.peakEventsPerSec === undefined) return options;
  const counts = new Map<string, number>();
  for (const s of lines) counts.set(s.billing.timezone, (counts.get(s.billing.timezone) ?? 0) + 1);
  const density = new TrafficGenerator(options).intensity.peakDensityPerSec(counts);
  const perLine = density > 0 ? options.peakEventsPerSec / density : 1;
  return { ...options, eventsPerSubscriber: Math.max(0, perLine - 1) };
}

/** All events of the base over the window, ordered by delivery time (ties by event id). */
export function generateTraffic(options: TrafficOptions, base: Iterable<Subscriber>): ProvisioningEvent[] {
  return generateTrafficWithTruth(options, base).events;
}

/** Orders events by instant, then id, so equal timestamps still give one byte-identical order. */
export function sortEvents(events: ProvisioningEvent[]): ProvisioningEvent[] {
  const keyed = events.map((e) => ({ event: e, ms: epochMsFromIso(e.at) }));
  keyed.sort(compareTimed);
  return keyed.map((k) => k.event);
}
