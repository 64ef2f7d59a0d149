/**
 * `cutover.mnp`: a rehearsal of the number-portability cutover, the step that cannot be undone
 * quickly. The rollback criteria are declared in the config before the event and journaled before
 * the cutover; the suite's numbers (a migrated cohort) are cut over on the destination and their
 * routing entries moved at the MNO; a post-cutover validation window (90 simulated minutes by
 * default, checked every 15) checks inbound voice and SMS from several carriers, outbound voice and
 * SMS, data and the IVR path of every migrated MSISDN through the MNO routing mock, which asks the
 * destination what it terminates for each number. The criteria then imply a decision — proceed or
 * roll back — which is recorded; the rollback is rehearsed (always, unless told not to), and every
 * number must route to legacy again afterwards.
 */
import { Temporal } from "temporal-polyfill";
import { z } from "zod";
import {
  billingPeriodAt,
  type ChecklistSection,
  type ReportSection,
  type Subscriber,
  TrancheError,
} from "../../domain/index.ts";
import {
  type CapabilitiesOf,
  createLatencyRecorder,
  createLegacyPeers,
  defineSuite,
  type LegacyPeers,
  MeasurementSet,
  type SuiteOutcome,
} from "../../harness/index.ts";
import { migrationStatusSection } from "../shared/migration-status.ts";
import { retry5xx } from "../shared/retry.ts";
import { suitePopulation } from "../shared/suite-population.ts";

const PREFIX = "mnp-";
const COHORT = `${PREFIX}cutover`;
const EVIDENCE_LIMIT = 50;

const CriteriaSchema = z
  .object({
    /** Roll back when more than this share of route checks fail (%). */
    maxRouteFailurePct: z.number().min(0).max(100).default(0.5),
    /** Roll back when more than this share of the destination's routing answers are errors (%). */
    maxErrorRatePct: z.number().min(0).max(100).default(1),
    /** Roll back when the destination's routing answers are slower than this at p95 (ms). */
    maxLatencyP95Ms: z.number().positive().default(1000),
  })
  .strict();

const options = z
  .object({
    /** Migrated MSISDNs cut over. */
    numbers: z.number().int().positive().max(50_000).default(200),
    /** The cutover instant (lowest-traffic window); the reference date + 2 h when absent. */
    cutoverAt: z.iso.datetime({ offset: true }).optional(),
    /** Post-cutover validation window in simulated minutes (the playbook's 90 at least). */
    windowMinutes: z
      .number()
      .positive()
      .max(24 * 60)
      .default(90),
    /** Minutes between two validation rounds of every number. */
    checkEveryMinutes: z
      .number()
      .positive()
      .max(24 * 60)
      .default(15),
    /** Carriers inbound calls and SMS are checked from. */
    carriers: z.array(z.string().min(1)).min(1).default(["CARRIER-A", "CARRIER-B", "CARRIER-C"]),
    /** Declared before the event: the thresholds that make the cutover roll back. */
    rollbackCriteria: CriteriaSchema.default({
      maxRouteFailurePct: 0.5,
      maxErrorRatePct: 1,
      maxLatencyP95Ms: 1000,
    }),
    /** Rehearse the rollback even when the criteria say proceed (an untested way back is a risk). */
    rehearseRollback: z.boolean().default(true),
  })
  .strict();

type Service = "voice" | "sms" | "data" | "ivr";
interface Check {
  readonly service: Service;
  readonly direction: "inbound" | "outbound";
  readonly originCarrier?: string;
}

function checksOf(carriers: readonly string[]): Check[] {
  return [
    ...carriers.map((c): Check => ({ service: "voice", direction: "inbound", originCarrier: c })),
    ...carriers.map((c): Check => ({ service: "sms", direction: "inbound", originCarrier: c })),
    { service: "voice", direction: "outbound" },
    { service: "sms", direction: "outbound" },
    { service: "data", direction: "outbound" },
    { service: "ivr", direction: "inbound" },
  ];
}

const label = (c: Check) => `${c.direction} ${c.service}${c.originCarrier ? ` from ${c.originCarrier}` : ""}`;

