/**
 * The irregularities of real provisioning feeds, injected on purpose and recorded in the truth
 * file: duplicate deliveries and client retries (same idempotency key), out-of-order delivery within
 * a window, late arrivals, and per-source clock skew. An irregular delivery keeps the source's own
 * timestamp in `occurredAt`; `at` is when it reaches the BSS, and the file is ordered by `at`.
 */
import {
  createStream,
  hashString,
  type ProvisioningEvent,
  type RandomStream,
  type Seed,
  toSeed,
} from "../domain/index.ts";
import type { TruthRecord } from "./defects.ts";
import { epochMsFromIso, isoFromEpochMs } from "./iso-time.ts";
import { parseRateSpec } from "./rate-spec.ts";
import type { TimedEvent } from "./traffic-generator.ts";

export interface IrregularityOptions {
  /** Share of events delivered twice (same id key, within 2 s). */
  readonly duplicateRate?: number;
  /** Share of events retried by the client 1–3 times with back-off. */
  readonly retryRate?: number;
  /** Share of events delivered after the subscriber's next event, when it is within the window. */
  readonly outOfOrderRate?: number;
  readonly outOfOrderWindowSec?: number;
  /** Share of events delivered late, by a delay in [min, max] seconds. */
  readonly lateRate?: number;
  readonly lateDelaySec?: readonly [number, number];
  /** Largest clock offset of a source system, ± ms; each source draws its own. */
  readonly maxClockSkewMs?: number;
}

/** Typical feed irregularities (`--irregularities default`): order of magnitude from replay captures. */
export const DEFAULT_IRREGULARITIES: IrregularityOptions = {
  duplicateRate: 0.002,
  retryRate: 0.005,
  outOfOrderRate: 0.01,
  outOfOrderWindowSec: 30,
  lateRate: 0.002,
  lateDelaySec: [300, 6 * 3600],
  maxClockSkewMs: 3000,
};

/** The clock offset of `source` under `seed` (a pure function, so every event of it agrees). */
export function sourceSkewMs(seed: Seed, source: string, maxSkewMs: number): number {
  if (maxSkewMs <= 0) return 0;
  const rng = createStream(seed, "traffic-skew").record(hashString(source));
  return Math.round((rng.next() * 2 - 1) * maxSkewMs);
}

/**
 * Applies irregularities to one subscriber's causal chain; returns deliveries and truth lines.
 * Draws come from record `index` of `stream` (the generator's "traffic-irregular" by default).
 */
export function applyIrregularities(
  seed: Seed,
  options: IrregularityOptions,
  index: number,
  chain: readonly TimedEvent[],
  stream: RandomStream = createStream(seed, "traffic-irregular"),
): { events: TimedEvent[]; truth: TruthRecord[] } {
  const rng = stream.record(index);
  const out: TimedEvent[] = [];
  const truth: TruthRecord[] = [];
  const mark = (id: string, kind: string, detail: string) =>
    truth.push({ stream: "traffic", record: index, id, kind, detail });
  const windowMs = (options.outOfOrderWindowSec ?? 30) * 1000;
  const [lateMin, lateMax] = options.lateDelaySec ?? [300, 6 * 3600];
  for (let k = 0; k < chain.length; k++) {
    const { ms, event } = chain[k] as TimedEvent;
    const skew = sourceSkewMs(seed, event.source, options.maxClockSkewMs ?? 0);
    let delivered = ms;
    const next = chain[k + 1];
    // An activation is never held back: nothing can address a subscriber that does not exist yet.
    const movable = event.type !== "activation";
    if (rng.next() < (options.outOfOrderRate ?? 0) && movable && next && next.ms - ms <= windowMs) {
      delivered = next.ms + rng.int(1, Math.max(1, Math.floor(windowMs / 2)));
      mark(event.id, "out_of_order", `delivered after ${next.event.id}`);
    } else if (rng.next() < (options.lateRate ?? 0) && movable) {
      delivered = ms + rng.int(lateMin, lateMax) * 1000;
      mark(event.id, "late", `delivered ${Math.round((delivered - ms) / 1000)} s after it occurred`);
    }
    const occurredAt = skew !== 0 || delivered !== ms ? isoFromEpochMs(ms + skew) : undefined;
    const deliver = (id: string, at: number) =>
      out.push({
        ms: at,
        // An undisturbed delivery stays the very event it was (its `at` text included).
        event:
          id === event.id && at === ms && !occurredAt
            ? event
            : { ...event, id, at: isoFromEpochMs(at), ...(occurredAt ? { occurredAt } : {}) },
      });
    deliver(event.id, delivered);
    if (rng.next() < (options.duplicateRate ?? 0)) {
      const id = `${event.id}~dup`;
      deliver(id, delivered + rng.int(1, 2000));
      mark(id, "duplicate", `same idempotency key as ${event.id}`);
    }
    if (rng.next() < (options.retryRate ?? 0)) {
      const attempts = rng.int(1, 3);
      let at = delivered;
      for (let a = 1; a <= attempts; a++) {
        at += 1000 * 2 ** a + rng.int(0, 500);
        const id = `${event.id}~retry${a}`;
        deliver(id, at);
        mark(id, "retry", `attempt ${a + 1} of ${event.id}, same idempotency key`);
      }
    }
  }
  return { events: out, truth };
}

