/**
 * `billing.split-period`: cohorts moved mid-cycle, judged by the billing oracle. The edge-case
 * matrix (split-cases.ts) and a seeded population from the world's base are imported through the
 * contract's cohort import with their legacy billing state; top-ups, plan changes, add-ons,
 * suspensions, terminations and usage follow the cutover; the test clock is moved through at
 * least two full cycles after the last import and a billing run closes every period; then every
 * closed invoice is compared line by line with what the operator's declared billing policy must
 * produce (oracle/), and every balance with the imported balance plus the top-ups.
 */
import { Temporal } from "temporal-polyfill";
import { z } from "zod";
import {
  type Cdr,
  type Evidence,
  type ProvisioningEvent,
  type ReportSection,
  TrancheError,
} from "../../domain/index.ts";
import {
  type CohortImportResult,
  defineSuite,
  MeasurementSet,
  type SuiteOutcome,
} from "../../harness/index.ts";
import { BillingPolicySchema } from "../../oracle/index.ts";
import { applyUntilAnswered, forEachLimit, retryUnavailable } from "../setup-calls.ts";
import { SPLIT_CASES } from "./split-cases.ts";
import { type InvoiceFinding, judgeLine } from "./split-compare.ts";
import {
  MAX_POPULATION,
  matrixLines,
  populationLines,
  type SplitLine,
  twoCyclesAfter,
} from "./split-lines.ts";

const EVIDENCE_LIMIT = 25;
/** Records per ingest batch (the contract's limit is 10,000). */
const CDR_BATCH = 5000;

const options = z
  .object({
    /** The destination's declared billing policy: the oracle computes what it must produce. */
    billingPolicy: BillingPolicySchema.default(BillingPolicySchema.parse({})),
    /** Imported subscribers drawn from the world's base beside the matrix. */
    population: z.number().int().min(0).max(MAX_POPULATION).default(3000),
    /** Cohorts the population is cut over in, a day and two hours apart. */
    cohorts: z.number().int().min(1).max(30).default(3),
    /** Requests in flight at most. */
    concurrency: z.number().int().min(1).max(1024).default(32),
    /** How long a differing read may take to converge before it counts (ms). */
    settleMs: z.number().int().min(0).max(60_000).default(2000),
  })
  .strict();

type Options = z.output<typeof options>;

