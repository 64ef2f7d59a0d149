/**
 * `provisioning.replay`: the world's provisioning traffic (or a given capture) replayed open-model
 * against the destination — latency from each event's intended send time, each subscriber's events
 * in order, feed irregularities and requests the contract requires to be refused mixed in — with
 * every answer judged by the shadow model, then every subscriber read back and compared with it.
 * A 200 OK that left the wrong plan, balance or status is drift only this comparison can see; a
 * read that lags converges and is a read-consistency finding, not drift.
 */
import { z } from "zod";
import { type ReportSection, TrancheError } from "../../domain/index.ts";
import {
  addRequiredRefusals,
  attribute,
  attributionSection,
  compareWithDestination,
  createAbortMonitor,
  createLatencyRecorder,
  defineSuite,
  MeasurementSet,
  planReplay,
  REPLAY_OPTION_FIELDS,
  recordAttribution,
  recordReplayMeasurements,
  replayEvents,
  replayMetrics,
  replaySection,
  ShadowModel,
  type SuiteOutcome,
  withIdentityRecovery,
} from "../../harness/index.ts";

/** How many rows the mismatch table and evidence keep. */
const EVIDENCE_LIMIT = 50;

const options = z
  .object({
    ...REPLAY_OPTION_FIELDS,
    /** Share of subscribers that get one request the contract requires to be refused. */
    requiredRefusalShare: z.number().min(0).max(1).default(0.02),
    /** How long a differing read may take to converge before it is drift (ms). */
    settleMs: z.number().int().min(0).max(600_000).default(5000),
    /** Harness lag p99 above which latency gates are indeterminate (ms). */
    harnessLagBudgetMs: z.number().positive().max(60_000).default(25),
  })
  .strict();

