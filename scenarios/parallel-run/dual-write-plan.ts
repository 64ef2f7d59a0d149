/**
 * The dual-write plan of a parallel run, computed without a destination: the provisioning events of
 * the period (the suite's population's generated traffic, activations aside: those lines already
 * exist), the irregularities a real sync layer meets mixed in — a second plan change seconds after
 * the first that overtakes it on the way to the destination, two channels changing the plan at the
 * same instant (a write conflict) — and, per event, when each side receives it: the legacy BSS
 * within a fraction of a second, the destination after a log-normal skew. Failures of either side
 * are drawn while the sync layer runs (sync-layer.ts), from the same seeded stream.
 */
import { Temporal } from "temporal-polyfill";
import type { Plan, ProvisioningEvent, RandomStream, Subscriber } from "../../domain/index.ts";
import { generateTraffic } from "../../generators/index.ts";

export interface DualWriteOptions {
  readonly startMs: number;
  readonly periodDays: number;
  readonly eventsPerSubscriber: number;
  readonly legacyLatencyMedianMs: number;
  readonly destinationSkewMedianMs: number;
  readonly destinationSkewSigma: number;
  /** Share of plan changes followed within seconds by a second one that reaches the destination first. */
  readonly reorderShare: number;
  /** Share of plan changes met by another channel's plan change at the same instant. */
  readonly conflictShare: number;
  /** Prefix of the suite's idempotency keys. */
  readonly keyPrefix: string;
}

/** One planned event: source order, business instant, and when each side receives it first. */
export interface PlannedWrite {
  readonly seq: number;
  readonly event: ProvisioningEvent;
  readonly atMs: number;
  readonly legacyAtMs: number;
  readonly destinationAtMs: number;
  /** Why this write reaches the destination out of its source order, if it was planned so. */
  readonly irregularity: "reordered" | "conflict" | null;
}

export interface DualWritePlan {
  readonly writes: readonly PlannedWrite[];
  readonly reordered: number;
  readonly conflicts: number;
}

/** Types of the parallel-run traffic: porting completes on the clearinghouse's window (cutover.mnp checks it). */
const TYPES = [
  "plan_change",
  "top_up",
  "suspension",
  "resumption",
  "termination",
  "sim_swap",
  "addon_purchase",
  "kyc_update",
] as const;

const MAX_SKEW_MS = 15 * 60_000;