/** The truth lines describing each source's clock skew (one per source, not per event). */
export function skewTruth(seed: Seed, sources: readonly string[], maxSkewMs: number): TruthRecord[] {
  return sources
    .map((source) => ({ source, skew: sourceSkewMs(seed, source, maxSkewMs) }))
    .filter((s) => s.skew !== 0)
    .map((s) => ({
      stream: "traffic",
      record: -1,
      id: s.source,
      kind: "clock_skew",
      detail: `${s.skew} ms`,
    }));
}

const IRREGULARITY_KEYS: Readonly<Record<string, keyof IrregularityOptions>> = {
  duplicate: "duplicateRate",
  retry: "retryRate",
  "out-of-order": "outOfOrderRate",
  "out-of-order-window-sec": "outOfOrderWindowSec",
  late: "lateRate",
  "max-skew-ms": "maxClockSkewMs",
};

/** Parses `none`, `default` or `duplicate=0.01,retry=0.005,out-of-order=0.01,late=0.002,max-skew-ms=3000`. */
export function parseIrregularities(spec: string): IrregularityOptions | undefined {
  return parseRateSpec<IrregularityOptions>(spec, {
    what: "irregularity",
    keys: IRREGULARITY_KEYS,
    presets: { default: DEFAULT_IRREGULARITIES },
    isRate: (key) => key.endsWith("Rate"),
  });
}

/** How many of each irregularity an injection added. */
export interface InjectSummary {
  readonly duplicates: number;
  readonly retries: number;
  readonly outOfOrder: number;
  readonly late: number;
}

/**
 * The same irregularities added to a given list of events (a capture, or traffic generated without
 * them): each subscriber's events, in their order, are one causal chain; the result is ordered by
 * delivery time, ties by original position. Draws come from `stream` (record i for the i-th
 * subscriber), so the same stream gives the same disturbed traffic. Pure.
 */
export function injectIrregularities(
  events: readonly ProvisioningEvent[],
  seed: number,
  options: IrregularityOptions,
  stream: RandomStream = createStream(seed, "inject"),
): { events: ProvisioningEvent[]; summary: InjectSummary } {
  const chains = new Map<string, Array<{ ms: number; event: ProvisioningEvent; position: number }>>();
  events.forEach((event, position) => {
    const chain = chains.get(event.subscriberId) ?? [];
    chain.push({ ms: epochMsFromIso(event.at), event, position });
    chains.set(event.subscriberId, chain);
  });
  const counts = { duplicate: 0, retry: 0, out_of_order: 0, late: 0 };
  const delivered: Array<{ ms: number; position: number; order: number; event: ProvisioningEvent }> = [];
  const positionOf = new Map(events.map((e, i) => [e.id, i]));
  let index = 0;
  let order = 0;
  for (const chain of chains.values()) {
    const result = applyIrregularities(toSeed(seed), options, index++, chain, stream);
    for (const line of result.truth) {
      if (line.kind in counts) counts[line.kind as keyof typeof counts]++;
    }
    for (const t of result.events) {
      const original = positionOf.get(t.event.id.split("~")[0] as string) ?? 0;
      delivered.push({ ms: t.ms, position: original, order: order++, event: t.event });
    }
  }
  delivered.sort((a, b) => a.ms - b.ms || a.position - b.position || a.order - b.order);
  return {
    events: delivered.map((d) => d.event),
    summary: {
      duplicates: counts.duplicate,
      retries: counts.retry,
      outOfOrder: counts.out_of_order,
      late: counts.late,
    },
  };
}
