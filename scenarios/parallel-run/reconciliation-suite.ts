/**
 * `parallel-run.reconciliation`: a parallel period (four weeks by default, compressed on the
 * simulated clock) in which the suite's subscribers move onto the destination in cohorts and every
 * provisioning event is dual-written to the legacy BSS and the destination through a sync layer
 * with real-world differences (sync-layer.ts). Every cadence (4 simulated hours) the two systems are
 * reconciled by checksums over key ranges with bisection, fetching only differing ranges
 * (harness/reconcile); each difference is explained or not by the contract's expectation of what
 * the destination was sent (explain.ts). Canary drifts — a write made on the destination only —
 * measure how long a drift takes to be found.
 */
import { Temporal } from "temporal-polyfill";
import { z } from "zod";
import {
  activationPayloadOf,
  billingPeriodAt,
  hashString,
  type ProvisioningEvent,
  type ReportSection,
  type Subscriber,
} from "../../domain/index.ts";
import {
  type CohortImport,
  createLegacyPeers,
  defineSuite,
  MeasurementSet,
  reconcile,
  reconcileSourceOf,
  ShadowModel,
  type SuiteOutcome,
} from "../../harness/index.ts";
import { type MigrationStatusRow, migrationStatusSection } from "../shared/migration-status.ts";
import { retry5xx } from "../shared/retry.ts";
import { suitePopulation } from "../shared/suite-population.ts";
import { type ScheduledCohort, scheduleCohorts } from "./cohort-schedule.ts";
import { planDualWrites } from "./dual-write-plan.ts";
import { type Explanation, explain } from "./explain.ts";
import { SyncLayer } from "./sync-layer.ts";

/** Key and id namespace of this suite's subscribers on a shared destination. */
const PREFIX = "pr-";
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const EVIDENCE_LIMIT = 50;
const IMPORT_CHUNK = 500;

const options = z
  .object({
    /** Length of the parallel period in simulated days. */
    periodDays: z.number().positive().max(120).default(28),
    /** Reconciliation cadence in simulated hours (the playbook's four). */
    cadenceHours: z.number().positive().max(168).default(4),
    /** Subscribers in the parallel run (a sample of the base, with their own ids). */
    subscribers: z.number().int().positive().max(200_000).default(1000),
    /**
     * The base one reconciliation must cover; the measured duration is scaled linearly from the
     * reconciled subscribers to it. The world's base size when absent.
     */
    baseSubscribers: z.number().int().positive().optional(),
    cohorts: z.number().int().min(1).max(50).default(4),
    cohortSpacingDays: z.number().min(0).max(60).default(2),
    eventsPerSubscriber: z.number().min(0).max(60).default(4),
    legacyLatencyMedianMs: z.number().min(0).default(150),
    destinationSkewMedianMs: z.number().min(0).default(2000),
    destinationSkewSigma: z.number().min(0).max(3).default(1.2),
    reorderShare: z.number().min(0).max(0.5).default(0.1),
    conflictShare: z.number().min(0).max(0.5).default(0.05),
    destinationFailureRate: z.number().min(0).max(0.5).default(0.02),
    legacyFailureRate: z.number().min(0).max(0.5).default(0.005),
    retryBackoffMedianMs: z.number().positive().default(60_000),
    /** Canary drifts planted on the destination only, spread over the period. */
    canaries: z.number().int().min(0).max(100).default(4),
    /** Bisection factor and threshold (data-diff's): segments per level, rows fetched rather than split. */
    segments: z.number().int().min(2).max(1024).default(32),
    leafRows: z.number().int().min(1).max(10_000).default(64),
    concurrency: z.number().int().positive().max(1024).default(32),
  })
  .strict();

type Options = z.infer<typeof options>;

interface Canary {
  readonly index: number;
  readonly atMs: number;
  key?: string;
  injectedAtMs?: number;
  detectedAtMs?: number;
  detectionSec?: number;
}

interface WindowRecord {
  readonly atMs: number;
  readonly compared: number;
  readonly destinationRows: number;
  readonly differing: number;
  readonly explained: number;
  readonly unexplained: number;
  readonly checksumCalls: number;
  readonly rowsFetched: number;
  readonly durationMs: number;
  /** The duration scaled to the base's size (ms). */
  readonly durationAtBaseMs: number;
  readonly full: boolean;
}

