/**
 * The replay's statistics as a gate metric source: latency percentiles from intended send time,
 * failure and lateness rates, counts and throughput, over the whole run or over sliding windows
 * merged from the 10 s base windows. Works on a finished replay and on a live one (abortOnFail).
 */
import { type MetricSource, OUTCOMES, type StatQuery } from "../gates/metric-source.ts";
import { createLatencyRecorder, type LatencyRecorder } from "./latency-recorder.ts";
import type { OperationCollector, ReplayCollector, WindowCollector } from "./replay-stats.ts";

export interface ReplayTotals {
  readonly collector: ReplayCollector;
  /** Elapsed run time in ms, for throughput. */
  readonly elapsedMs: number;
}

/** A metric source over a replay's collector. */
export function replayMetrics(totals: ReplayTotals): MetricSource {
  const { collector } = totals;
  const ops = (operation: string | undefined): OperationCollector[] => {
    if (operation === undefined) return [...collector.operations.values()];
    const op = collector.operations.get(operation);
    return op ? [op] : [];
  };
  const latencyOf = (list: OperationCollector[]): LatencyRecorder | undefined => {
    if (list.length === 1) return (list[0] as OperationCollector).latency;
    if (list.length === 0) return undefined;
    const merged = createLatencyRecorder();
    for (const op of list) merged.merge(op.latency);
    return merged;
  };
  const countOf = (list: OperationCollector[], outcome: string): number => {
    let n = 0;
    for (const op of list) {
      if (outcome === "sent") n += op.sent;
      else if (outcome === "completed") n += op.ok + op.failed;
      else if (outcome === "late") n += op.late;
      else if (outcome === "unsent") n += op.planned - op.sent;
      else
        for (const kind of OUTCOMES[outcome] ?? []) n += op.failures[kind as keyof typeof op.failures] ?? 0;
    }
    return n;
  };
  return {
    durationMs: totals.elapsedMs,
    value(query) {
      const list = ops(query.operation);
      if (list.length === 0) return undefined;
      if (query.stat === "count") return countOf(list, String(query.arg));
      if (query.stat === "rate") {
        const outcome = String(query.arg);
        const planned = list.reduce((a, op) => a + op.planned, 0);
        const sent = countOf(list, "sent");
        const completed = countOf(list, "completed");
        const denominator =
          outcome === "unsent" ? planned : outcome === "late" || outcome === "sent" ? sent : completed;
        return denominator === 0 ? 0 : countOf(list, outcome) / denominator;
      }
      if (query.stat === "throughput") {
        return totals.elapsedMs > 0 ? (countOf(list, "completed") * 1000) / totals.elapsedMs : 0;
      }
      const latency = latencyOf(list);
      return latency && latency.count > 0 ? latencyStat(latency, query) : undefined;
    },
    windows(query, windowMs) {
      const base = collector.windowMs;
      const span = Math.max(1, Math.round(windowMs / base));
      const name = query.operation ?? "*";
      const perWindow = collector.windows.map((w) => w.get(name));
      if (perWindow.every((w) => w === undefined)) return undefined;
      const positions = Math.max(1, perWindow.length - span + 1);
      const out: number[] = [];
      for (let start = 0; start < positions; start++) {
        const slice = perWindow
          .slice(start, start + span)
          .filter((w): w is WindowCollector => w !== undefined);
        const value = windowStat(slice, query, Math.min(span, perWindow.length) * base);
        if (value !== undefined) out.push(value);
      }
      return out;
    },
  };
}

function latencyStat(latency: LatencyRecorder, query: StatQuery): number | undefined {
  switch (query.stat) {
    case "p":
      return latency.percentile(Number(query.arg));
    case "med":
      return latency.percentile(50);
    case "avg":
      return latency.meanMs;
    case "max":
      return latency.maxMs;
    case "min":
      return latency.percentile(0);
    default:
      return undefined;
  }
}

function windowStat(slice: WindowCollector[], query: StatQuery, spanMs: number): number | undefined {
  if (slice.length === 0) return undefined;
  let completed = 0;
  let failed = 0;
  for (const w of slice) {
    completed += w.completed;
    failed += w.failed;
  }
  if (query.stat === "throughput") return (completed * 1000) / spanMs;
  if (query.stat === "rate" || query.stat === "count") {
    // Windows keep completions and failures only; finer outcomes are whole-run statistics.
    if (query.arg !== "errors" && query.arg !== "completed") return undefined;
    const n = query.arg === "errors" ? failed : completed;
    return query.stat === "count" ? n : completed === 0 ? 0 : n / completed;
  }
  const merged = createLatencyRecorder();
  for (const w of slice) merged.merge(w.latency);
  return merged.count === 0 ? undefined : latencyStat(merged, query);
}
