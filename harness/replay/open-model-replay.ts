/**
 * Open-model replay. Every event has an intended send time (its place in the arrival schedule);
 * sends never wait for unrelated responses, and latency is measured from the intended time, so a
 * stalled destination shows up as latency instead of silently slowing the load (no coordinated
 * omission, as in wrk2). Events of one subscriber are sent strictly in order: each waits for the
 * previous one of that subscriber to complete; that extra wait is measured on its own.
 *
 * Precision: a timer alone fires late by a millisecond or more, so the scheduler sleeps with
 * setTimeout only until ~2 ms before the next deadline and then polls with setImmediate (which
 * lets I/O run between polls), dispatching every due event per tick. The hot path works on typed
 * arrays and a fixed pool of in-flight slots whose callbacks are bound once: no closure or promise
 * chain is created per event beyond the adapter's own call.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { EventType, ProvisioningEvent } from "../../domain/index.ts";
import type { ApplyOutcome, ProvisioningCapability } from "../adapters/index.ts";
import { createLatencyRecorder, type LatencySummary } from "../measure/latency-recorder.ts";
import {
  createReplayCollector,
  type OperationStats,
  operationStatsOf,
  type ReplayCollector,
  type TimeWindow,
  timeSeriesOf,
  windowOf,
} from "../measure/replay-stats.ts";
import { constantSchedule } from "./arrival-schedule.ts";

/** What a live monitor sees while the replay runs (abortOnFail gates read it). */
export interface LiveReplay {
  readonly elapsedMs: number;
  readonly total: number;
  readonly sent: number;
  readonly completed: number;
  readonly late: number;
  readonly collector: ReplayCollector;
}

export interface ReplayOptions {
  /** Constant arrival rate in events per second (used when no `schedule` is given). */
  readonly ratePerSec?: number;
  /** Intended send offsets in ms from the start, one per event, non-decreasing. */
  readonly schedule?: Float64Array;
  /** Maximum requests in flight. */
  readonly concurrency: number;
  readonly signal?: AbortSignal;
  /** Called after each completed event (progress bars, journal). */
  readonly onEvent?: (done: number, total: number) => void;
  /** Monotonic clock in ms (injected for tests); defaults to performance.now. */
  readonly now?: () => number;
  /** Length of the time-series windows (default 10 s). */
  readonly windowMs?: number;
  /** A send later than this behind its ready time counts as "not sent in time" (default 10 ms). */
  readonly lateThresholdMs?: number;
  /**
   * Within this many ms of the next deadline the scheduler polls with setImmediate instead of
   * sleeping (default 2). 0 sleeps with timers only: ~1 ms coarser, but no CPU spent polling.
   */
  readonly spinMs?: number;
  /** Called with each time window's points once the window has closed (journal as it goes). */
  readonly onWindow?: (points: readonly TimeWindow[]) => void;
  /** Destination ids known from earlier replays (legacy id → destination id). */
  readonly identities?: ReadonlyMap<string, string>;
  /** Checked every `everyMs`; a returned reason stops the replay (abortOnFail gates). */
  readonly monitor?: { readonly everyMs: number; check(live: LiveReplay): string | null };
  /**
   * Stop when this many deliveries in a row end without any answer (connection refused or reset):
   * the target is gone, and the rest of the schedule would only add noise (default 20; 0 never).
   */
  readonly deadAfterConnectionFailures?: number;
}

export type { OperationStats };

