/**
 * What every replaying suite records from a replay: latency from intended send time (overall and
 * per operation), schedule fidelity (sent, unsent, late, lag, the harness's own lag and event-loop
 * delay, ordering waits, achieved rate), the per-operation records and the replay report section
 * with its time series. Errors are attributed by the shadow model (attribution.ts). One mapping, so two suites that replay measure the same way under their own ids.
 */
import type { OperationRecord, ReplayRecord, ReplaySection } from "../../domain/index.ts";
import type { ReplayResult } from "../replay/open-model-replay.ts";
import type { MeasurementSet } from "../suite/suite.ts";
import type { LatencySummary } from "./latency-recorder.ts";

/** Records the replay's measurements into `out` (local names, e.g. `latency_p99_ms.activation`). */
export function recordReplayMeasurements(out: MeasurementSet, replay: ReplayResult): void {
  let sent = 0;
  for (const [operation, stats] of Object.entries(replay.operations)) {
    sent += stats.sent;
    out.set(`latency_p99_ms.${operation}`, stats.latency.p99Ms, "ms");
  }
  out.set("latency_p95_ms", replay.latency.p95Ms, "ms");
  out.set("latency_p99_ms", replay.latency.p99Ms, "ms", { summary: latencyLine(replay.latency) });
  out.set("events_sent", sent, "count");
  out.set("events_unsent", replay.unsent, "count");
  out.set("events_late", replay.late, "count", {
    summary: `${replay.late} of ${sent} sends left more than ${replay.lateThresholdMs} ms late`,
  });
  out.set("achieved_rate_per_s", Math.round(replay.achievedRatePerSec * 10) / 10, "/s");
  out.set("schedule_lag_p99_ms", replay.scheduleLag.p99Ms, "ms");
  out.set("harness_lag_p99_ms", replay.harnessLag.p99Ms, "ms", {
    summary: `the scheduler noticed due events p99 ${replay.harnessLag.p99Ms} ms (max ${replay.harnessLag.maxMs} ms) after their intended time; event-loop delay p99 ${replay.eventLoopDelay.p99Ms} ms`,
  });
  out.set("event_loop_delay_p99_ms", replay.eventLoopDelay.p99Ms, "ms");
  out.set("ordering_wait_p99_ms", replay.orderingWait.p99Ms, "ms");
}

/** The replay as a report section: operations, schedule fidelity and the time series. */
export function replaySection(replay: ReplayResult, id = "replay", title = "Replay"): ReplaySection {
  return {
    kind: "replay",
    id,
    title,
    operations: operationRecords(replay),
    replay: replayRecord(replay),
  };
}

function latencyLine(s: LatencySummary): string {
  return `n=${s.count} p50=${s.p50Ms}ms p95=${s.p95Ms}ms p99=${s.p99Ms}ms max=${s.maxMs}ms (from intended send time)`;
}

/** Per-operation figures of a replay, as the run result keeps them. */
export function operationRecords(replay: ReplayResult): OperationRecord[] {
  const pick = (s: LatencySummary) => ({
    p50: s.p50Ms,
    p90: s.p90Ms,
    p95: s.p95Ms,
    p99: s.p99Ms,
    p999: s.p999Ms,
    max: s.maxMs,
    mean: s.meanMs,
  });
  return Object.entries(replay.operations).map(([operation, stats]) => ({
    operation,
    sent: stats.sent,
    ok: stats.ok,
    failures: stats.failures as Record<string, number>,
    examples: [...stats.examples],
    latencyMs: pick(stats.latency),
    serviceTimeMs: pick(stats.serviceTime),
    late: stats.late,
  }));
}

/** Schedule fidelity and time series of a replay, as the run result keeps them. */
export function replayRecord(replay: ReplayResult): ReplayRecord {
  return {
    total: replay.total,
    sent: replay.sent,
    unsent: replay.unsent,
    interrupted: replay.interrupted,
    late: replay.late,
    lateThresholdMs: replay.lateThresholdMs,
    scheduleLagMs: {
      p50: replay.scheduleLag.p50Ms,
      p99: replay.scheduleLag.p99Ms,
      max: replay.scheduleLag.maxMs,
    },
    orderingWaitMs: {
      count: replay.orderingWait.count,
      p50: replay.orderingWait.p50Ms,
      p99: replay.orderingWait.p99Ms,
      max: replay.orderingWait.maxMs,
    },
    achievedRatePerSec: Math.round(replay.achievedRatePerSec * 10) / 10,
    ...targetRates(replay),
    abortReason: replay.abortReason,
    timeSeries: [...replay.timeSeries],
  };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * What the schedule asked for: its mean rate, and its intended arrivals per time-series window as
 * a rate, the last (partial) window counted over the time it covered, as the achieved throughput is.
 */
function targetRates(replay: ReplayResult): Pick<ReplayRecord, "targetRatePerSec" | "targetTimeSeries"> {
  const { schedule } = replay;
  const n = schedule.length;
  const spanMs = n > 1 ? (schedule[n - 1] as number) - (schedule[0] as number) : 0;
  const targetRatePerSec = spanMs > 0 ? round1(((n - 1) * 1000) / spanMs) : null;
  const windowMs = replay.collector.windowMs;
  const lastStartSec = replay.timeSeries.reduce((max, p) => Math.max(max, p.startSec), 0);
  const windows = Math.max(
    n > 0 ? Math.floor((schedule[n - 1] as number) / windowMs) + 1 : 0,
    replay.timeSeries.length > 0 ? Math.round((lastStartSec * 1000) / windowMs) + 1 : 0,
  );
  const counts = new Array<number>(windows).fill(0);
  for (let k = 0; k < n; k++) {
    const index = Math.floor((schedule[k] as number) / windowMs);
    counts[index] = (counts[index] ?? 0) + 1;
  }
  const endMs = Math.max(replay.durationMs, n > 0 ? (schedule[n - 1] as number) : 0);
  const targetTimeSeries = counts.map((count, index) => {
    const coveredMs = Math.max(1, Math.min(windowMs, endMs - index * windowMs));
    return { startSec: (index * windowMs) / 1000, ratePerSec: round1((count * 1000) / coveredMs) };
  });
  return { targetRatePerSec, targetTimeSeries };
}