function periodOf(context: { refDate: Temporal.Instant }, o: Options) {
  const startMs = context.refDate.epochMilliseconds;
  const endMs = startMs + Math.round(o.periodDays * DAY_MS);
  const cadenceMs = Math.round(o.cadenceHours * HOUR_MS);
  return { startMs, endMs, cadenceMs, windows: Math.max(1, Math.floor((endMs - startMs) / cadenceMs)) };
}

export const parallelRunReconciliationSuite = defineSuite({
  id: "parallel-run.reconciliation",
  title: "Parallel run and reconciliation",
  description:
    "Dual-writes a parallel period's provisioning events to the legacy BSS and the destination through a sync layer with skew, reordering, failures and conflicts; reconciles the two every cadence by range checksums with bisection and explains every difference.",
  options,
  requires: ["provisioning", "cohort-import", "reconciliation"],
  // Small and short: a day of 6 windows over 40 subscribers, every irregularity kept; the base size
  // is set so that the median reconciliation at the base's size stays far under the cadence unless the
  // destination's checksums cost tens of milliseconds a row (slow-reconciliation).
  proofOptions: {
    periodDays: 1,
    subscribers: 40,
    cohorts: 2,
    cohortSpacingDays: 0.25,
    eventsPerSubscriber: 3,
    reorderShare: 0.5,
    conflictShare: 0.3,
    destinationFailureRate: 0.1,
    retryBackoffMedianMs: 20_000,
    canaries: 2,
    baseSubscribers: 700_000,
  },
  plan(context) {
    const o = context.options;
    const { startMs, endMs, windows } = periodOf(context, o);
    const population = suitePopulation(context, PREFIX, o.subscribers);
    const cohorts = scheduleCohorts(population, {
      startMs,
      endMs,
      cohorts: o.cohorts,
      spacingDays: o.cohortSpacingDays,
      minParallelDays: Math.min(2, o.periodDays / 4),
    });
    const writes = planDualWrites(
      trafficSeed(context.seed),
      population,
      context.world.catalog(),
      dualWriteOptions(o, startMs),
      context.random("plan"),
      context.world.spec.catalog,
    );
    return {
      summary: `${population.length} subscribers in ${cohorts.length} cohorts over a ${o.periodDays}-day parallel period: ${writes.writes.length} provisioning events dual-written (${writes.reordered} overtaken, ${writes.conflicts} write conflicts), reconciled every ${o.cadenceHours} h (${windows} times) by range checksums with bisection`,
      checks: [
        "every difference between legacy and the destination explained by the sync layer and the contract (unexplained drift = 0)",
        `a canary drift found by the next reconciliation (${o.canaries} canaries; detection within one cadence)`,
        `the median reconciliation at the base's size (${o.baseSubscribers ?? context.world.spec.subscribers} subscribers) shorter than the cadence`,
        "drift count and rate per window; migration status per subscriber",
      ],
    };
  },
  async run(context): Promise<SuiteOutcome> {
    const o = context.options;
    const { target, signal } = context;
    const { startMs, endMs, cadenceMs, windows } = periodOf(context, o);
    const population = suitePopulation(context, PREFIX, o.subscribers);
    const bySubscriber = new Map(population.map((s) => [s.id, s]));
    const cohorts = scheduleCohorts(population, {
      startMs,
      endMs,
      cohorts: o.cohorts,
      spacingDays: o.cohortSpacingDays,
      minParallelDays: Math.min(2, o.periodDays / 4),
    });
    const cohortOf = new Map<string, ScheduledCohort>();
    for (const c of cohorts) for (const s of c.subscribers) cohortOf.set(s.id, c);
    const plan = planDualWrites(
      trafficSeed(context.seed),
      population,
      context.world.catalog(),
      dualWriteOptions(o, startMs),
      context.random("plan"),
      context.world.spec.catalog,
    );
    const peers = createLegacyPeers({ seed: context.seed, base: population });
    const shadow = new ShadowModel(context.world.catalog());
    const sync = new SyncLayer({
      population,
      writes: plan.writes,
      importAtMs: new Map(population.map((s) => [s.id, (cohortOf.get(s.id) as ScheduledCohort).atMs])),
      target,
      peers,
      shadow,
      faults: context.random("faults"),
      options: {
        destinationFailureRate: o.destinationFailureRate,
        legacyFailureRate: o.legacyFailureRate,
        retryBackoffMedianMs: o.retryBackoffMedianMs,
        concurrency: o.concurrency,
      },
      signal,
    });
    const canaries: Canary[] = Array.from({ length: o.canaries }, (_, j) => {
      const w = Math.min(windows - 1, Math.floor(((j + 1) * windows) / (o.canaries + 1)));
      const frac = 0.1 + 0.8 * context.random("canaries").record(j).next();
      return { index: j, atMs: startMs + w * cadenceMs + Math.round(frac * cadenceMs) };
    });
    type Boundary = { atMs: number; rank: number; run: () => Promise<void> };
    const boundaries: Boundary[] = [
      ...cohorts.map((c) => ({ atMs: c.atMs, rank: 0, run: () => importCohort(c) })),
      ...canaries.map((c) => ({ atMs: c.atMs, rank: 1, run: () => plantCanary(c) })),
      ...Array.from({ length: windows }, (_, w) => {
        const atMs = startMs + (w + 1) * cadenceMs;
        return { atMs, rank: 2, run: () => reconcileAt(atMs) };
      }),
    ].sort((a, b) => a.atMs - b.atMs || a.rank - b.rank);

    const status = new Map<
      string,
      { authority: MigrationStatusRow["authority"]; sinceMs: number; note?: string }
    >();
    for (const s of population) status.set(s.id, { authority: "legacy", sinceMs: startMs });
    const lastResult = new Map<string, { atMs: number; text: string }>();
    const windowsDone: WindowRecord[] = [];
    const unexplained = new Map<string, Explanation & { atMs: number }>();
    const explainedReasons = new Map<string, number>();
    let explainedTotal = 0;
    let importRejected = 0;
    const lastImportMs = Math.max(...cohorts.map((c) => c.atMs));
    const baseSize = o.baseSubscribers ?? context.world.spec.subscribers;

    async function importCohort(cohort: ScheduledCohort): Promise<void> {
      const at = Temporal.Instant.fromEpochMilliseconds(cohort.atMs);
      const movable = cohort.subscribers
        .map((s) => ({ s, legacy: peers.legacySubscriber(s.id) }))
        .filter((x) => x.legacy && x.legacy.status !== "terminated");
      for (const s of cohort.subscribers) {
        if (peers.legacySubscriber(s.id)?.status === "terminated") {
          status.set(s.id, {
            authority: "legacy",
            sinceMs: startMs,
            note: `not migrated: terminated on legacy before its cohort's import (${iso(cohort.atMs)})`,
          });
        }
      }
      for (let i = 0; i < movable.length; i += IMPORT_CHUNK) {
        const chunk = movable.slice(i, i + IMPORT_CHUNK);
        const subscribers: Subscriber[] = chunk.map(({ s, legacy }) =>
          legacyAsImported(s, legacy as NonNullable<typeof legacy>, at),
        );
        const cohortImport: CohortImport = {
          cohortId: `${PREFIX}${cohort.id}`,
          cutoverAt: at.toString(),
          subscribers,
        };
        const result = await retry5xx(() =>
          target["cohort-import"].importCohort(cohortImport, `${PREFIX}import-${cohort.id}-${i}`, signal),
        );
        for (const r of result.results) {
          const imported = subscribers[r.index];
          if (!imported) continue;
          if (r.status === "imported" && r.id) {
            sync.imported(imported.id, r.id, cohort.atMs);
            for (const event of shadowSeed(imported, at))
              shadow.deliver(event, { status: event.type === "activation" ? 201 : 200 });
            peers.markMigrating([imported.id]);
            status.set(imported.id, { authority: "in parallel", sinceMs: cohort.atMs });
          } else {
            importRejected += 1;
            const sub = sync.subscribers.get(imported.id);
            if (sub) sub.importRejected = r.reason ?? "rejected";
            status.set(imported.id, {
              authority: "legacy",
              sinceMs: startMs,
              note: `import rejected: ${r.reason ?? "rejected"}`,
            });
          }
        }
      }
      context.journal.append("cohort-imported", {
        cohort: cohort.id,
        simulatedAt: at.toString(),
        subscribers: movable.length,
      });
    }

    async function plantCanary(canary: Canary): Promise<void> {
      const candidates = [...sync.subscribers.values()]
        .filter(
          (s) => s.destinationId && (shadow.subscribers.get(s.subscriber.id)?.status ?? "") === "active",
        )
        .map((s) => s.subscriber);
      if (candidates.length === 0) return;
      const s = context
        .random("canaries")
        .record(1000 + canary.index)
        .pick(candidates);
      const event = canaryEvent(s, canary, "destination");
      const outcome = await sync.destinationOnly(s.id, event);
      if (outcome && outcome.status >= 200 && outcome.status < 300) {
        canary.key = s.id;
        canary.injectedAtMs = canary.atMs;
      }
    }

    async function reconcileAt(atMs: number): Promise<void> {
      context.progress("reconcile", windowsDone.length, windows);
      const t0 = performance.now();
      const result = await reconcile(
        reconcileSourceOf(peers.reconciliation, PREFIX),
        reconcileSourceOf(target.reconciliation, PREFIX),
        { segments: o.segments, leafRows: o.leafRows, concurrency: 8, signal },
      );
      const durationMs = performance.now() - t0;
      const compared = Math.max(result.legacyRows, result.destinationRows);
      const durationAtBaseMs = durationMs * (baseSize / Math.max(1, compared));
      const pending = (key: string) => canaries.some((c) => c.key === key && c.detectedAtMs === undefined);
      let explainedHere = 0;
      let unexplainedHere = 0;
      const differing = new Set<string>();
      for (const diff of result.differences) {
        differing.add(diff.key);
        const e = explain(diff, sync, shadow, pending);
        if (e.explained) {
          explainedHere += 1;
          explainedReasons.set(e.reason, (explainedReasons.get(e.reason) ?? 0) + 1);
          lastResult.set(diff.key, {
            atMs,
            text: `explained drift: ${e.reason} (${diff.fields.join(", ")})`,
          });
        } else {
          unexplainedHere += 1;
          if (!unexplained.has(diff.key)) unexplained.set(diff.key, { ...e, atMs });
          lastResult.set(diff.key, { atMs, text: `unexplained drift: ${e.reason}` });
          const st = status.get(diff.key);
          if (st && st.authority === "in parallel")
            status.set(diff.key, { authority: "rolled back", sinceMs: atMs, note: "unexplained drift" });
        }
      }
      for (const [id, sub] of sync.subscribers) {
        if (sub.destinationId && !differing.has(id)) lastResult.set(id, { atMs, text: "match" });
      }
      for (const canary of canaries) {
        if (canary.key === undefined || canary.detectedAtMs !== undefined || !differing.has(canary.key))
          continue;
        canary.detectedAtMs = atMs;
        canary.detectionSec = (atMs - (canary.injectedAtMs as number) + durationAtBaseMs) / 1000;
        // The repair: the operator applies the destination-only change to legacy too.
        await peers.writeLegacy(canaryEvent(bySubscriber.get(canary.key) as Subscriber, canary, "legacy"));
      }
      explainedTotal += explainedHere;
      const record: WindowRecord = {
        atMs,
        compared,
        destinationRows: result.destinationRows,
        differing: result.differences.length,
        explained: explainedHere,
        unexplained: unexplainedHere,
        checksumCalls: result.checksumCalls,
        rowsFetched: result.rowsFetched,
        durationMs,
        durationAtBaseMs,
        full: atMs >= lastImportMs,
      };
      windowsDone.push(record);
      context.journal.append("reconciliation", { ...record, simulatedAt: iso(atMs) });
    }

    for (const b of boundaries) {
      if (signal.aborted) break;
      await sync.drain(b.atMs);
      await b.run();
    }
    // Authority after the period: every line still in parallel and reconciled moves to the destination.
    for (const [id, st] of status) {
      if (st.authority === "in parallel" && !unexplained.has(id))
        status.set(id, { authority: "destination", sinceMs: endMs });
    }
    const m = new MeasurementSet();
    const full = windowsDone.filter((w) => w.full);
    const timed = full.length > 0 ? full : windowsDone;
    // The gate reads the median of the reconciliations over the whole population (after the last
    // import): one reconciliation's duration, not the worst moment of a shared machine.
    const sortedTimes = [...timed].sort((a, b) => a.durationAtBaseMs - b.durationAtBaseMs);
    const worst = sortedTimes[Math.floor((sortedTimes.length - 1) / 2)];
    const maxDurationMs = worst?.durationAtBaseMs ?? 0;
    const longest = sortedTimes.at(-1);
    const rates = windowsDone.map((w) => (w.compared > 0 ? (100 * w.differing) / w.compared : 0));
    const driftTotal = windowsDone.reduce((n, w) => n + w.differing, 0);
    m.set("subscribers", population.length, "count");
    m.set("cohorts", cohorts.length, "count");
    m.set("cohorts_cycle_aligned", cohorts.filter((c) => c.cycleAligned).length, "count");
    m.set("import_rejected", importRejected, "count");
    m.set("events_planned", plan.writes.length, "count");
    m.set("writes_reordered", plan.reordered, "count");
    m.set("write_conflicts", plan.conflicts, "count");
    m.set("legacy_writes", sync.counters.legacyWrites, "count");
    m.set("destination_writes", sync.counters.destinationWrites, "count");
    m.set("destination_retries", sync.counters.destinationRetries, "count");
    m.set("legacy_retries", sync.counters.legacyRetries, "count");
    m.set("writes_parked", sync.counters.parked, "count");
    m.set("conflict_resolutions", sync.counters.conflictResolutions, "count");
    m.set("writes_given_up", sync.counters.givenUp, "count");
    m.set("reconciliations", windowsDone.length, "count");
    m.set("drift_rows_total", driftTotal, "count");
    m.set("drift_rate_max_pct", round(Math.max(0, ...rates), 3), "%");
    m.set(
      "drift_rate_mean_pct",
      round(rates.length > 0 ? rates.reduce((a, b) => a + b, 0) / rates.length : 0, 3),
      "%",
    );
    m.set("explained_drift", explainedTotal, "count", {
      summary:
        explainedTotal === 0
          ? "no difference needed explaining"
          : `${explainedTotal} differences over ${windowsDone.length} reconciliations, all explained: ${[
              ...explainedReasons,
            ]
              .map(([r, n]) => `${n} ${r}`)
              .join("; ")}`,
    });
    const unexplainedList = [...unexplained.values()];
    m.set("unexplained_drift", unexplainedList.length, "count", {
      summary:
        unexplainedList.length === 0
          ? `every difference between legacy and the destination was explained (${windowsDone.length} reconciliations of ${population.length} subscribers)`
          : `${unexplainedList.length} subscribers drifted without an explanation: ${unexplainedList
              .slice(0, 5)
              .map((u) => `${u.key} (${u.reason})`)
              .join("; ")}${unexplainedList.length > 5 ? "; …" : ""}`,
      items: unexplainedList
        .slice(0, EVIDENCE_LIMIT)
        .map((u) => ({ key: u.key, at: iso(u.atMs), fields: u.fields.join(","), reason: u.reason })),
    });
    const planted = canaries.filter((c) => c.injectedAtMs !== undefined);
    const cadenceSec = cadenceMs / 1000;
    // A canary never found counts as found one cadence after the period's end: always a failure.
    const detectionOf = (c: Canary) =>
      c.detectionSec ?? (endMs - (c.injectedAtMs as number)) / 1000 + cadenceSec;
    const detectionMax = Math.max(0, ...planted.map(detectionOf));
    m.set("canaries_planted", planted.length, "count");
    m.set("canaries_detected", planted.filter((c) => c.detectionSec !== undefined).length, "count");
    m.set("detection_time_max_s", round(detectionMax, 1), "s", {
      summary:
        planted.length === 0
          ? "no canary could be planted"
          : planted
              .map((c) =>
                c.detectionSec === undefined
                  ? `canary ${c.index + 1} planted ${iso(c.injectedAtMs as number)} never found`
                  : `canary ${c.index + 1} planted ${iso(c.injectedAtMs as number)} found by the reconciliation of ${iso(c.detectedAtMs as number)} (${round(c.detectionSec / 3600, 2)} h)`,
              )
              .join("; "),
    });
    m.set(
      "detection_time_cadences",
      planted.length === 0 ? 99 : round(detectionMax / cadenceSec, 3),
      "ratio",
    );
    m.set("reconciliation_duration_s", round(maxDurationMs / 1000, 1), "s", {
      summary: worst
        ? `median of ${timed.length} reconciliations: ${round(worst.durationMs, 1)} ms for ${worst.compared} subscribers (${worst.checksumCalls} checksum requests, ${worst.rowsFetched} rows fetched), ${round(worst.durationAtBaseMs / 1000, 1)} s scaled linearly to ${baseSize} subscribers; the cadence is ${cadenceSec} s`
        : "no reconciliation ran",
    });
    m.set("reconciliation_duration_max_s", round((longest?.durationAtBaseMs ?? 0) / 1000, 1), "s");
    m.set(
      "reconciliation_duration_cadences",
      worst ? round(maxDurationMs / 1000 / cadenceSec, 6) : 99,
      "ratio",
    );
    m.set("reconciliation_rows_fetched_max", Math.max(0, ...windowsDone.map((w) => w.rowsFetched)), "count");

    const sections: ReportSection[] = [
      {
        kind: "timeseries",
        id: "drift-per-window",
        title: "Drift per reconciliation window",
        description: `Differences found every ${o.cadenceHours} simulated hours, explained and not, and the reconciliation's duration scaled to the base's size.`,
        xLabel: "simulated hours",
        x: windowsDone.map((w) => round((w.atMs - startMs) / HOUR_MS, 2)),
        series: [
          { name: "differing", unit: "count", values: windowsDone.map((w) => w.differing) },
          { name: "unexplained", unit: "count", values: windowsDone.map((w) => w.unexplained) },
          { name: "drift rate", unit: "%", values: rates.map((r) => round(r, 3)) },
          {
            name: "duration at base size",
            unit: "s",
            values: windowsDone.map((w) => round(w.durationAtBaseMs / 1000, 2)),
          },
        ],
      },
      {
        kind: "table",
        id: "reconciliation-windows",
        title: "Reconciliations",
        columns: [
          { key: "at", label: "at" },
          { key: "compared", label: "subscribers" },
          { key: "differing", label: "differing" },
          { key: "explained", label: "explained" },
          { key: "unexplained", label: "unexplained" },
          { key: "checksumCalls", label: "checksum requests" },
          { key: "rowsFetched", label: "rows fetched" },
          { key: "durationMs", label: "duration", unit: "ms" },
        ],
        rows: windowsDone.map((w) => ({
          at: iso(w.atMs),
          compared: w.compared,
          differing: w.differing,
          explained: w.explained,
          unexplained: w.unexplained,
          checksumCalls: w.checksumCalls,
          rowsFetched: w.rowsFetched,
          durationMs: round(w.durationMs, 1),
        })),
        totalRows: windowsDone.length,
      },
    ];
    if (unexplainedList.length > 0) {
      sections.push({
        kind: "table",
        id: "unexplained-drift",
        title: "Unexplained drift",
        columns: [
          { key: "key", label: "subscriber" },
          { key: "at", label: "found at" },
          { key: "fields", label: "fields differing from legacy" },
          { key: "reason", label: "why it is not explained" },
        ],
        rows: unexplainedList
          .slice(0, EVIDENCE_LIMIT)
          .map((u) => ({ key: u.key, at: iso(u.atMs), fields: u.fields.join(", "), reason: u.reason })),
        totalRows: unexplainedList.length,
      });
    }
    sections.push(
      migrationStatusSection(
        population.map((s) => {
          const st = status.get(s.id) as {
            authority: MigrationStatusRow["authority"];
            sinceMs: number;
            note?: string;
          };
          const last = lastResult.get(s.id);
          return {
            subscriber: s.id,
            msisdn: s.msisdn,
            authority: st.authority,
            since: iso(st.sinceMs),
            cohort: cohortOf.get(s.id)?.id ?? "",
            lastReconciledAt: last ? iso(last.atMs) : "",
            lastResult: last?.text ?? st.note ?? "not reconciled (not on the destination)",
          };
        }),
        `Every subscriber of the parallel run at its end (${iso(endMs)}): cohorts in the playbook's order (inactive and low-ARPU first, high-value parts at their billing-cycle boundary).`,
      ),
    );
    const notes = [
      `${population.length} subscribers, ${cohorts.length} cohorts (${cohorts.filter((c) => c.cycleAligned).length} at a billing-cycle boundary), ${plan.writes.length} events over ${o.periodDays} days; reconciliations every ${o.cadenceHours} h compare the ${PREFIX}* keys of both systems (seed ${context.seed})`,
    ];
    if (signal.aborted)
      return {
        complete: false,
        reason: "interrupted during the parallel period",
        measurements: m.list(),
        notes,
        sections,
      };
    return { complete: true, measurements: m.list(), notes, sections };
  },
});