export interface ReplayResult {
  readonly total: number;
  readonly sent: number;
  readonly completed: number;
  /** Events never sent (run stopped before their turn). */
  readonly unsent: number;
  /** Events sent later than `lateThresholdMs` behind their ready time. */
  readonly late: number;
  readonly lateThresholdMs: number;
  readonly aborted: boolean;
  /** Requests cut off by the replay's own stop (Ctrl-C, a gate): not the destination's failures. */
  readonly interrupted: number;
  /** Why the replay stopped early (signal, a failed abortOnFail gate, a target gone), or null. */
  readonly abortReason: string | null;
  readonly durationMs: number;
  readonly achievedRatePerSec: number;
  /** The intended send offsets (ms from the start) the replay kept to, one per event. */
  readonly schedule: Float64Array;
  readonly operations: Partial<Record<EventType, OperationStats>>;
  /** Latency from intended send time over all operations. */
  readonly latency: LatencySummary;
  /**
   * Lateness of actual sends behind their ready time: the harness's own delay plus waits for a
   * free in-flight slot (a slow destination fills them).
   */
  readonly scheduleLag: LatencySummary;
  /**
   * How late the scheduler itself noticed each due event (its tick behind the intended time): the
   * harness's own lateness, without slot or ordering waits. A latency measured while this was
   * large measures the harness, not the destination.
   */
  readonly harnessLag: LatencySummary;
  /** Event-loop delay of the harness's thread during the replay (perf_hooks), p99 and max in ms. */
  readonly eventLoopDelay: { readonly p99Ms: number; readonly maxMs: number };
  /** Waits caused by per-subscriber ordering (previous event of the same subscriber in flight). */
  readonly orderingWait: LatencySummary;
  /** Per-operation (and "*") percentiles and throughput per window. */
  readonly timeSeries: readonly TimeWindow[];
  /** The live collector, for gate evaluation over windows. */
  readonly collector: ReplayCollector;
  /** Legacy subscriber id → destination id, learned from activations. */
  readonly identities: ReadonlyMap<string, string>;
  /** Event outcomes by event id (the shadow model reads what the destination accepted). */
  readonly outcomes: ReadonlyMap<string, ApplyOutcome>;
}

interface Slot {
  index: number;
  readonly onDone: (outcome: ApplyOutcome) => void;
  readonly onError: (error: unknown) => void;
}

