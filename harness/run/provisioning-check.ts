/**
 * The provisioning check: generate a seeded base and its traffic, replay the traffic open-model
 * against the destination, then compare every subscriber's final state with the shadow model.
 * Produces the measurements the provisioning gates read.
 */
import {
  type EventType,
  type ProvisioningEvent,
  type SubscriberState,
  TrancheError,
} from "../../domain/index.ts";
import { generateBase, generateTraffic } from "../../generators/index.ts";
import type { ApplyOutcome } from "../adapters/index.ts";
import type { Measurement } from "../gates/gate.ts";
import type { LatencySummary } from "../measure/latency-recorder.ts";
import { replayMetrics } from "../measure/replay-metrics.ts";
import { createAbortMonitor } from "../replay/abort-monitor.ts";
import { captureSchedule, constantSchedule, profileSchedule } from "../replay/arrival-schedule.ts";
import { type InjectSummary, injectIrregularities } from "../replay/inject-irregularities.ts";
import { type ReplayResult, replayEvents } from "../replay/open-model-replay.ts";
import {
  buildShadowState,
  compareState,
  type DeliveryOutcome,
  type FieldMismatch,
} from "../shadow/shadow-model.ts";
import type { OperationRecord, ReplayRecord } from "./run-result.ts";
import type { ScenarioContext, ScenarioOutcome } from "./scenario.ts";

/** Event types the provisioning check replays and the shadow model predicts. */
export const REPLAYED_EVENT_TYPES: readonly EventType[] = [
  "activation",
  "plan_change",
  "top_up",
  "suspension",
];

/** How many subscribers the mismatch evidence names before it summarizes. */
const EVIDENCE_LIMIT = 50;

/**
 * The events of this run: the given traffic in its own order, or else generated from the seed with
 * the replayed types only (same seed and settings → same events).
 */
export function provisioningEvents(
  context: Pick<ScenarioContext, "seed" | "refDate" | "settings" | "traffic">,
): readonly ProvisioningEvent[] {
  if (context.traffic) return context.traffic;
  const { seed, refDate, settings } = context;
  const base = generateBase({ seed, refDate, count: settings.subscribers });
  return generateTraffic(
    { seed, from: refDate, durationSec: settings.windowSec, types: REPLAYED_EVENT_TYPES },
    base,
  );
}

/** What a replay will send and when: the events (with injected irregularities) and their schedule. */
export interface ReplayPlan {
  readonly events: ProvisioningEvent[];
  /** Intended send offsets in ms, one per event. */
  readonly schedule: Float64Array;
  readonly injected: InjectSummary | null;
}

/** The replay plan of a run: given traffic or traffic from the seed, inject, then the arrival schedule. */
export function replayPlan(
  context: Pick<ScenarioContext, "seed" | "refDate" | "settings" | "traffic">,
): ReplayPlan {
  const { settings } = context;
  const planned = [...provisioningEvents(context)];
  const injected = settings.inject ? injectIrregularities(planned, context.seed, settings.inject) : null;
  const events = injected ? injected.events : planned;
  const schedule = settings.arrival
    ? profileSchedule(events.length, settings.arrival)
    : settings.speed
      ? captureSchedule(events, settings.speed)
      : constantSchedule(events.length, settings.ratePerSec);
  return { events, schedule, injected: injected ? injected.summary : null };
}

/** Runs the check and returns its measurements. */
export async function runProvisioningCheck(context: ScenarioContext): Promise<ScenarioOutcome> {
  const { settings } = context;
  const { events, schedule, injected } = replayPlan(context);
  context.journal.append("scenario-plan", {
    scenario: "provisioning",
    events: events.length,
    ...(injected ? { injected } : {}),
  });
  const monitor = createAbortMonitor(context.gates ?? []);
  const replay = await replayEvents(events, context.adapter, {
    schedule,
    concurrency: settings.concurrency,
    signal: context.signal,
    onEvent: (done, total) => context.progress("replay", done, total),
    // The time series goes to the journal window by window: a killed run still leaves it behind.
    onWindow: (points) => {
      for (const point of points) context.journal.append("replay-window", { ...point });
    },
    ...(settings.lateThresholdMs !== undefined ? { lateThresholdMs: settings.lateThresholdMs } : {}),
    ...(monitor ? { monitor } : {}),
  });
  const measurements = new Map<string, Measurement & { unit: string }>();
  const operations = operationRecords(replay);
  const notes: string[] = [];
  const metrics = replayMetrics({ collector: replay.collector, elapsedMs: replay.durationMs });
  const record = replayRecord(replay);
  addReplayMeasurements(measurements, replay);
  if (injected) {
    const s = injected;
    notes.push(
      `injected ${s.duplicates} duplicates, ${s.retries} retries and ${s.late} late deliveries (seed ${context.seed})`,
    );
  }
  if (replay.aborted) {
    notes.unshift(
      `replay stopped after ${replay.sent} of ${replay.total} events (${replay.abortReason ?? "stopped"}); state not compared`,
    );
    return { complete: false, measurements, operations, notes, metrics, replay: record };
  }

  const shadow = buildShadowState(events, undefined, (event) =>
    deliveryOutcome(replay.outcomes.get(event.id)),
  );
  const comparable = new Map([...shadow.subscribers].filter(([id]) => !shadow.indeterminate.has(id)));
  const mismatches = await compareWithDestination(context, comparable, replay.identities);
  if (context.signal.aborted) {
    notes.push("interrupted during the state comparison");
    return { complete: false, measurements, operations, notes, metrics, replay: record };
  }
  const affected = [...new Set(mismatches.map((m) => m.subscriberId))].sort();
  measurements.set("state_mismatches", {
    value: affected.length,
    unit: "count",
    evidence: {
      summary: `${
        affected.length === 0
          ? `all ${comparable.size} subscribers match the shadow model`
          : `${affected.length} of ${comparable.size} subscribers differ from the shadow model: ${affected
              .slice(0, 10)
              .join(", ")}${affected.length > 10 ? ", …" : ""}`
      }${shadow.indeterminate.size > 0 ? ` (${shadow.indeterminate.size} left out: a write timed out or was reset)` : ""}`,
      items: mismatches.slice(0, EVIDENCE_LIMIT),
    },
  });
  measurements.set("subscribers_compared", { value: comparable.size, unit: "count" });
  measurements.set("subscribers_indeterminate", { value: shadow.indeterminate.size, unit: "count" });
  measurements.set("expected_rejections", { value: shadow.expectedRejections.size, unit: "count" });
  return { complete: true, measurements, operations, notes, metrics, replay: record };
}