/**
 * The seed of the parallel run's traffic: the run's seed mixed with the suite's namespace, so that
 * its generated SIM swaps and numbers never repeat those of the world's traffic (provisioning.replay
 * activates the world's base on the same destination).
 */
function trafficSeed(seed: number): number {
  return (seed ^ hashString(PREFIX)) >>> 0;
}

function dualWriteOptions(o: Options, startMs: number) {
  return {
    startMs,
    periodDays: o.periodDays,
    eventsPerSubscriber: o.eventsPerSubscriber,
    legacyLatencyMedianMs: o.legacyLatencyMedianMs,
    destinationSkewMedianMs: o.destinationSkewMedianMs,
    destinationSkewSigma: o.destinationSkewSigma,
    reorderShare: o.reorderShare,
    conflictShare: o.conflictShare,
    keyPrefix: PREFIX,
  };
}

/** The subscriber as legacy holds it at the cohort's cutover, with the legacy billing period of that instant. */
function legacyAsImported(
  s: Subscriber,
  legacy: {
    planId: string;
    status: string;
    balanceMinor: number;
    msisdn: string;
    imsi: string;
    iccid: string;
    addOns: string[];
  },
  at: Temporal.Instant,
): Subscriber {
  const period = billingPeriodAt(at, s.billing.anchorDay, s.billing.timezone);
  return {
    ...s,
    msisdn: legacy.msisdn,
    imsi: legacy.imsi,
    iccid: legacy.iccid,
    planId: legacy.planId,
    status: legacy.status as Subscriber["status"],
    addOns: [...legacy.addOns],
    billing: {
      ...s.billing,
      balanceMinor: legacy.balanceMinor,
      periodStart: period.start.toInstant().toString(),
      usageToDate: { voiceSec: 0, smsCount: 0, dataBytes: 0 },
    },
  };
}

