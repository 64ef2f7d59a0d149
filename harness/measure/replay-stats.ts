/**
 * What a replay measures, per operation and per time window: latency from intended send time,
 * service time from actual send, failures by kind with examples, and completions. The collector is
 * mutable and fed by the engine's hot path (no allocation per event beyond the histograms' own);
 * `summarize` turns it into plain data for the run result.
 */
import type { TimeWindow } from "../../domain/index.ts";
import type { FailureKind } from "../adapters/index.ts";
import { createLatencyRecorder, type LatencyRecorder, type LatencySummary } from "./latency-recorder.ts";

export type { TimeWindow };

/** Up to this many examples are kept per operation and failure kind. */
export const EXAMPLES_PER_KIND = 3;

export interface FailureExample {
  readonly eventId: string;
  readonly kind: FailureKind;
  readonly message: string;
}

/** Live counters of one operation (event type). */
export interface OperationCollector {
  readonly operation: string;
  /** Events of this operation in the schedule. */
  planned: number;
  sent: number;
  ok: number;
  failed: number;
  late: number;
  readonly failures: Partial<Record<FailureKind, number>>;
  readonly examples: FailureExample[];
  readonly latency: LatencyRecorder;
  readonly service: LatencyRecorder;
}

/** One time window of one operation (or of all, operation "*"). */
export interface WindowCollector {
  completed: number;
  failed: number;
  readonly latency: LatencyRecorder;
}

export interface ReplayCollector {
  readonly windowMs: number;
  readonly operations: Map<string, OperationCollector>;
  /** windows[w] maps operation (and "*" for all) to that window's figures. */
  readonly windows: Array<Map<string, WindowCollector>>;
  operation(name: string): OperationCollector;
  /** Records one completed event. `atMs` is the completion time from the replay start. */
  complete(
    op: OperationCollector,
    eventId: string,
    atMs: number,
    latencyMs: number,
    serviceMs: number,
    failure: { readonly kind: FailureKind; readonly message: string } | undefined,
  ): void;
}

/** A new collector with `windowMs` time-series windows (10 s by default). */
export function createReplayCollector(windowMs = 10_000): ReplayCollector {
  const operations = new Map<string, OperationCollector>();
  const windows: Array<Map<string, WindowCollector>> = [];
  const windowOf = (index: number, name: string): WindowCollector => {
    while (windows.length <= index) windows.push(new Map());
    const map = windows[index] as Map<string, WindowCollector>;
    let w = map.get(name);
    if (!w) {
      w = { completed: 0, failed: 0, latency: createLatencyRecorder() };
      map.set(name, w);
    }
    return w;
  };
  return {
    windowMs,
    operations,
    windows,
    operation(name) {
      let op = operations.get(name);
      if (!op) {
        op = {
          operation: name,
          planned: 0,
          sent: 0,
          ok: 0,
          failed: 0,
          late: 0,
          failures: {},
          examples: [],
          latency: createLatencyRecorder(),
          service: createLatencyRecorder(),
        };
        operations.set(name, op);
      }
      return op;
    },
    complete(op, eventId, atMs, latencyMs, serviceMs, failure) {
      op.latency.record(latencyMs);
      op.service.record(serviceMs);
      const index = Math.max(0, Math.floor(atMs / windowMs));
      const perOp = windowOf(index, op.operation);
      const all = windowOf(index, "*");
      perOp.completed++;
      all.completed++;
      perOp.latency.record(latencyMs);
      all.latency.record(latencyMs);
      if (failure) {
        op.failed++;
        perOp.failed++;
        all.failed++;
        op.failures[failure.kind] = (op.failures[failure.kind] ?? 0) + 1;
        let sameKind = 0;
        for (const e of op.examples) if (e.kind === failure.kind) sameKind++;
        if (sameKind < EXAMPLES_PER_KIND)
          op.examples.push({ eventId, kind: failure.kind, message: failure.message });
      } else {
        op.ok++;
      }
    },
  };
}

/** One operation's figures at the end of a replay. */
export interface OperationStats {
  readonly sent: number;
  readonly ok: number;
  /** Sends that left later than the late threshold behind their ready time. */
  readonly late: number;
  readonly failures: Partial<Record<FailureKind, number>>;
  /** Up to three examples per failure kind: event id and message. */
  readonly examples: readonly FailureExample[];
  /** From intended send time to response: what a subscriber would have felt. */
  readonly latency: LatencySummary;
  /** From actual send to response: what the destination spent. */
  readonly serviceTime: LatencySummary;
}

/** Every operation that sent anything, by name, in name order. */
export function operationStatsOf(collector: ReplayCollector): Record<string, OperationStats> {
  const out: Record<string, OperationStats> = {};
  for (const name of [...collector.operations.keys()].sort()) {
    const op = collector.operations.get(name);
    if (!op || op.sent === 0) continue;
    out[name] = {
      sent: op.sent,
      ok: op.ok,
      late: op.late,
      failures: op.failures,
      examples: op.examples,
      latency: op.latency.summary(),
      serviceTime: op.service.summary(),
    };
  }
  return out;
}

/**
 * The time series of a collector as plain data, windows in order, "*" first in each. `endMs` (the
 * replay's duration) makes the last, partial window's throughput count only the time it covered.
 */
export function timeSeriesOf(collector: ReplayCollector, endMs?: number): TimeWindow[] {
  const out: TimeWindow[] = [];
  for (let index = 0; index < collector.windows.length; index++)
    out.push(...windowOf(collector, index, endMs));
  return out;
}

/** The points of one window (one per operation, "*" first); empty when nothing completed in it. */
export function windowOf(collector: ReplayCollector, index: number, endMs?: number): TimeWindow[] {
  const map = collector.windows[index];
  if (!map) return [];
  const windowSec = collector.windowMs / 1000;
  const coveredMs =
    endMs === undefined
      ? collector.windowMs
      : Math.min(collector.windowMs, endMs - index * collector.windowMs);
  const coveredSec = Math.max(coveredMs, 1) / 1000;
  const names = [...map.keys()].sort((a, b) => (a === "*" ? -1 : b === "*" ? 1 : a < b ? -1 : 1));
  return names.map((name) => {
    const w = map.get(name) as WindowCollector;
    const s: LatencySummary = w.latency.summary();
    return {
      startSec: index * windowSec,
      operation: name,
      completed: w.completed,
      failed: w.failed,
      throughputPerSec: Math.round((w.completed / coveredSec) * 10) / 10,
      p50Ms: s.p50Ms,
      p95Ms: s.p95Ms,
      p99Ms: s.p99Ms,
      maxMs: s.maxMs,
    };
  });
}
