/**
 * Capacity search: steps the arrival rate of one operation at a time and finds the knee — the
 * highest rate at which the SLO gates still pass — with the whole curve (achieved rate and
 * latency percentiles from intended send time per step). Each step is an open-model replay of
 * fresh events at a constant rate, so a saturated destination shows as latency and errors instead
 * of a silently lower rate. The planner reads the knee.
 */
import type { Temporal } from "temporal-polyfill";
import {
  DEFAULT_CATALOG,
  type EventType,
  type ProvisioningEvent,
  type Subscriber,
  TrancheError,
} from "../../domain/index.ts";
import { generateSubscriber, generateSubscriberTraffic } from "../../generators/index.ts";
import type { ProvisioningCapability } from "../adapters/index.ts";
import { evaluateGate, type GateSpec, gateExpressionOf } from "../gates/gate.ts";
import { asStatGate } from "../gates/stat-gate.ts";
import { replayMetrics } from "../measure/replay-metrics.ts";
import { constantSchedule } from "./arrival-schedule.ts";
import { replayEvents } from "./open-model-replay.ts";

/** Operations capacity can step: each needs events that stay valid however many are sent. */
export const CAPACITY_OPERATIONS = ["activation", "top_up", "plan_change"] as const;
export type CapacityOperation = (typeof CAPACITY_OPERATIONS)[number];

export interface CapacityOptions {
  readonly adapter: ProvisioningCapability;
  readonly operations: readonly CapacityOperation[];
  /** Arrival rates to try, ascending. */
  readonly ratesPerSec: readonly number[];
  readonly stepSec: number;
  /** SLO gates; gates over scenario measurements are ignored (a probe has no shadow check). */
  readonly gates: readonly GateSpec[];
  readonly concurrency: number;
  readonly seed: number;
  readonly refDate: Temporal.Instant;
  /** Subscribers activated up front for top-ups and plan changes (default 500). */
  readonly poolSize?: number;
  /** Stop an operation after this many failing steps in a row (default 2). */
  readonly stopAfterFailures?: number;
  readonly signal?: AbortSignal;
  readonly onStep?: (point: CapacityPoint) => void;
}

export interface CapacityPoint {
  readonly operation: CapacityOperation;
  readonly ratePerSec: number;
  readonly achievedRatePerSec: number;
  readonly sent: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly errorRatePct: number;
  readonly late: number;
  readonly passed: boolean;
  /** Gates that failed at this step, as `id: measured vs required`. */
  readonly failedGates: readonly string[];
}

export interface CapacityCurve {
  readonly operation: CapacityOperation;
  /** Highest stepped rate that met every SLO gate (and all lower ones did), or null. */
  readonly kneeRatePerSec: number | null;
  readonly points: readonly CapacityPoint[];
}