/** Plans the period's dual writes for `population` (pure: seed, options and catalog decide it). */
export function planDualWrites(
  seed: number,
  population: readonly Subscriber[],
  catalog: readonly Plan[],
  options: DualWriteOptions,
  stream: RandomStream,
  /** The operator's own catalog, when the world has one (else each country's plans). */
  catalogOverride?: readonly Plan[],
): DualWritePlan {
  const generated = generateTraffic(
    {
      seed,
      from: Temporal.Instant.fromEpochMilliseconds(options.startMs),
      durationSec: options.periodDays * 86_400,
      eventsPerSubscriber: options.eventsPerSubscriber,
      types: TYPES,
      ...(catalogOverride ? { catalog: catalogOverride } : {}),
    },
    population,
  ).filter((e) => e.type !== "activation");
  const rekeyed = generated.map((e) => ({ ...e, idempotencyKey: `${options.keyPrefix}${e.idempotencyKey}` }));
  const bySubscriber = new Map(population.map((s) => [s.id, s]));
  const nextAt = nextEventInstants(rekeyed);
  const base: Array<{
    event: ProvisioningEvent;
    atMs: number;
    irregularity: PlannedWrite["irregularity"];
    before?: number;
  }> = [];
  let reordered = 0;
  let conflicts = 0;
  for (const [i, event] of rekeyed.entries()) {
    const atMs = Date.parse(event.at);
    base.push({ event, atMs, irregularity: null });
    if (event.type !== "plan_change") continue;
    const rng = stream.record(1_000_000 + i);
    const subscriber = bySubscriber.get(event.subscriberId);
    const gapMs = (nextAt.get(event.id) ?? Number.POSITIVE_INFINITY) - atMs;
    if (!subscriber || gapMs < 20_000) continue;
    const others = catalog.filter(
      (p) =>
        p.paymentType === subscriber.paymentType &&
        p.currency === subscriber.billing.currency &&
        p.id !== event.payload.planId,
    );
    if (others.length === 0) continue;
    const roll = rng.next();
    const planId = rng.pick(others).id;
    if (roll < options.reorderShare) {
      // The customer changes their mind seconds later; the second change overtakes the first.
      const laterMs = atMs + Math.min(gapMs / 2, 5000 + Math.floor(rng.next() * 55_000));
      base.push({
        event: {
          ...event,
          id: `${event.id}-again`,
          at: Temporal.Instant.fromEpochMilliseconds(laterMs).toString(),
          idempotencyKey: `${event.idempotencyKey}-again`,
          source: "self-care",
          payload: { planId },
        },
        atMs: laterMs,
        irregularity: null,
        before: base.length - 1,
      });
      (base[base.length - 2] as { irregularity: PlannedWrite["irregularity"] }).irregularity = "reordered";
      reordered += 1;
    } else if (roll < options.reorderShare + options.conflictShare) {
      // Another channel changes the plan at the same instant: legacy applies it second (it wins).
      base.push({
        event: {
          ...event,
          id: `${event.id}-conflict`,
          idempotencyKey: `${event.idempotencyKey}-conflict`,
          source: "retail",
          payload: { planId },
        },
        atMs,
        irregularity: null,
        before: base.length - 1,
      });
      (base[base.length - 2] as { irregularity: PlannedWrite["irregularity"] }).irregularity = "conflict";
      conflicts += 1;
    }
  }
  // Source order: business instant, then the order written (a conflict's partner after the first).
  const order = base.map((b, i) => ({ b, i })).sort((x, y) => x.b.atMs - y.b.atMs || x.i - y.i);
  const seqOf = new Map(order.map((o, seq) => [o.i, seq]));
  const destinationAt = new Map<number, number>();
  const legacyAt = new Map<number, number>();
  // Legacy is the system of record: it receives each subscriber's writes in source order.
  const lastLegacy = new Map<string, number>();
  for (const { b, i } of order) {
    const rng = stream.record(i);
    const own = b.atMs + Math.round(rng.logNormal(options.legacyLatencyMedianMs, 0.5));
    const at = Math.max(own, (lastLegacy.get(b.event.subscriberId) ?? Number.NEGATIVE_INFINITY) + 1);
    lastLegacy.set(b.event.subscriberId, at);
    legacyAt.set(i, at);
    destinationAt.set(
      i,
      b.atMs +
        Math.min(
          MAX_SKEW_MS,
          Math.round(rng.logNormal(options.destinationSkewMedianMs, options.destinationSkewSigma)),
        ),
    );
  }
  // A planned overtake: the first write reaches the destination 1–5 s after its partner.
  for (const [i, b] of base.entries()) {
    if (b.before === undefined) continue;
    const rng = stream.record(2_000_000 + i);
    destinationAt.set(b.before, (destinationAt.get(i) as number) + 1000 + Math.floor(rng.next() * 4000));
  }
  const writes = order.map(({ b, i }) => ({
    seq: seqOf.get(i) as number,
    event: b.event,
    atMs: b.atMs,
    legacyAtMs: legacyAt.get(i) as number,
    destinationAtMs: destinationAt.get(i) as number,
    irregularity: b.irregularity,
  }));
  return { writes, reordered, conflicts };
}

/** For each event, the business instant of its subscriber's next event. */
function nextEventInstants(events: readonly ProvisioningEvent[]): Map<string, number> {
  const last = new Map<string, string>();
  const out = new Map<string, number>();
  for (const e of events) {
    const previous = last.get(e.subscriberId);
    if (previous) out.set(previous, Date.parse(e.at));
    last.set(e.subscriberId, e.id);
  }
  return out;
}