export const cutoverMnpSuite = defineSuite({
  id: "cutover.mnp",
  title: "Number-portability cutover rehearsal",
  description:
    "Cuts a migrated cohort's numbers over to the destination under rollback criteria declared beforehand, validates voice, SMS from several carriers, data and IVR routing of every number over the post-cutover window, records the decision the criteria imply and rehearses the rollback.",
  options,
  requires: ["cohort-import", "network"],
  proofOptions: { numbers: 30, checkEveryMinutes: 45 },
  plan({ options: o, refDate }) {
    const at = o.cutoverAt ?? refDate.add({ hours: 2 }).toString();
    const rounds = Math.floor(o.windowMinutes / o.checkEveryMinutes) + 1;
    const per = checksOf(o.carriers).length;
    const c = o.rollbackCriteria;
    return {
      summary: `${o.numbers} migrated numbers cut over at ${at}; ${rounds} validation rounds over ${o.windowMinutes} min, ${per} route checks per number each (${o.carriers.length} carriers); rollback ${o.rehearseRollback ? "rehearsed" : "only if the criteria say so"}`,
      checks: [
        `rollback criteria declared before the event: route failures ≤ ${c.maxRouteFailurePct} %, routing errors ≤ ${c.maxErrorRatePct} %, routing p95 ≤ ${c.maxLatencyP95Ms} ms`,
        "every migrated number routes to the destination for inbound and outbound voice, SMS, data and IVR",
        "after a rollback every number routes to legacy again",
      ],
    };
  },
  async run(context): Promise<SuiteOutcome> {
    const o = context.options;
    const { target, signal } = context;
    const criteria = o.rollbackCriteria;
    const cutoverAt = Temporal.Instant.from(o.cutoverAt ?? context.refDate.add({ hours: 2 }).toString());
    const population = suitePopulation(context, PREFIX, o.numbers);
    const peers = createLegacyPeers({ seed: context.seed, base: population });
    const latency = createLatencyRecorder();
    let lookups = 0;
    let lookupErrors = 0;
    let roundCache = new Map<string, Promise<{ services: readonly string[]; ivr: boolean } | undefined>>();
    peers.setRecipientLookup((_network, msisdn) => {
      let answer = roundCache.get(msisdn);
      if (!answer) {
        answer = (async () => {
          lookups += 1;
          const t0 = performance.now();
          try {
            const route = await target.network.route(msisdn, signal);
            return route ? { services: route.services, ivr: route.ivr } : undefined;
          } catch (error) {
            if (!(error instanceof TrancheError)) throw error;
            lookupErrors += 1;
            return undefined;
          } finally {
            latency.record(performance.now() - t0);
          }
        })();
        roundCache.set(msisdn, answer);
      }
      return answer;
    });
    // Declared before the event: journaled before anything moves.
    context.journal.append("rollback-criteria", { ...criteria, declaredAt: cutoverAt.toString() });

    const imported = await importCohort(context.target, population, cutoverAt.subtract({ hours: 1 }), signal);
    const numbers = population.filter((s) => imported.has(s.id)).map((s) => s.msisdn);
    const cut = await retry5xx(() =>
      target.network.cutover(numbers, cutoverAt.toString(), `${PREFIX}cutover-${context.seed}`, signal),
    );
    const rejected = cut.items.filter((i) => i.outcome !== "routed");
    for (const item of cut.items)
      if (item.outcome === "routed") await peers.setNumberRoute(item.msisdn, "DESTINATION");

    const checks = checksOf(o.carriers);
    const rounds = Math.floor(o.windowMinutes / o.checkEveryMinutes) + 1;
    const failuresByCheck = new Map<string, number>();
    const failing = new Map<string, string>();
    let routeChecks = 0;
    let routeFailures = 0;
    for (let r = 0; r < rounds && !signal.aborted; r++) {
      roundCache = new Map();
      const results = await validate(peers, numbers, checks, "DESTINATION");
      for (const x of results) {
        routeChecks += 1;
        if (x.ok) continue;
        routeFailures += 1;
        failuresByCheck.set(label(x.check), (failuresByCheck.get(label(x.check)) ?? 0) + 1);
        if (!failing.has(x.msisdn)) failing.set(x.msisdn, `${label(x.check)}: ${x.reason}`);
      }
      context.progress("validation", r + 1, rounds);
    }
    const lat = latency.summary();
    const failurePct = routeChecks > 0 ? (100 * routeFailures) / routeChecks : 100;
    const errorPct = lookups > 0 ? (100 * lookupErrors) / lookups : 0;
    const triggers = [
      failurePct > criteria.maxRouteFailurePct
        ? `route failures ${round(failurePct)} % > ${criteria.maxRouteFailurePct} %`
        : null,
      errorPct > criteria.maxErrorRatePct
        ? `routing errors ${round(errorPct)} % > ${criteria.maxErrorRatePct} %`
        : null,
      lat.p95Ms > criteria.maxLatencyP95Ms
        ? `routing p95 ${lat.p95Ms} ms > ${criteria.maxLatencyP95Ms} ms`
        : null,
    ].filter((t): t is string => t !== null);
    const rollback = triggers.length > 0;
    const windowEnd = cutoverAt.add({ minutes: o.windowMinutes });
    context.journal.append("rollback-decision", {
      decision: rollback ? "rollback" : "proceed",
      triggers,
      simulatedAt: windowEnd.toString(),
    });

    let leftOnNewRoute: Map<string, string> | undefined;
    if (rollback || o.rehearseRollback) {
      const back = await retry5xx(() =>
        target.network.rollback(numbers, windowEnd.toString(), `${PREFIX}rollback-${context.seed}`, signal),
      );
      for (const item of back.items) await peers.setNumberRoute(item.msisdn, "HOME");
      roundCache = new Map();
      leftOnNewRoute = new Map();
      for (const x of await validate(peers, numbers, checks, "HOME")) {
        if (!x.ok && !leftOnNewRoute.has(x.msisdn))
          leftOnNewRoute.set(x.msisdn, `${label(x.check)}: ${x.reason}`);
      }
    }

    const m = new MeasurementSet();
    m.set("numbers", numbers.length, "count");
    m.set("cutover_rejected", rejected.length, "count", {
      summary:
        rejected.length === 0
          ? "the destination took every number"
          : `${rejected.length} numbers refused: ${rejected
              .slice(0, 5)
              .map((i) => `${i.msisdn} ${i.reason ?? ""}`)
              .join(", ")}`,
    });
    m.set("route_checks", routeChecks, "count");
    m.set("route_failures", routeFailures, "count");
    m.set("route_failure_pct", round(failurePct), "%");
    m.set("unroutable_numbers", failing.size, "count", {
      summary:
        failing.size === 0
          ? `every one of ${numbers.length} numbers routed to the destination in all ${rounds} rounds (${checks.length} checks each)`
          : `${failing.size} of ${numbers.length} numbers failed a route check: ${[...failing]
              .slice(0, 5)
              .map(([n, why]) => `${n} (${why})`)
              .join("; ")}`,
      items: [...failing].slice(0, EVIDENCE_LIMIT).map(([msisdn, why]) => ({ msisdn, why })),
    });
    m.set("routing_error_rate_pct", round(errorPct), "%");
    m.set("routing_latency_p95_ms", lat.p95Ms, "ms");
    m.set("rollback_decision", rollback ? 1 : 0, "flag", {
      summary: rollback
        ? `the declared criteria imply a rollback: ${triggers.join("; ")}`
        : "the declared criteria imply proceeding: no threshold crossed",
    });
    if (leftOnNewRoute) {
      m.set("rollback_left_on_new_route", leftOnNewRoute.size, "count", {
        summary:
          leftOnNewRoute.size === 0
            ? `after the ${rollback ? "rollback" : "rehearsed rollback"} all ${numbers.length} numbers route to legacy for every service`
            : `${leftOnNewRoute.size} numbers still on the new route after the rollback: ${[...leftOnNewRoute]
                .slice(0, 5)
                .map(([n, why]) => `${n} (${why})`)
                .join("; ")}`,
        items: [...leftOnNewRoute].slice(0, EVIDENCE_LIMIT).map(([msisdn, why]) => ({ msisdn, why })),
      });
    }
    const criteriaSection: ChecklistSection = {
      kind: "checklist",
      id: "rollback-criteria",
      title: "Rollback criteria (declared before the cutover)",
      description: `Declared in the config and journaled before the cutover at ${cutoverAt}; judged over the ${o.windowMinutes}-minute validation window. Decision: ${rollback ? "ROLL BACK" : "proceed"}.`,
      items: [
        criterion(
          `route failures ≤ ${criteria.maxRouteFailurePct} % of route checks`,
          `${round(failurePct)} % (${routeFailures} of ${routeChecks})`,
          failurePct <= criteria.maxRouteFailurePct,
        ),
        criterion(
          `routing errors ≤ ${criteria.maxErrorRatePct} % of the destination's routing answers`,
          `${round(errorPct)} % (${lookupErrors} of ${lookups})`,
          errorPct <= criteria.maxErrorRatePct,
        ),
        criterion(
          `routing answers p95 ≤ ${criteria.maxLatencyP95Ms} ms`,
          `${lat.p95Ms} ms`,
          lat.p95Ms <= criteria.maxLatencyP95Ms,
        ),
        {
          requirement: "after a rollback every number routes to legacy again",
          source: "suites.cutover.mnp.rehearseRollback",
          result: !leftOnNewRoute ? "not-checked" : leftOnNewRoute.size === 0 ? "pass" : "fail",
          evidence: !leftOnNewRoute
            ? "no rollback"
            : `${leftOnNewRoute.size} of ${numbers.length} numbers left on the new route`,
        },
      ],
    };
    const sections: ReportSection[] = [
      criteriaSection,
      {
        kind: "table",
        id: "route-checks",
        title: "Post-cutover route checks by service",
        columns: [
          { key: "check", label: "check" },
          { key: "checks", label: "checks" },
          { key: "failures", label: "failures" },
        ],
        rows: checks.map((c) => ({
          check: label(c),
          checks: numbers.length * rounds,
          failures: failuresByCheck.get(label(c)) ?? 0,
        })),
        totalRows: checks.length,
      },
      migrationStatusSection(
        population
          .filter((s) => imported.has(s.id))
          .map((s) => ({
            subscriber: s.id,
            msisdn: s.msisdn,
            authority: rollback ? "rolled back" : "destination",
            since: (rollback ? windowEnd : cutoverAt).toString(),
            cohort: COHORT,
            lastReconciledAt: windowEnd.toString(),
            lastResult: failing.has(s.msisdn)
              ? `route check failed: ${failing.get(s.msisdn)}`
              : "routes verified",
          })),
        `The cut-over numbers after the validation window (decision: ${rollback ? "roll back" : "proceed"}).`,
      ),
    ];
    const notes = [
      `${numbers.length} numbers cut over at ${cutoverAt}, ${rounds} rounds of ${checks.length} checks; decision ${rollback ? `ROLL BACK (${triggers.join("; ")})` : "proceed"}${o.rehearseRollback && !rollback ? "; rollback rehearsed" : ""}`,
    ];
    if (signal.aborted)
      return {
        complete: false,
        reason: "interrupted during the validation window",
        measurements: m.list(),
        notes,
        sections,
      };
    return { complete: true, measurements: m.list(), notes, sections };
  },
});