/** Runs the search for every operation in turn. */
export async function searchCapacity(options: CapacityOptions): Promise<CapacityCurve[]> {
  const gates = options.gates.map(asStatGate).filter((g) => gateExpressionOf(g)?.target.kind === "stat");
  if (gates.length === 0) {
    throw new TrancheError(
      "E_CONFIG",
      "capacity needs at least one SLO gate over run statistics (e.g. `p(99) < 800ms`).",
      "Add expression gates to the profile or config (docs/gates.md).",
    );
  }
  const factory = createEventFactory(options.seed, options.refDate);
  const needsPool = options.operations.some((op) => op !== "activation");
  const { subscribers: pool, identities } = needsPool
    ? await activatePool(options, factory)
    : { subscribers: [], identities: new Map<string, string>() };
  const curves: CapacityCurve[] = [];
  for (const operation of options.operations) {
    const points: CapacityPoint[] = [];
    let failuresInRow = 0;
    let knee: number | null = null;
    for (const ratePerSec of options.ratesPerSec) {
      if (options.signal?.aborted) break;
      const count = Math.max(1, Math.round(ratePerSec * options.stepSec));
      const events = factory.events(operation, count, pool);
      const replay = await replayEvents(events, options.adapter, {
        schedule: constantSchedule(count, ratePerSec),
        concurrency: options.concurrency,
        identities,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const metrics = replayMetrics({ collector: replay.collector, elapsedMs: replay.durationMs });
      const results = gates
        .filter((g) => g.operation === undefined || g.operation === operation)
        .map((g) => evaluateGate(g, new Map(), metrics));
      const failed = results.filter((r) => r.status === "failed");
      const errors = metrics.value({ stat: "rate", arg: "errors" }) ?? 0;
      const point: CapacityPoint = {
        operation,
        ratePerSec,
        achievedRatePerSec: Math.round(replay.achievedRatePerSec * 10) / 10,
        sent: replay.sent,
        p50Ms: replay.latency.p50Ms,
        p95Ms: replay.latency.p95Ms,
        p99Ms: replay.latency.p99Ms,
        errorRatePct: Math.round(errors * 100_000) / 1000,
        late: replay.late,
        passed: failed.length === 0 && !replay.aborted,
        failedGates: failed.map((r) => `${r.id}: ${r.measurement} = ${r.value ?? "n/a"} vs ${r.expression}`),
      };
      points.push(point);
      options.onStep?.(point);
      if (point.passed && failuresInRow === 0) knee = ratePerSec;
      failuresInRow = point.passed ? 0 : failuresInRow + 1;
      if (failuresInRow >= (options.stopAfterFailures ?? 2)) break;
    }
    curves.push({ operation, kneeRatePerSec: knee, points });
  }
  return curves;
}

interface EventFactory {
  /** The activation event of a subscriber, as the traffic generator writes it. */
  activationOf(subscriber: Subscriber): ProvisioningEvent;
  /** Fresh subscribers (never used before in this search). */
  subscribers(count: number): Subscriber[];
  /** `count` events of `operation`; top-ups and plan changes go round-robin over `pool`. */
  events(operation: CapacityOperation, count: number, pool: readonly Subscriber[]): ProvisioningEvent[];
}

function createEventFactory(seed: number, refDate: Temporal.Instant): EventFactory {
  let nextIndex = 0;
  let sequence = 0;
  const indexOf = new Map<string, number>();
  const activationOf = (subscriber: Subscriber) =>
    generateSubscriberTraffic(
      { seed, from: refDate, durationSec: 1 },
      subscriber,
      indexOf.get(subscriber.id) ?? 0,
    )[0] as ProvisioningEvent;
  const subscribers = (count: number) => {
    const out: Subscriber[] = [];
    for (let i = 0; i < count; i++) {
      const index = nextIndex++;
      const subscriber = generateSubscriber({ seed, refDate, count: 1 }, index);
      indexOf.set(subscriber.id, index);
      out.push(subscriber);
    }
    return out;
  };
  return {
    activationOf,
    subscribers,
    events(operation, count, pool) {
      if (operation === "activation") {
        return subscribers(count).map((s) => ({ ...activationOf(s), id: `cap-${sequence++}` }));
      }
      const out: ProvisioningEvent[] = [];
      for (let i = 0; i < count; i++) {
        const subscriber = pool[i % pool.length] as Subscriber;
        const n = sequence++;
        const common = {
          id: `cap-${n}`,
          at: refDate.add({ milliseconds: n }).toString(),
          subscriberId: subscriber.id,
          idempotencyKey: `cap-${seed}-${n}`,
          source: "tranche-capacity",
        };
        if (operation === "top_up") {
          out.push({
            ...common,
            type: "top_up",
            payload: { amountMinor: 500, currency: subscriber.billing.currency },
          });
        } else {
          const plans = DEFAULT_CATALOG.filter((p) => p.paymentType === subscriber.paymentType);
          const plan = plans[(n + 1) % plans.length] ?? plans[0];
          out.push({ ...common, type: "plan_change", payload: { planId: plan?.id ?? subscriber.planId } });
        }
      }
      return out;
    },
  };
}

async function activatePool(
  options: CapacityOptions,
  factory: EventFactory,
): Promise<{ subscribers: Subscriber[]; identities: ReadonlyMap<string, string> }> {
  const subscribers = factory.subscribers(options.poolSize ?? 500);
  const events = subscribers.map((s, i) => ({ ...factory.activationOf(s), id: `cap-pool-${i}` }));
  const replay = await replayEvents(events, options.adapter, {
    ratePerSec: 1e6,
    concurrency: options.concurrency,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const ok = Object.values(replay.operations).reduce((a, op) => a + (op?.ok ?? 0), 0);
  if (ok < subscribers.length * 0.9) {
    throw new TrancheError(
      "E_TARGET",
      `activating the capacity pool failed for ${subscribers.length - ok} of ${subscribers.length} subscribers.`,
      "The destination must accept activations before top-ups and plan changes can be probed.",
    );
  }
  // Only subscribers the destination accepted: the others would turn every later event into a 404.
  return {
    subscribers: subscribers.filter((s) => replay.identities.has(s.id)),
    identities: replay.identities,
  };
}

/** The event types capacity can probe, for help and errors. */
export function isCapacityOperation(value: string): value is CapacityOperation {
  return (CAPACITY_OPERATIONS as readonly string[]).includes(value as EventType);
}
