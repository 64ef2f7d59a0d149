/**
 * `provisioning.replay`: the world's provisioning traffic (or a given capture) replayed open-model
 * against the destination — latency from each event's intended send time, each subscriber's events
 * in order — then every subscriber's state read back and compared with the shadow model. A 200 OK
 * that left the wrong plan, balance or status is a finding only this comparison can see.
 */
import { z } from "zod";
import { type ReportSection, TrancheError } from "../../domain/index.ts";
import {
  buildShadowState,
  compareWithDestination,
  createAbortMonitor,
  defineSuite,
  deliveryOutcome,
  MeasurementSet,
  planReplay,
  REPLAY_OPTION_FIELDS,
  recordReplayMeasurements,
  replayEvents,
  replayMetrics,
  replaySection,
  type SuiteOutcome,
} from "../../harness/index.ts";

/** How many subscribers the mismatch evidence names before it summarizes. */
const EVIDENCE_LIMIT = 50;

const options = z.object({ ...REPLAY_OPTION_FIELDS }).strict();

export const provisioningReplaySuite = defineSuite({
  id: "provisioning.replay",
  title: "Provisioning replay",
  description:
    "Replays provisioning traffic open-model at its arrival schedule and compares each subscriber's final state with the shadow model.",
  options,
  requires: ["provisioning", "state-read"],
  // Proof runs stay short; room in flight so a slow destination shows as latency, not queueing.
  proofOptions: { ratePerSec: 300, concurrency: 1024, seriesWindowMs: 500 },
  plan({ world, options, seed, random }) {
    const replay = planReplay(world.traffic(), options, seed, random("inject"));
    const subscribers = new Set(replay.events.map((e) => e.subscriberId)).size;
    if (!replay.events.some((e) => e.type === "activation")) {
      throw new TrancheError(
        "E_INPUT",
        `the traffic has ${replay.events.length} events and no activation: no subscriber the shadow model can follow, so no state to compare and no verdict.`,
        "Replay traffic that activates the subscribers it changes.",
      );
    }
    const pacing = options.arrival
      ? `${options.arrival.kind} arrival profile`
      : options.speed
        ? `capture timing ÷ ${options.speed}`
        : `${options.ratePerSec} events/s`;
    return {
      summary: `${replay.events.length} provisioning events of ${subscribers} subscribers at ${pacing}${
        replay.injected
          ? ` (injected ${replay.injected.duplicates} duplicates, ${replay.injected.retries} retries, ${replay.injected.outOfOrder} out of order, ${replay.injected.late} late)`
          : ""
      }`,
      checks: [
        "latency from intended send time per operation (p95, p99)",
        "error rate by failure kind",
        "every subscriber's plan, status, balance, MSISDN and currency against the shadow model",
      ],
      replay,
    };
  },
  async run(context): Promise<SuiteOutcome> {
    const { options, plan, target, signal } = context;
    const replayPlan = plan.replay;
    if (!replayPlan) throw new Error("provisioning.replay planned no replay");
    const events = replayPlan.events;
    const monitor = createAbortMonitor(context.gates);
    const replay = await replayEvents(events, target.provisioning, {
      schedule: replayPlan.schedule,
      concurrency: options.concurrency,
      signal,
      lateThresholdMs: options.lateThresholdMs,
      windowMs: options.seriesWindowMs,
      deadAfterConnectionFailures: options.deadAfterConnectionFailures,
      onEvent: (done, total) => context.progress("replay", done, total),
      // The time series goes to the journal window by window: a killed run still leaves it behind.
      onWindow: (points) => {
        for (const point of points) context.journal.append("replay-window", { ...point });
      },
      ...(monitor ? { monitor } : {}),
    });
    const measurements = new MeasurementSet();
    recordReplayMeasurements(measurements, replay);
    const metrics = replayMetrics({ collector: replay.collector, elapsedMs: replay.durationMs });
    const sections: ReportSection[] = [replaySection(replay)];
    const notes: string[] = [];
    const injected = replayPlan.injected;
    if (injected) {
      notes.push(
        `injected ${injected.duplicates} duplicates, ${injected.retries} retries, ${injected.outOfOrder} out-of-order and ${injected.late} late deliveries (seed ${context.seed})`,
      );
    }
    const stopped = (reason: string): SuiteOutcome => ({
      complete: false,
      reason,
      measurements: measurements.list(),
      notes: [reason, ...notes],
      sections,
      metrics,
    });
    if (replay.interrupted > 0) {
      notes.push(
        `${replay.interrupted} requests in flight were cut off by the interruption (not counted as failures)`,
      );
    }
    if (replay.aborted) {
      return stopped(
        `replay stopped after ${replay.sent} of ${replay.total} events (${replay.abortReason ?? "stopped"}); state not compared`,
      );
    }

    const shadow = buildShadowState(events, undefined, (event) =>
      deliveryOutcome(replay.outcomes.get(event.id)),
    );
    const comparable = new Map([...shadow.subscribers].filter(([id]) => !shadow.indeterminate.has(id)));
    const mismatches = await compareWithDestination(comparable, replay.identities, {
      reader: target["state-read"],
      signal,
      concurrency: options.concurrency,
      progress: (done, total) => context.progress("compare", done, total),
    });
    if (signal.aborted) return stopped("interrupted during the state comparison");
    const affected = [...new Set(mismatches.map((m) => m.subscriberId))].sort();
    const left =
      shadow.indeterminate.size > 0
        ? ` (${shadow.indeterminate.size} left out: a write timed out or was reset)`
        : "";
    measurements.set("state_mismatches", affected.length, "count", {
      summary:
        affected.length === 0
          ? `all ${comparable.size} subscribers match the shadow model${left}`
          : `${affected.length} of ${comparable.size} subscribers differ from the shadow model: ${affected
              .slice(0, 10)
              .join(", ")}${affected.length > 10 ? ", …" : ""}${left}`,
      items: mismatches.slice(0, EVIDENCE_LIMIT),
    });
    measurements.set("subscribers_compared", comparable.size, "count");
    measurements.set("subscribers_indeterminate", shadow.indeterminate.size, "count");
    measurements.set("expected_rejections", shadow.expectedRejections.size, "count");
    if (mismatches.length > 0) {
      sections.push({
        kind: "table",
        id: "state-mismatches",
        title: "State mismatches against the shadow model",
        columns: [
          { key: "subscriberId", label: "subscriber" },
          { key: "destinationId", label: "destination id" },
          { key: "field", label: "field" },
          { key: "expected", label: "expected" },
          { key: "actual", label: "actual" },
        ],
        rows: mismatches.slice(0, EVIDENCE_LIMIT).map((m) => ({ ...m })),
        totalRows: mismatches.length,
      });
    }
    return { complete: true, measurements: measurements.list(), notes, sections, metrics };
  },
});