/**
 * Attempts per state read: reads are idempotent, so a transient 5xx or reset is retried. A
 * destination that sheds a quarter of its load still answers one read in 10 attempts with
 * probability 1 − 0.25^10 ≈ 0.999999.
 */
const READ_ATTEMPTS = 10;

/** Reads one subscriber's state, retrying transient failures with backoff (50 ms doubling, at most 1 s). */
async function readWithRetry(
  context: ScenarioContext,
  destinationId: string,
): Promise<SubscriberState | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await context.adapter.readSubscriber(destinationId, context.signal);
    } catch (error) {
      const transient = error instanceof TrancheError && error.code === "E_TARGET";
      if (!transient || attempt >= READ_ATTEMPTS || context.signal.aborted) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** (attempt - 1))));
    }
  }
}

/** What the shadow model may assume of a delivery from its outcome. */
function deliveryOutcome(outcome: ApplyOutcome | undefined): DeliveryOutcome {
  const kind = outcome?.failure?.kind;
  if (kind === "http_5xx" || kind === "refused") return "reported-failure";
  if (kind === "timeout" || kind === "reset") return "unknown";
  // 2xx (even with an unparseable body) and 4xx: the contract's own rules decide.
  return "applied";
}

async function compareWithDestination(
  context: ScenarioContext,
  expected: ReadonlyMap<string, SubscriberState>,
  identities: ReadonlyMap<string, string>,
): Promise<FieldMismatch[]> {
  const ids = [...expected.keys()].sort();
  const mismatches: FieldMismatch[][] = new Array(ids.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < ids.length && !context.signal.aborted) {
      const index = next++;
      const id = ids[index] as string;
      const destinationId = identities.get(id);
      const actual = destinationId ? await readWithRetry(context, destinationId) : undefined;
      mismatches[index] = compareState(expected.get(id) as SubscriberState, destinationId, actual);
      context.progress("compare", ++done, ids.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(32, context.settings.concurrency) }, worker));
  return mismatches.flat().filter(Boolean);
}

function addReplayMeasurements(out: Map<string, Measurement & { unit: string }>, replay: ReplayResult): void {
  let sent = 0;
  let failed = 0;
  const failureLines: string[] = [];
  for (const [operation, stats] of Object.entries(replay.operations)) {
    sent += stats.sent;
    const opFailed = Object.values(stats.failures).reduce((a, b) => a + (b ?? 0), 0);
    failed += opFailed;
    if (opFailed > 0)
      failureLines.push(`${operation}: ${opFailed} failed (${JSON.stringify(stats.failures)})`);
    out.set(`latency_p99_ms.${operation}`, { value: stats.latency.p99Ms, unit: "ms" });
  }
  out.set("latency_p95_ms", { value: replay.latency.p95Ms, unit: "ms" });
  out.set("latency_p99_ms", {
    value: replay.latency.p99Ms,
    unit: "ms",
    evidence: { summary: latencyLine(replay.latency) },
  });
  out.set("error_rate_pct", {
    value: sent === 0 ? 0 : Math.round((failed / sent) * 100_000) / 1000,
    unit: "%",
    evidence: {
      summary:
        failed === 0
          ? `0 of ${sent} requests failed`
          : `${failed} of ${sent} failed; ${failureLines.join("; ")}`,
    },
  });
  out.set("events_sent", { value: sent, unit: "count" });
  out.set("events_unsent", { value: replay.unsent, unit: "count" });
  out.set("events_late", {
    value: replay.late,
    unit: "count",
    evidence: { summary: `${replay.late} of ${sent} sends left more than ${replay.lateThresholdMs} ms late` },
  });
  out.set("achieved_rate_per_s", { value: Math.round(replay.achievedRatePerSec * 10) / 10, unit: "/s" });
  out.set("schedule_lag_p99_ms", { value: replay.scheduleLag.p99Ms, unit: "ms" });
  out.set("ordering_wait_p99_ms", { value: replay.orderingWait.p99Ms, unit: "ms" });
}

function latencyLine(s: LatencySummary): string {
  return `n=${s.count} p50=${s.p50Ms}ms p95=${s.p95Ms}ms p99=${s.p99Ms}ms max=${s.maxMs}ms (from intended send time)`;
}

function operationRecords(replay: ReplayResult): OperationRecord[] {
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
    examples: stats.examples,
    latencyMs: pick(stats.latency),
    serviceTimeMs: pick(stats.serviceTime),
    late: stats.late,
  }));
}

function replayRecord(replay: ReplayResult): ReplayRecord {
  return {
    total: replay.total,
    sent: replay.sent,
    unsent: replay.unsent,
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
    abortReason: replay.abortReason,
    timeSeries: replay.timeSeries,
  };
}