/** The plan a line must hold after its plan changes (the latest `at`; equal instants: the later arrival). */
function currentPlanOf(line: SplitLine): string {
  let plan = line.subscriber.planId;
  let atMs = line.cutoverAt.epochMilliseconds;
  for (const e of line.events) {
    if (e.type !== "plan_change") continue;
    const ms = Temporal.Instant.from(e.at).epochMilliseconds;
    if (ms >= atMs) {
      atMs = ms;
      plan = (e.payload as { planId: string }).planId;
    }
  }
  return plan;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

export const billingSplitPeriodSuite = defineSuite({
  id: "billing.split-period",
  title: "Split-period billing",
  description:
    "Imports cohorts mid-cycle with their legacy billing state (an edge-case matrix and a population from the base), sends top-ups, plan changes and usage through the cutover, moves the test clock two full cycles on, and compares every invoice line by line with the billing oracle under the declared billing policy.",
  options,
  requires: ["cohort-import", "provisioning", "state-read", "cdr-ingest", "billing", "test-clock"],
  proofOptions: { population: 120, cohorts: 2, concurrency: 64 },
  plan({ options }) {
    const p = options as Options;
    const lines = SPLIT_CASES.reduce((n, c) => n + 1 + c.extraLines.length, 0);
    return {
      summary: `${SPLIT_CASES.length} edge cases (${lines} lines, cutovers of 2024–2025) and ${p.population} subscribers of the base in ${p.cohorts} cohorts cut over from the destination's clock, billed ${p.billingPolicy.proration} / ${p.billingPolicy.rounding}`,
      checks: [
        "every closed invoice line by line against the billing oracle (recurring, usage, one-off, credit)",
        "legacy part (legacy's rounding) + destination part = the full price in every split period",
        "no recurring fee for days legacy billed; no usage lost at the cutover; no top-up lost",
        "allowances with legacy usage to date counted first",
      ],
    };
  },
  async run(context): Promise<SuiteOutcome> {
    const o = context.options as Options;
    const { target, signal } = context;
    const policy = o.billingPolicy;
    const catalog = context.world.catalog();
    const importer = target["cohort-import"];
    const clock = target["test-clock"];
    const start = Temporal.Instant.from(await retryUnavailable(() => clock.clockNow(signal), signal));
    const matrix = matrixLines(context.world, catalog);
    const population = populationLines(
      context.world,
      catalog,
      context.random("population"),
      o.population,
      o.cohorts,
      start,
    );
    const destinationIds = new Map<string, string>();
    const notes: string[] = [];
    let reimported = 0;
    let importRejected = 0;
    const importRejections: unknown[] = [];

    const importCohort = async (cohortId: string, lines: readonly SplitLine[]) => {
      const first = lines[0] as SplitLine;
      const cohort = {
        cohortId,
        cutoverAt: first.cutoverAt.toString(),
        subscribers: lines.map((l) => l.subscriber),
        legacyCreditMinor: Object.fromEntries(
          lines.filter((l) => l.creditMinor > 0).map((l) => [l.subscriber.id, l.creditMinor]),
        ),
        legacyRounding: Object.fromEntries(lines.map((l) => [l.subscriber.id, l.legacyRounding])),
      };
      const result: CohortImportResult = await retryUnavailable(
        () => importer.importCohort(cohort, `import-${cohortId}`, signal),
        signal,
      );
      for (const r of result.results) {
        const line = lines[r.index];
        if (!line) continue;
        if (r.status === "imported" && r.id) destinationIds.set(line.subscriber.id, r.id);
        else {
          importRejected += 1;
          if (importRejections.length < EVIDENCE_LIMIT)
            importRejections.push({
              subscriber: line.subscriber.id,
              case: line.caseId,
              reason: r.reason ?? null,
              message: r.message ?? null,
            });
        }
      }
      if (first.importTwice) {
        const again = await retryUnavailable(
          () => importer.importCohort(cohort, `import-${cohortId}-again`, signal),
          signal,
        );
        reimported += again.results.filter((r) => r.status === "imported").length;
      }
    };

    const refusedTopUps: { subscriber: string; case: string; status: number }[] = [];
    let eventsRefused = 0;
    const records: { cdr: Cdr; line: SplitLine }[] = [];
    const sendEvents = async (lines: readonly SplitLine[]) => {
      await forEachLimit(lines, o.concurrency, async (line) => {
        const id = destinationIds.get(line.subscriber.id);
        if (!id) return;
        for (const event of line.events) {
          const answer = await applyUntilAnswered(
            () => target.provisioning.apply(event as ProvisioningEvent, id, signal),
            signal,
          );
          if (answer.status === 200) continue;
          eventsRefused += 1;
          if (event.type === "top_up")
            refusedTopUps.push({ subscriber: line.subscriber.id, case: line.caseId, status: answer.status });
        }
      });
      for (const line of lines)
        if (destinationIds.has(line.subscriber.id)) for (const cdr of line.cdrs) records.push({ cdr, line });
    };

    // The matrix: backdated cutovers, imported at the clock as it is.
    for (const [cohortId, lines] of groupBy(matrix, (l) => l.cohortId)) await importCohort(cohortId, lines);
    await sendEvents(matrix);
    // The population: each cohort imported with the clock at its cutover, then its traffic.
    const cohorts = [...groupBy(population, (l) => l.cohortId)].sort(
      ([, a], [, b]) =>
        (a[0] as SplitLine).cutoverAt.epochMilliseconds - (b[0] as SplitLine).cutoverAt.epochMilliseconds,
    );
    for (const [cohortId, lines] of cohorts) {
      await retryUnavailable(
        () => clock.moveClock({ set: (lines[0] as SplitLine).cutoverAt.toString() }, signal),
        signal,
      );
      await importCohort(cohortId, lines);
      await sendEvents(lines);
      context.progress("cohorts", cohorts.findIndex(([id]) => id === cohortId) + 1, cohorts.length);
    }
    const lostRecords: unknown[] = [];
    let lostUsage = 0;
    for (let i = 0; i < records.length; i += CDR_BATCH) {
      const batch = records.slice(i, i + CDR_BATCH);
      const answer = await retryUnavailable(
        () =>
          target["cdr-ingest"].ingestCdrs(
            batch.map((b) => b.cdr),
            `split-cdrs-${i}`,
            signal,
          ),
        signal,
      );
      for (const r of answer.results) {
        if (r.status === "accepted") continue;
        const sent = batch[r.index];
        lostUsage += 1;
        if (sent && lostRecords.length < EVIDENCE_LIMIT)
          lostRecords.push({
            subscriber: sent.line.subscriber.id,
            case: sent.line.caseId,
            recordId: sent.cdr.recordId,
            start: sent.cdr.start,
            reason: r.reason ?? null,
            seed: context.seed,
          });
      }
      if (answer.results.length < batch.length) lostUsage += batch.length - answer.results.length;
    }

    // Two full cycles after the last import, then one billing run closes every ended period.
    const until = twoCyclesAfter(population, start.add({ hours: 24 })).add({ minutes: 1 });
    await retryUnavailable(() => clock.moveClock({ set: until.toString() }, signal), signal);
    const run = await retryUnavailable(() => target.billing.runBilling(signal), signal);
    const through = Temporal.Instant.from(await retryUnavailable(() => clock.clockNow(signal), signal));
    notes.push(
      `clock moved from ${start} to ${through}; the billing run closed ${run.invoicesCreated} invoices (seed ${context.seed})`,
    );

    const findings: InvoiceFinding[] = [];
    let amountMismatchMinor = 0;
    let splitSumMinor = 0;
    let invoicesCompared = 0;
    const lostTopUps: unknown[] = [...refusedTopUps];
    const caseFindings = new Map<string, number>();
    const lines = [...matrix, ...population].filter((l) => destinationIds.has(l.subscriber.id));
    let done = 0;
    const drifted: unknown[] = [];
    const unreadable: string[] = [];
    /** The subscriber's state, read again after `settleMs` when it differs (a lagging read converges). */
    const readState = async (
      id: string,
      settled: (s: { planId: string; balanceMinor: number }) => boolean,
    ) => {
      try {
        let state = await retryUnavailable(() => target["state-read"].readSubscriber(id, signal), signal);
        if (state && !settled(state) && o.settleMs > 0) {
          await new Promise((resolve) => setTimeout(resolve, o.settleMs));
          state = await retryUnavailable(() => target["state-read"].readSubscriber(id, signal), signal);
        }
        return state;
      } catch (error) {
        // An answer that breaks the contract is the replay's contract finding, not a billing one.
        if (error instanceof TrancheError && error.code === "E_CONTRACT") {
          unreadable.push(id);
          return undefined;
        }
        throw error;
      }
    };
    await forEachLimit(lines, o.concurrency, async (line) => {
      const id = destinationIds.get(line.subscriber.id) as string;
      const expectedPlan = currentPlanOf(line);
      const topUps = line.events.some((e) => e.type === "top_up");
      const state =
        topUps || expectedPlan !== line.subscriber.planId
          ? await readState(
              id,
              (s) => s.planId === expectedPlan && (!topUps || s.balanceMinor === line.expectedBalanceMinor),
            )
          : undefined;
      if (state && state.planId !== expectedPlan) {
        // The destination does not hold the plan its answers accepted: state drift (the replay's
        // state gate), and the invoices of a plan it never held cannot be judged.
        drifted.push({
          subscriber: line.subscriber.id,
          case: line.caseId,
          expectedPlan,
          actualPlan: state.planId,
          seed: context.seed,
        });
        context.progress("invoices", ++done, lines.length);
        return;
      }
      const invoices = await retryUnavailable(() => target.billing.listInvoices(id, signal), signal);
      const judged = judgeLine(line, invoices, policy, through);
      invoicesCompared += judged.invoicesCompared;
      amountMismatchMinor += judged.amountMismatchMinor;
      splitSumMinor += judged.splitSumMinor;
      findings.push(...judged.findings);
      if (judged.findings.length > 0)
        caseFindings.set(line.caseId, (caseFindings.get(line.caseId) ?? 0) + judged.findings.length);
      if (topUps && state && state.balanceMinor !== line.expectedBalanceMinor)
        lostTopUps.push({
          subscriber: line.subscriber.id,
          case: line.caseId,
          expectedBalanceMinor: line.expectedBalanceMinor,
          actualBalanceMinor: state?.balanceMinor ?? null,
          seed: context.seed,
        });
      context.progress("invoices", ++done, lines.length);
    });
    findings.sort((a, b) =>
      a.subscriber < b.subscriber ? -1 : a.subscriber > b.subscriber ? 1 : a.period < b.period ? -1 : 1,
    );
    const of = (kind: InvoiceFinding["kind"]) => findings.filter((f) => f.kind === kind);
    const evidence = (list: readonly InvoiceFinding[], clean: string, what: string): Evidence => ({
      summary:
        list.length === 0
          ? clean
          : `${list.length} ${what} (seed ${context.seed}): ${list
              .slice(0, 5)
              .map((f) => `${f.subscriber} [${f.case}] ${f.period}: ${f.detail}`)
              .join("; ")}${list.length > 5 ? "; …" : ""}`,
      items: list.slice(0, EVIDENCE_LIMIT).map((f) => ({ ...f, seed: context.seed })),
    });
    const m = new MeasurementSet();
    const doubles = of("double_recurring");
    m.set(
      "invoice_mismatch_minor",
      amountMismatchMinor,
      "minor",
      evidence(
        of("amount"),
        `every invoice's recurring (outside split periods), one-off and credit lines match the oracle (${invoicesCompared} invoices)`,
        "amount mismatches",
      ),
    );
    m.set(
      "split_period_mismatch_minor",
      splitSumMinor,
      "minor",
      evidence(
        of("split_sum"),
        "legacy + destination is the full price in every split period",
        "split periods where legacy + destination ≠ full price",
      ),
    );
    m.set("double_recurring_fees", doubles.length + reimported, "count", {
      ...evidence(
        doubles,
        "no split period bills the days legacy billed",
        "split periods billing legacy's days again",
      ),
      ...(reimported > 0
        ? {
            summary: `${reimported} lines of a cohort imported twice were imported again; ${doubles.length} split periods bill legacy's days again`,
          }
        : {}),
    });
    m.set(
      "allowance_errors",
      of("allowance").length,
      "count",
      evidence(
        of("allowance"),
        "every usage line matches the oracle (allowances with legacy usage first)",
        "invoices whose usage lines differ",
      ),
    );
    m.set("lost_usage", lostUsage, "count", {
      summary:
        lostUsage === 0
          ? `all ${records.length} usage records through the cutover accepted for rating`
          : `${lostUsage} of ${records.length} usage records the destination must rate were refused`,
      items: lostRecords,
    });
    m.set("lost_top_ups", lostTopUps.length, "count", {
      summary:
        lostTopUps.length === 0
          ? "every top-up is in the balance"
          : `${lostTopUps.length} subscribers miss a top-up in their balance or had one refused`,
      items: lostTopUps.slice(0, EVIDENCE_LIMIT),
    });
    m.set("imports_rejected", importRejected, "count", {
      summary: `${importRejected} lines refused by the cohort import`,
      items: importRejections,
    });
    m.set("events_refused", eventsRefused, "count");
    m.set("lines_with_state_drift", drifted.length, "count", {
      summary: `${drifted.length} lines do not hold the plan their accepted plan changes set: not judged on invoices (state drift)`,
      items: drifted.slice(0, EVIDENCE_LIMIT),
    });
    m.set("states_unreadable", unreadable.length, "count");
    if (drifted.length > 0)
      notes.push(`${drifted.length} lines left out of the invoice comparison: state drift (plan)`);
    if (unreadable.length > 0)
      notes.push(`${unreadable.length} subscriber reads broke the contract: their balances not judged`);
    m.set("invoices_compared", invoicesCompared, "count");
    m.set("subscribers_compared", lines.length, "count");
    m.set("matrix_cases", SPLIT_CASES.length, "count");
    const sections: ReportSection[] = [
      {
        kind: "checklist",
        id: "split-matrix",
        title: "Split-period edge cases",
        description: `Billing policy ${policy.proration} / ${policy.rounding}; seed ${context.seed}`,
        items: SPLIT_CASES.map((c) => {
          const n = caseFindings.get(c.id) ?? 0;
          return {
            requirement: c.covers,
            source: c.id,
            result: n === 0 ? ("pass" as const) : ("fail" as const),
            evidence: n === 0 ? "every invoice matches the oracle" : `${n} findings`,
          };
        }),
      },
    ];
    if (findings.length > 0) {
      sections.push({
        kind: "table",
        id: "split-findings",
        title: "Invoice discrepancies against the billing oracle",
        columns: [
          { key: "subscriber", label: "subscriber" },
          { key: "case", label: "case" },
          { key: "period", label: "period start" },
          { key: "kind", label: "finding" },
          { key: "detail", label: "detail" },
          { key: "differenceMinor", label: "difference", unit: "minor" },
        ],
        rows: findings.slice(0, 50).map((f) => ({
          subscriber: f.subscriber,
          case: f.case,
          period: f.period,
          kind: f.kind,
          detail: f.detail,
          differenceMinor: f.differenceMinor,
        })),
        totalRows: findings.length,
      });
    }
    if (importRejected > 0)
      notes.push(
        `${importRejected} lines were refused by the cohort import: their invoices count as missing`,
      );
    return { complete: !signal.aborted, measurements: m.list(), notes, sections };
  },
});