/** What the shadow model is told an import created: an activation with the legacy state, its add-ons, its status. */
function shadowSeed(s: Subscriber, at: Temporal.Instant): ProvisioningEvent[] {
  const base = { at: at.toString(), subscriberId: s.id, source: "cohort-import" };
  const events: ProvisioningEvent[] = [
    {
      ...base,
      id: `${s.id}-import`,
      idempotencyKey: `${PREFIX}shadow-import-${s.id}`,
      type: "activation",
      payload: activationPayloadOf(s, s.billing.balanceMinor),
    },
  ];
  for (const [i, addonId] of s.addOns.entries()) {
    events.push({
      ...base,
      id: `${s.id}-import-addon-${i}`,
      idempotencyKey: `${PREFIX}shadow-import-${s.id}-addon-${i}`,
      type: "addon_purchase",
      payload: { addonId, priceMinor: 0, currency: s.billing.currency },
    });
  }
  if (s.status === "suspended") {
    events.push({
      ...base,
      id: `${s.id}-import-suspended`,
      idempotencyKey: `${PREFIX}shadow-import-${s.id}-suspended`,
      type: "suspension",
      payload: { reason: "imported suspended" },
    });
  }
  return events;
}

/** A canary drift: a free add-on bought on one side only (a care agent's goodwill add-on), then repaired on the other. */
function canaryEvent(s: Subscriber, canary: Canary, side: "destination" | "legacy"): ProvisioningEvent {
  return {
    id: `${s.id}-canary-${canary.index}-${side}`,
    at: iso(canary.atMs),
    subscriberId: s.id,
    idempotencyKey: `${PREFIX}canary-${canary.index}-${side}`,
    source: side === "destination" ? "care-on-destination" : "reconciliation-repair",
    type: "addon_purchase",
    payload: { addonId: `RECON-CANARY-${canary.index + 1}`, priceMinor: 0, currency: s.billing.currency },
  };
}

function iso(ms: number): string {
  return Temporal.Instant.fromEpochMilliseconds(ms).toString();
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
