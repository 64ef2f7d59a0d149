/**
 * Open-model replay. Every event has an intended send time (its position in the arrival schedule);
 * sends never wait for unrelated responses, and latency is measured from the intended time, so a
 * stalled destination shows up as latency instead of silently slowing the load (no coordinated
 * omission, as in wrk2). Events of one subscriber are sent strictly in order: each waits for the
 * previous one of that subscriber to complete; that extra wait is measured on its own.
 */
import type { EventType, ProvisioningEvent } from "../../domain/index.ts";
import type { ApplyOutcome, DestinationAdapter, FailureKind } from "../adapters/index.ts";
import {
  createLatencyRecorder,
  type LatencyRecorder,
  type LatencySummary,
} from "../measure/latency-recorder.ts";

export interface ReplayOptions {
  /** Arrival rate in events per second: event k is intended at start + k / rate. */
  readonly ratePerSec: number;
  /** Maximum requests in flight. */
  readonly concurrency: number;
  readonly signal?: AbortSignal;
  /** Called after each completed event (progress bars, journal). */
  readonly onEvent?: (done: number, total: number) => void;
  /** Monotonic clock in ms (injected for tests); defaults to performance.now. */
  readonly now?: () => number;
}

export interface OperationStats {
  readonly sent: number;
  readonly ok: number;
  readonly failures: Partial<Record<FailureKind, number>>;
  /** Up to three examples per failure kind: event id and message. */
  readonly examples: ReadonlyArray<{
    readonly eventId: string;
    readonly kind: FailureKind;
    readonly message: string;
  }>;
  /** From intended send time to response: what a subscriber would have felt. */
  readonly latency: LatencySummary;
  /** From actual send to response: what the destination spent. */
  readonly serviceTime: LatencySummary;
}

export interface ReplayResult {
  readonly total: number;
  readonly completed: number;
  readonly aborted: boolean;
  readonly durationMs: number;
  readonly achievedRatePerSec: number;
  readonly operations: Partial<Record<EventType, OperationStats>>;
  /** Latency from intended send time over all operations. */
  readonly latency: LatencySummary;
  /** Lateness of actual sends behind their intended time, caused by the harness itself. */
  readonly scheduleLag: LatencySummary;
  /** Waits caused by per-subscriber ordering (previous event of the same subscriber in flight). */
  readonly orderingWait: LatencySummary;
  /** Legacy subscriber id → destination id, learned from activations. */
  readonly identities: ReadonlyMap<string, string>;
  /** Event outcomes by event id (the shadow model reads what the destination accepted). */
  readonly outcomes: ReadonlyMap<string, ApplyOutcome>;
}

interface OpState {
  sent: number;
  ok: number;
  failures: Partial<Record<FailureKind, number>>;
  examples: Array<{ eventId: string; kind: FailureKind; message: string }>;
  latency: LatencyRecorder;
  service: LatencyRecorder;
}

/** Replays `events` (already in intended order) against a destination. */
export async function replayEvents(
  events: readonly ProvisioningEvent[],
  adapter: DestinationAdapter,
  options: ReplayOptions,
): Promise<ReplayResult> {
  const now = options.now ?? (() => performance.now());
  const intervalMs = 1000 / options.ratePerSec;
  const ops = new Map<EventType, OpState>();
  const scheduleLag = createLatencyRecorder();
  const overall = createLatencyRecorder();
  const orderingWait = createLatencyRecorder();
  const identities = new Map<string, string>();
  const outcomes = new Map<string, ApplyOutcome>();
  /** Completion of the latest event of each subscriber: the next one chains on it. */
  const tails = new Map<string, Promise<void>>();
  let inFlight = 0;
  let completed = 0;
  let slotWaiters: Array<() => void> = [];

  const opFor = (type: EventType): OpState => {
    let op = ops.get(type);
    if (!op) {
      op = {
        sent: 0,
        ok: 0,
        failures: {},
        examples: [],
        latency: createLatencyRecorder(),
        service: createLatencyRecorder(),
      };
      ops.set(type, op);
    }
    return op;
  };

  const acquireSlot = async () => {
    while (inFlight >= options.concurrency) await new Promise<void>((resolve) => slotWaiters.push(resolve));
    inFlight++;
  };
  const releaseSlot = () => {
    inFlight--;
    const waiters = slotWaiters;
    slotWaiters = [];
    for (const wake of waiters) wake();
  };

  const send = async (event: ProvisioningEvent, intendedMs: number, previous: Promise<void> | undefined) => {
    if (previous) {
      const before = now();
      await previous;
      orderingWait.record(Math.max(0, now() - before));
    }
    if (options.signal?.aborted) return;
    await acquireSlot();
    const op = opFor(event.type);
    const sentAt = now();
    scheduleLag.record(Math.max(0, sentAt - intendedMs));
    op.sent++;
    let outcome: ApplyOutcome;
    try {
      outcome = await adapter.apply(event, identities.get(event.subscriberId), options.signal);
    } finally {
      releaseSlot();
    }
    const doneAt = now();
    op.latency.record(doneAt - intendedMs);
    overall.record(doneAt - intendedMs);
    op.service.record(doneAt - sentAt);
    outcomes.set(event.id, outcome);
    if (outcome.failure) {
      op.failures[outcome.failure.kind] = (op.failures[outcome.failure.kind] ?? 0) + 1;
      if (op.examples.filter((e) => e.kind === outcome.failure?.kind).length < 3) {
        op.examples.push({ eventId: event.id, kind: outcome.failure.kind, message: outcome.failure.message });
      }
    } else {
      op.ok++;
      if (event.type === "activation" && outcome.destinationId)
        identities.set(event.subscriberId, outcome.destinationId);
    }
    completed++;
    options.onEvent?.(completed, events.length);
  };

  const start = now();
  const pending: Promise<void>[] = [];
  for (let k = 0; k < events.length; k++) {
    if (options.signal?.aborted) break;
    const event = events[k] as ProvisioningEvent;
    const intendedMs = start + k * intervalMs;
    const wait = intendedMs - now();
    // Never early: an event sent before its intended time would hide latency.
    if (wait > 0) await sleep(wait);
    const previous = tails.get(event.subscriberId);
    const task = send(event, intendedMs, previous).catch(() => undefined);
    tails.set(event.subscriberId, task);
    pending.push(task);
  }
  await Promise.all(pending);
  const durationMs = now() - start;

  const operations: Partial<Record<EventType, OperationStats>> = {};
  for (const [type, op] of [...ops.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    operations[type] = {
      sent: op.sent,
      ok: op.ok,
      failures: op.failures,
      examples: op.examples,
      latency: op.latency.summary(),
      serviceTime: op.service.summary(),
    };
  }
  return {
    total: events.length,
    completed,
    aborted: options.signal?.aborted ?? false,
    durationMs,
    achievedRatePerSec: durationMs > 0 ? (completed * 1000) / durationMs : 0,
    operations,
    latency: overall.summary(),
    scheduleLag: scheduleLag.summary(),
    orderingWait: orderingWait.summary(),
    identities,
    outcomes,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