function criterion(requirement: string, evidence: string, ok: boolean): ChecklistSection["items"][number] {
  return {
    requirement,
    source: "suites.cutover.mnp.rollbackCriteria",
    result: ok ? "pass" : "fail",
    evidence,
  };
}

/** Every check of every number through the MNO routing mock: ok when routed by `expected`. */
async function validate(
  peers: LegacyPeers,
  numbers: readonly string[],
  checks: readonly Check[],
  expected: "DESTINATION" | "HOME",
) {
  const out: Array<{ msisdn: string; check: Check; ok: boolean; reason: string }> = [];
  for (const msisdn of numbers) {
    for (const check of checks) {
      const answer = await peers.routeCheck({ msisdn, ...check });
      const ok = answer.routed && answer.network === expected;
      out.push({
        msisdn,
        check,
        ok,
        reason: ok
          ? ""
          : answer.routed
            ? `routed to ${answer.network}, expected ${expected}`
            : `not routed (${answer.reason ?? "no reason"})`,
      });
    }
  }
  return out;
}

/** Moves the numbers' subscribers onto the destination an hour before the cutover; returns the ids imported. */
async function importCohort(
  target: CapabilitiesOf<"cohort-import">,
  population: readonly Subscriber[],
  at: Temporal.Instant,
  signal: AbortSignal,
): Promise<Set<string>> {
  const subscribers = population.map((s) => ({
    ...s,
    billing: {
      ...s.billing,
      periodStart: billingPeriodAt(at, s.billing.anchorDay, s.billing.timezone).start.toInstant().toString(),
      usageToDate: { voiceSec: 0, smsCount: 0, dataBytes: 0 },
    },
  }));
  const result = await retry5xx(() =>
    target["cohort-import"].importCohort(
      { cohortId: COHORT, cutoverAt: at.toString(), subscribers },
      `${PREFIX}import-${at.epochMilliseconds}`,
      signal,
    ),
  );
  return new Set(
    result.results.filter((r) => r.status === "imported").map((r) => (subscribers[r.index] as Subscriber).id),
  );
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