/** Replays `events` (in intended order) against a destination. */
export function replayEvents(
  events: readonly ProvisioningEvent[],
  adapter: ProvisioningCapability,
  options: ReplayOptions,
): Promise<ReplayResult> {
  const n = events.length;
  const now = options.now ?? (() => performance.now());
  const schedule = options.schedule ?? constantSchedule(n, options.ratePerSec ?? 100);
  if (schedule.length !== n) throw new RangeError(`schedule has ${schedule.length} entries for ${n} events`);
  for (let k = 1; k < n; k++) {
    // The single dispatch cursor needs non-decreasing intended times.
    if (!((schedule[k] as number) >= (schedule[k - 1] as number))) {
      throw new RangeError(`schedule is not non-decreasing at event ${k}`);
    }
  }
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  const lateThresholdMs = options.lateThresholdMs ?? 10;
  const spinMs = options.spinMs ?? 2;
  const collector = createReplayCollector(options.windowMs);
  const scheduleLag = createLatencyRecorder();
  const harnessLag = createLatencyRecorder();
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  const overall = createLatencyRecorder();
  const orderingWait = createLatencyRecorder();
  const identities = new Map<string, string>(options.identities ?? []);
  // By event index while running (no map growth in the hot path); keyed by event id at the end.
  const outcomeAt = new Array<ApplyOutcome | undefined>(n);

  // Per-subscriber chains: nextSame[k] is the next event of k's subscriber, or -1.
  const subOf = new Int32Array(n);
  const nextSame = new Int32Array(n).fill(-1);
  const subIds = new Map<string, number>();
  const lastOfSub: number[] = [];
  const opOf = new Array<ReturnType<ReplayCollector["operation"]>>(n);
  for (let k = 0; k < n; k++) {
    const event = events[k] as ProvisioningEvent;
    let s = subIds.get(event.subscriberId);
    if (s === undefined) {
      s = lastOfSub.length;
      subIds.set(event.subscriberId, s);
      lastOfSub.push(-1);
    }
    subOf[k] = s;
    const previous = lastOfSub[s] as number;
    if (previous >= 0) nextSame[previous] = k;
    lastOfSub[s] = k;
    const op = collector.operation(event.type);
    op.planned++;
    opOf[k] = op;
  }
  const subBusy = new Uint8Array(lastOfSub.length);
  const blocked = new Uint8Array(n);
  const readyAt = new Float64Array(n);
  const sentAt = new Float64Array(n);
  const queue = new Int32Array(Math.max(1, n));
  let qHead = 0;
  let qTail = 0;
  let cursor = 0;
  let inFlight = 0;
  let sent = 0;
  let completed = 0;
  let late = 0;
  let stopped = false;
  let interrupted = 0;
  let connectionFailuresInRow = 0;
  const deadAfter = options.deadAfterConnectionFailures ?? 20;
  let abortReason: string | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let immediate: ReturnType<typeof setImmediate> | undefined;
  let nextMonitorMs = options.monitor?.everyMs ?? Number.POSITIVE_INFINITY;
  let reportedWindows = 0;
  let resolveDone: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });
  const start = now();

  const live: LiveReplay = {
    get elapsedMs() {
      return now() - start;
    },
    total: n,
    get sent() {
      return sent;
    },
    get completed() {
      return completed;
    },
    get late() {
      return late;
    },
    collector,
  };

  const finishIfIdle = () => {
    if (inFlight === 0 && (stopped || (cursor >= n && qHead === qTail && completed === sent))) {
      if (timer) clearTimeout(timer);
      if (immediate) clearImmediate(immediate);
      timer = undefined;
      immediate = undefined;
      resolveDone();
    }
  };

  const complete = (slot: Slot, outcome: ApplyOutcome) => {
    const k = slot.index;
    freeSlots.push(slot);
    inFlight--;
    if (options.signal?.aborted && outcome.failure) {
      // Cut off by our own Ctrl-C: the harness's, never counted against the destination.
      interrupted++;
      finishIfIdle();
      return;
    }
    const kind = outcome.failure?.kind;
    // No answer at all — refused, reset, or nothing within the request's deadline (hung or trickling).
    if (kind === "refused" || kind === "reset" || kind === "timeout") {
      connectionFailuresInRow++;
      if (deadAfter > 0 && connectionFailuresInRow >= deadAfter) {
        stop(
          `the target stopped answering: ${connectionFailuresInRow} deliveries in a row got no answer (${kind})`,
        );
      }
    } else connectionFailuresInRow = 0;
    const t = now();
    const event = events[k] as ProvisioningEvent;
    const intended = start + (schedule[k] as number);
    const latencyMs = t - intended;
    overall.record(latencyMs);
    collector.complete(
      opOf[k] as ReturnType<ReplayCollector["operation"]>,
      event.id,
      t - start,
      latencyMs,
      t - (sentAt[k] as number),
      outcome.failure,
    );
    outcomeAt[k] = outcome;
    if (!outcome.failure && outcome.destinationId) {
      identities.set(event.subscriberId, outcome.destinationId);
    }
    completed++;
    if (options.onWindow) {
      const index = Math.floor((t - start) / collector.windowMs);
      while (reportedWindows < index) options.onWindow(windowOf(collector, reportedWindows++));
    }
    const next = nextSame[k] as number;
    if (next >= 0 && blocked[next] === 1) {
      blocked[next] = 0;
      orderingWait.record(t - (start + (schedule[next] as number)));
      readyAt[next] = t;
      queue[qTail++] = next;
    } else {
      subBusy[subOf[k] as number] = 0;
    }
    options.onEvent?.(completed, n);
    pump();
    finishIfIdle();
  };

  const freeSlots: Slot[] = [];
  for (let i = 0; i < concurrency; i++) {
    const slot: Slot = {
      index: -1,
      onDone: (outcome) => complete(slot, outcome),
      onError: (error) =>
        complete(slot, {
          status: 0,
          failure: { kind: "reset", message: String((error as Error)?.message ?? error) },
        }),
    };
    freeSlots.push(slot);
  }

  const pump = () => {
    while (inFlight < concurrency && qHead < qTail && !stopped) {
      const k = queue[qHead++] as number;
      const slot = freeSlots.pop() as Slot;
      slot.index = k;
      inFlight++;
      sent++;
      const t = now();
      sentAt[k] = t;
      const lag = t - (readyAt[k] as number);
      scheduleLag.record(Math.max(lag, 0));
      const op = opOf[k] as ReturnType<ReplayCollector["operation"]>;
      op.sent++;
      if (lag > lateThresholdMs) {
        late++;
        op.late++;
      }
      const event = events[k] as ProvisioningEvent;
      let call: Promise<ApplyOutcome>;
      try {
        call = adapter.apply(event, identities.get(event.subscriberId), options.signal);
      } catch (error) {
        // An adapter that throws instead of rejecting still counts as one failed event.
        call = Promise.reject(error);
      }
      call.then(slot.onDone, slot.onError);
    }
  };

  const stop = (reason: string) => {
    if (stopped) return;
    stopped = true;
    abortReason = reason;
    qHead = qTail;
    finishIfIdle();
  };

  const tick = () => {
    timer = undefined;
    immediate = undefined;
    if (stopped) return;
    const elapsed = now() - start;
    while (cursor < n && (schedule[cursor] as number) <= elapsed) {
      const k = cursor++;
      harnessLag.record(elapsed - (schedule[k] as number));
      const s = subOf[k] as number;
      if (subBusy[s] === 1) {
        blocked[k] = 1;
      } else {
        subBusy[s] = 1;
        readyAt[k] = start + (schedule[k] as number);
        queue[qTail++] = k;
      }
    }
    pump();
    if (options.monitor && elapsed >= nextMonitorMs) {
      nextMonitorMs = elapsed + options.monitor.everyMs;
      const reason = options.monitor.check(live);
      if (reason) {
        stop(reason);
        return;
      }
    }
    if (cursor < n || options.monitor) {
      const nextDue = cursor < n ? (schedule[cursor] as number) : nextMonitorMs;
      if (cursor >= n && completed === sent && qHead === qTail) {
        finishIfIdle();
        return;
      }
      const waitMs = Math.min(nextDue, nextMonitorMs) - (now() - start);
      if (waitMs > spinMs) timer = setTimeout(tick, Math.max(1, waitMs - spinMs));
      else immediate = setImmediate(tick);
    } else {
      finishIfIdle();
    }
  };

  const onAbort = () => stop("interrupted (signal)");
  if (options.signal?.aborted) stop("interrupted (signal)");
  else options.signal?.addEventListener("abort", onAbort, { once: true });
  if (!stopped) tick();
  if (n === 0) finishIfIdle();

  return done.then(() => {
    loopDelay.disable();
    options.signal?.removeEventListener("abort", onAbort);
    const durationMs = now() - start;
    if (options.onWindow) {
      while (reportedWindows < collector.windows.length)
        options.onWindow(windowOf(collector, reportedWindows++, durationMs));
    }
    const outcomes = new Map<string, ApplyOutcome>();
    for (let k = 0; k < n; k++) {
      const outcome = outcomeAt[k];
      if (outcome) outcomes.set((events[k] as ProvisioningEvent).id, outcome);
    }
    const operations = operationStatsOf(collector) as Partial<Record<EventType, OperationStats>>;
    return {
      total: n,
      sent,
      completed,
      unsent: n - sent,
      late,
      lateThresholdMs,
      aborted: stopped,
      interrupted,
      abortReason,
      durationMs,
      achievedRatePerSec: durationMs > 0 ? (completed * 1000) / durationMs : 0,
      schedule,
      operations,
      latency: overall.summary(),
      scheduleLag: scheduleLag.summary(),
      harnessLag: harnessLag.summary(),
      eventLoopDelay: {
        p99Ms: Math.round(loopDelay.percentile(99) / 1000) / 1000,
        maxMs: Math.round(loopDelay.max / 1000) / 1000,
      },
      orderingWait: orderingWait.summary(),
      timeSeries: timeSeriesOf(collector, durationMs),
      collector,
      identities,
      outcomes,
    };
  });
}