export const provisioningReplaySuite = defineSuite({
  id: "provisioning.replay",
  title: "Provisioning replay",
  description:
    "Replays provisioning traffic open-model at its arrival schedule, judges every answer against the contract's rules, and compares each subscriber's final state with the shadow model.",
  options,
  requires: ["provisioning", "state-read"],
  // Proof runs stay short; room in flight so a slow destination shows as latency, not queueing.
  // The harness-lag budget stays well under the latency thresholds (800 ms) and the defects' seconds.
  proofOptions: {
    ratePerSec: 300,
    concurrency: 1024,
    seriesWindowMs: 500,
    settleMs: 3000,
    harnessLagBudgetMs: 500,
  },
  plan({ world, options, seed, random }) {
    const refusals = addRequiredRefusals(
      world.traffic(),
      random("refusals"),
      options.requiredRefusalShare,
      world.catalog(),
    );
    const replay = planReplay(refusals.events, options, seed, random("inject"));
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
    const i = replay.injected;
    return {
      summary: `${replay.events.length} provisioning events of ${subscribers} subscribers at ${pacing} (${refusals.added} the contract requires to be refused${
        i
          ? `; injected ${i.duplicates} duplicates, ${i.retries} retries, ${i.outOfOrder} out of order, ${i.late} late`
          : ""
      })`,
      checks: [
        "latency from intended send time per operation (p95, p99)",
        "every answer against the contract's rules: refusals required and given, wrong acceptances and refusals, idempotency",
        "errors (5xx, timeouts, resets), consequential failures, answers that break the schema",
        "every subscriber's plan, status, balance, MSISDN, SIM, add-ons, KYC and porting against the shadow model, reads settling",
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
    const writer = withIdentityRecovery(target.provisioning, target["state-read"]);
    // A replay k6 already performed (tranche check --state) is judged as it is: nothing is sent.
    const replay =
      context.recordedReplay ??
      (await replayEvents(events, writer, {
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
      }));
    const measurements = new MeasurementSet();
    recordReplayMeasurements(measurements, replay);
    const metrics = replayMetrics({ collector: replay.collector, elapsedMs: replay.durationMs });
    const shadow = new ShadowModel(context.world.catalog());
    for (const event of events) shadow.deliver(event, replay.outcomes.get(event.id));
    const attribution = attribute(shadow.judged);
    const sections: ReportSection[] = [replaySection(replay), attributionSection(attribution)];
    const notes: string[] = [];
    if (context.recordedReplay) {
      notes.push("judged the answers an external load run (k6) recorded; this run sent no write");
    }
    const injected = replayPlan.injected;
    if (injected) {
      notes.push(
        `injected ${injected.duplicates} duplicates, ${injected.retries} retries, ${injected.outOfOrder} out-of-order and ${injected.late} late deliveries (seed ${context.seed})`,
      );
    }
    if (writer.lookups > 0)
      notes.push(
        `${writer.lookups} subscribers looked up by externalId (an activation answer could not be used)`,
      );
    if (replay.interrupted > 0) {
      notes.push(
        `${replay.interrupted} requests in flight were cut off by the interruption (not counted as failures)`,
      );
    }
    const harnessLate =
      replay.harnessLag.p99Ms > options.harnessLagBudgetMs
        ? `the harness noticed due events p99 ${replay.harnessLag.p99Ms} ms late (budget ${options.harnessLagBudgetMs} ms; event-loop delay p99 ${replay.eventLoopDelay.p99Ms} ms), so latency measured the harness`
        : undefined;
    if (harnessLate) notes.push(harnessLate);
    const outcome = (complete: boolean, reason?: string): SuiteOutcome => ({
      complete,
      ...(reason ? { reason } : {}),
      measurements: measurements.list(),
      notes: reason ? [reason, ...notes] : notes,
      sections,
      metrics,
      ...(harnessLate ? { harnessLate } : {}),
    });
    if (replay.aborted) {
      recordAttribution(measurements, attribution, []);
      return outcome(
        false,
        `replay stopped after ${replay.sent} of ${replay.total} events (${replay.abortReason ?? "stopped"}); state not compared`,
      );
    }

    const comparable = new Map([...shadow.subscribers].filter(([id]) => !shadow.indeterminate.has(id)));
    const comparison = await compareWithDestination(comparable, replay.identities, {
      reader: target["state-read"],
      signal,
      concurrency: options.concurrency,
      settleMs: options.settleMs,
      progress: (done, total) => context.progress("compare", done, total),
    });
    recordAttribution(
      measurements,
      attribution,
      comparison.violations.map((v) => `${v.subscriberId}: ${v.message}`),
    );
    if (signal.aborted) return outcome(false, "interrupted during the state comparison");
    const { mismatches } = comparison;
    const affected = [...new Set(mismatches.map((m) => m.subscriberId))].sort();
    const left =
      shadow.indeterminate.size > 0 ? ` (${shadow.indeterminate.size} left out: a write got no answer)` : "";
    measurements.set("state_mismatches", affected.length, "count", {
      summary:
        affected.length === 0
          ? `all ${comparable.size} subscribers match the shadow model${left}`
          : `${affected.length} of ${comparable.size} subscribers differ from the shadow model after ${options.settleMs} ms to settle: ${affected
              .slice(0, 10)
              .join(", ")}${affected.length > 10 ? ", …" : ""}${left}`,
      items: mismatches.slice(0, EVIDENCE_LIMIT),
    });
    const convergence = createLatencyRecorder();
    for (const c of comparison.converged) convergence.record(c.afterMs);
    const c = convergence.summary();
    measurements.set("stale_reads", comparison.converged.length, "count", {
      summary:
        comparison.converged.length === 0
          ? "every read showed the expected state at once"
          : `${comparison.converged.length} subscribers read stale state first and converged after p50 ${c.p50Ms} ms, p99 ${c.p99Ms} ms, max ${c.maxMs} ms: ${comparison.converged
              .slice(0, 10)
              .map((x) => x.subscriberId)
              .join(", ")}`,
    });
    measurements.set("read_convergence_p99_ms", c.p99Ms, "ms");
    measurements.set("read_convergence_max_ms", c.maxMs, "ms");
    measurements.set("subscribers_compared", comparable.size, "count");
    measurements.set("subscribers_indeterminate", shadow.indeterminate.size, "count");
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
    if (comparable.size === 0) {
      // Nothing to compare is no verdict on state — unless the answers themselves already are one:
      // a destination that wrongly refused or failed its activations is judged by those findings.
      const t = attribution.totals;
      const findings = t.wrongly_refused + t.wrongly_accepted + t.failed + t.unparseable;
      if (findings === 0) {
        return outcome(
          false,
          shadow.indeterminate.size > 0
            ? "no subscriber could be compared: every one had a write without an answer"
            : "no subscriber could be compared: the traffic left no subscriber on the destination",
        );
      }
      notes.push(
        `no subscriber could be compared: none is expected on the destination after ${findings} wrong or failed answers`,
      );
    }
    return outcome(true);
  },
});
