/**
 * `mediation.cdr`: usage records through the contract's CDR ingest, one feed (the legacy export).
 * A case matrix (cdr-cases.ts) — exact duplicates, retransmissions, partial records in order, out
 * of order, with a gap, an earlier partial after the final one, a session with no final record,
 * zero-duration and malformed records, records before activation and after termination, a
 * session across a period boundary — on lines of their own, plus generated usage of lines drawn
 * from the base. Every record's answer is checked against what the contract requires; after a
 * billing run past two periods each case line's usage lines are compared with the billing oracle,
 * the reported sequence gaps with the gaps sent, and the destination's daily control totals of the
 * feed with the legacy export's.
 */
import { Temporal } from "temporal-polyfill";
import { z } from "zod";
import {
  activationPayloadOf,
  billingPeriodAt,
  type Cdr,
  nextPeriod,
  type ProvisioningEvent,
  parseCountryMix,
  type Subscriber,
  TrancheError,
} from "../../domain/index.ts";
import { createBaseGenerator, UsageGenerator } from "../../generators/index.ts";
import { defineSuite, MeasurementSet, type SuiteOutcome } from "../../harness/index.ts";
import { BillingPolicySchema, sumOfKind, usageLines, usageTotals } from "../../oracle/index.ts";
import { applyUntilAnswered, forEachLimit, retryUnavailable } from "../setup-calls.ts";
import { type CaseRecord, CDR_CASES, type CdrCase } from "./cdr-cases.ts";

const EVIDENCE_LIMIT = 25;
const CDR_BATCH = 5000;
/** Base indexes of mediation lines: past the world's lines and the billing suite's. */
const LINE_OFFSET = 200_000;
const MIN_MS = 60_000;
const TIME_ZONE = "Europe/London";
const PLAN = "PAYG-BASIC";

const options = z
  .object({
    /** The destination's declared billing policy (rating increments, connect fee, rounding). */
    billingPolicy: BillingPolicySchema.default(BillingPolicySchema.parse({})),
    /** Lines of the base whose generated usage rides the same feed (control totals). */
    generatedLines: z.number().int().min(0).max(20_000).default(400),
    /** Hours of generated usage per line. */
    generatedHours: z.number().int().min(1).max(48).default(12),
    concurrency: z.number().int().min(1).max(1024).default(32),
  })
  .strict();
type Options = z.output<typeof options>;

interface Delivery {
  readonly cdr: Cdr;
  readonly caseId: string;
  readonly expect: CaseRecord["expect"];
  readonly duplicate: boolean;
  readonly malformed: boolean;
}

/** The first anchor day 2–6 days after `at`'s London date that every month has (≤ 28). */
function anchorAfter(at: Temporal.Instant): number {
  const date = at.toZonedDateTimeISO(TIME_ZONE).toPlainDate();
  for (let d = 2; d < 10; d++) {
    const day = date.add({ days: d }).day;
    if (day <= 28) return day;
  }
  return 1;
}

function activation(s: Subscriber, at: string, anchorDay: number): ProvisioningEvent {
  return {
    id: `med-act-${s.id}`,
    at,
    subscriberId: s.id,
    type: "activation",
    payload: { ...activationPayloadOf(s), anchorDay },
    idempotencyKey: `med-act-${s.id}`,
    source: "tranche-mediation",
  } as ProvisioningEvent;
}

/** The wire-ready record of a case record (a required field left out when the case says so). */
function caseCdr(
  s: Subscriber,
  c: CdrCase,
  r: CaseRecord,
  index: number,
  activatedMs: number,
  boundaryMs: number,
): Cdr {
  const startMs = (r.fromBoundary ? boundaryMs : activatedMs) + r.atMin * MIN_MS;
  const record: Record<string, unknown> = {
    recordId: `MED-${c.id}-${r.session}-${r.sequence}${r.retransmission ? "-rtx" : ""}`,
    service: r.service,
    msisdn: r.unknownNumber ? "+447700900001" : s.msisdn,
    imsi: s.imsi,
    imei: s.imei,
    calledNumber: r.service === "data" ? null : "+447700900123",
    start: Temporal.Instant.fromEpochMilliseconds(startMs).toString(),
    durationSec: r.durationSec,
    uplinkBytes: Math.floor(r.bytes / 3),
    downlinkBytes: r.bytes - Math.floor(r.bytes / 3),
    chargingId: `MED-${c.id}-${r.session}`,
    partial: { sequence: r.sequence, final: r.final },
    localSequence: index,
    recordingNode: r.service === "data" ? "pgw-med-1" : "msc-med-1",
    closeCause: r.final ? "normal" : "partial_time_limit",
    cell: "234-15-01001-042",
    roamingMcc: null,
  };
  // The adapter maps what is there; a left-out field reaches the destination left out.
  if (r.omit === "volumeBytes") {
    delete record.uplinkBytes;
    delete record.downlinkBytes;
  } else if (r.omit) delete record[r.omit];
  return record as unknown as Cdr;
}

export const mediationCdrSuite = defineSuite({
  id: "mediation.cdr",
  title: "Mediation (CDR ingest)",
  description:
    "Sends usage records through CDR ingest — duplicates, retransmissions, partial records in and out of order, gaps, sessions without a final record, zero-duration and malformed records, records outside the line's life, a session across a period boundary, and generated usage — then checks every answer, the charges against the billing oracle, the reported gaps and the daily control totals against the legacy export.",
  options,
  requires: ["provisioning", "cdr-ingest", "billing", "test-clock"],
  proofOptions: { generatedLines: 30, generatedHours: 6, concurrency: 64 },
  plan({ options }) {
    const o = options as Options;
    const records = CDR_CASES.reduce((n, c) => n + c.records.length, 0);
    return {
      summary: `${CDR_CASES.length} mediation cases (${records} records) on lines of their own and generated usage of ${o.generatedLines} lines over ${o.generatedHours} h, through CDR ingest as one feed`,
      checks: [
        "input = accepted + rejected; every rejection has a reason",
        "duplicates and retransmissions not rated; malformed records not accepted",
        "partial records correlated: no double count; gaps reported",
        "each session charged exactly once, in the contract's increments, in the period it started",
        "daily control totals (records, seconds, bytes) of the feed equal the legacy export's",
      ],
    };
  },
  async run(context): Promise<SuiteOutcome> {
    const o = context.options as Options;
    const { target, signal, world } = context;
    const policy = o.billingPolicy;
    const clock = target["test-clock"];
    const now = Temporal.Instant.from(await retryUnavailable(() => clock.clockNow(signal), signal));
    const activatedAt = now.add({ minutes: 1 });
    const anchorDay = anchorAfter(now);
    const period1 = billingPeriodAt(activatedAt, anchorDay, TIME_ZONE);
    const period2 = nextPeriod(period1, anchorDay, TIME_ZONE);
    const boundaryMs = period1.end.epochMilliseconds;
    const generator = createBaseGenerator({
      seed: world.seed,
      refDate: world.refDate,
      count: world.spec.subscribers,
      ...(world.spec.countries ? { countries: parseCountryMix(world.spec.countries) } : {}),
      ...(world.spec.catalog ? { catalog: world.spec.catalog } : {}),
    });
    const source = `legacy-export-${context.seed}`;
    const payg = world.catalog().find((p) => p.id === PLAN);
    if (!payg) throw new Error(`mediation.cdr needs plan ${PLAN} in the catalog`);

    // Lines: one per case (pay as you go, no allowance: every second shows on the invoice), then generated ones.
    const caseLines = CDR_CASES.map((c, k) => {
      const base = generator.record(world.spec.subscribers + LINE_OFFSET + k).subscriber;
      const s: Subscriber = {
        ...base,
        id: `MED-${c.id}`,
        planId: PLAN,
        paymentType: "prepaid",
        status: "active",
        billing: { ...base.billing, anchorDay, timezone: TIME_ZONE, currency: "GBP", balanceMinor: 500 },
      };
      return { c, s };
    });
    const generated = Array.from({ length: o.generatedLines }, (_, k) => {
      const index = world.spec.subscribers + LINE_OFFSET + CDR_CASES.length + k;
      const base = generator.record(index).subscriber;
      return {
        index,
        s: { ...base, id: `MED-GEN-${k}`, status: "active" as const, activatedAt: activatedAt.toString() },
      };
    });
    const ids = new Map<string, string>();
    await forEachLimit(
      [...caseLines.map((l) => l.s), ...generated.map((g) => g.s)],
      o.concurrency,
      async (s) => {
        const answer = await applyUntilAnswered(
          () =>
            target.provisioning.apply(
              activation(s, activatedAt.toString(), s.billing.anchorDay),
              undefined,
              signal,
            ),
          signal,
        );
        if (answer.destinationId) ids.set(s.id, answer.destinationId);
      },
    );
    const missing = caseLines.filter(({ s }) => !ids.has(s.id)).map(({ s }) => s.id);
    if (missing.length > 0)
      throw new TrancheError(
        "E_TARGET",
        `mediation.cdr could not activate its case lines ${missing.join(", ")}: every attempt failed.`,
      );
    for (const { c, s } of caseLines) {
      if (c.terminateAtMin === undefined) continue;
      const id = ids.get(s.id);
      if (!id) continue;
      const at = activatedAt.add({ minutes: c.terminateAtMin }).toString();
      const termination = {
        id: `med-term-${s.id}`,
        at,
        subscriberId: s.id,
        type: "termination",
        payload: { reason: "mediation case" },
        idempotencyKey: `med-term-${s.id}`,
        source: "tranche-mediation",
      } as ProvisioningEvent;
      await applyUntilAnswered(() => target.provisioning.apply(termination, id, signal), signal);
    }

    // The feed: the cases' records in their delivery order, then the generated usage.
    const deliveries: Delivery[] = [];
    for (const { c, s } of caseLines) {
      c.records.forEach((r, i) => {
        deliveries.push({
          cdr: caseCdr(s, c, r, i, activatedAt.epochMilliseconds, boundaryMs),
          caseId: c.id,
          expect: r.expect,
          duplicate: r.duplicate === true || r.retransmission === true,
          malformed: r.expect === "malformed" || r.expect === "missing_quantity",
        });
      });
    }
    const usage = new UsageGenerator({
      seed: context.seed,
      from: activatedAt.add({ minutes: 5 }),
      durationSec: o.generatedHours * 3600,
    });
    for (const g of generated) {
      if (!ids.has(g.s.id)) continue;
      for (const t of usage.records(g.s, g.index).records)
        deliveries.push({
          cdr: t.record as Cdr,
          caseId: "generated",
          expect: "accepted",
          duplicate: false,
          malformed: false,
        });
    }

    const m = new MeasurementSet();
    let unaccounted = 0;
    let accepted = 0;
    let rejected = 0;
    const noReason: unknown[] = [];
    const duplicatesRated: unknown[] = [];
    const malformedAccepted: unknown[] = [];
    const wrongAnswers: unknown[] = [];
    const acceptedDeliveries: Delivery[] = [];
    for (let i = 0; i < deliveries.length; i += CDR_BATCH) {
      const batch = deliveries.slice(i, i + CDR_BATCH);
      const answer = await retryUnavailable(
        () =>
          target["cdr-ingest"].ingestCdrs(
            batch.map((d) => d.cdr),
            `${source}-${i}`,
            signal,
            source,
          ),
        signal,
      );
      const byIndex = new Map(answer.results.map((r) => [r.index, r]));
      batch.forEach((d, j) => {
        const r = byIndex.get(j);
        const item = {
          case: d.caseId,
          recordId: d.cdr.recordId ?? null,
          expected: d.expect,
          seed: context.seed,
        };
        if (!r) {
          unaccounted += 1;
          wrongAnswers.push({ ...item, actual: "no answer" });
          return;
        }
        if (r.status === "accepted") {
          accepted += 1;
          acceptedDeliveries.push(d);
          if (d.duplicate) duplicatesRated.push(item);
          if (d.malformed) malformedAccepted.push(item);
        } else {
          rejected += 1;
          if (!r.reason) noReason.push({ ...item, message: r.message ?? null });
        }
        const actual = r.status === "accepted" ? "accepted" : (r.reason ?? "rejected");
        if (actual !== d.expect && wrongAnswers.length < EVIDENCE_LIMIT)
          wrongAnswers.push({ ...item, actual });
      });
      if (answer.accepted + answer.rejected !== answer.results.length)
        unaccounted += Math.abs(answer.results.length - answer.accepted - answer.rejected);
    }
    m.set("records_sent", deliveries.length, "count");
    m.set("records_accepted", accepted, "count");
    m.set("records_rejected", rejected, "count");
    m.set("input_unaccounted", unaccounted, "count", {
      summary:
        unaccounted === 0
          ? `${deliveries.length} records = ${accepted} accepted + ${rejected} rejected`
          : `${unaccounted} of ${deliveries.length} records got no answer (neither accepted nor rejected)`,
      items: wrongAnswers
        .filter((w) => (w as { actual: string }).actual === "no answer")
        .slice(0, EVIDENCE_LIMIT),
    });
    m.set("rejections_without_reason", noReason.length, "count", {
      summary: `${noReason.length} of ${rejected} rejections carry no reason`,
      items: noReason.slice(0, EVIDENCE_LIMIT),
    });
    m.set("duplicates_rated", duplicatesRated.length, "count", {
      summary: `${duplicatesRated.length} duplicates or retransmissions accepted for rating`,
      items: duplicatesRated,
    });
    m.set("malformed_accepted", malformedAccepted.length, "count", {
      summary: `${malformedAccepted.length} malformed records accepted`,
      items: malformedAccepted,
    });
    m.set("answers_unexpected", wrongAnswers.length, "count", {
      summary: `${wrongAnswers.length} records answered otherwise than the contract requires`,
      items: wrongAnswers,
    });

    // Gaps the destination reports, against the gaps sent.
    const reported = new Set(
      (await retryUnavailable(() => target["cdr-ingest"].sessionGaps(signal), signal)).items.map(
        (g) => g.chargingId,
      ),
    );
    const gapsSent = CDR_CASES.flatMap((c) => c.gaps.map((g) => `MED-${c.id}-${g}`));
    const unreported = gapsSent.filter((g) => !reported.has(g));
    m.set("gaps_unreported", unreported.length, "count", {
      summary:
        unreported.length === 0
          ? `all ${gapsSent.length} sequence gaps reported`
          : `gaps not reported: ${unreported.join(", ")}`,
      items: unreported,
    });

    // Control totals of the feed, per UTC day: legacy's export (what must be accepted) against the destination's.
    const expected = new Map<string, { records: number; durationSec: number; volumeBytes: number }>();
    for (const d of deliveries) {
      if (d.expect !== "accepted") continue;
      const day = d.cdr.start.slice(0, 10);
      const t = expected.get(day) ?? { records: 0, durationSec: 0, volumeBytes: 0 };
      t.records += 1;
      if (d.cdr.service === "voice") t.durationSec += d.cdr.durationSec;
      if (d.cdr.service === "data") t.volumeBytes += d.cdr.uplinkBytes + d.cdr.downlinkBytes;
      expected.set(day, t);
    }
    const actualTotals = new Map(
      (await retryUnavailable(() => target["cdr-ingest"].controlTotals(source, signal), signal)).items.map(
        (t) => [t.date, t],
      ),
    );
    const totalsOff: unknown[] = [];
    for (const day of new Set([...expected.keys(), ...actualTotals.keys()])) {
      const e = expected.get(day) ?? { records: 0, durationSec: 0, volumeBytes: 0 };
      const a = actualTotals.get(day) ?? { records: 0, durationSec: 0, volumeBytes: 0 };
      for (const metric of ["records", "durationSec", "volumeBytes"] as const)
        if (e[metric] !== a[metric])
          totalsOff.push({
            day,
            metric,
            legacyExport: e[metric],
            destination: a[metric],
            seed: context.seed,
          });
    }
    m.set("control_totals_mismatch", totalsOff.length, "count", {
      summary:
        totalsOff.length === 0
          ? `control totals of ${expected.size} days match the legacy export (records, seconds, bytes)`
          : `${totalsOff.length} daily control totals differ from the legacy export`,
      items: totalsOff.slice(0, EVIDENCE_LIMIT),
    });

    // Charges: a billing run past both periods, each case line's usage per period against the oracle.
    await retryUnavailable(
      () => clock.moveClock({ set: period2.end.toInstant().add({ minutes: 1 }).toString() }, signal),
      signal,
    );
    await retryUnavailable(() => target.billing.runBilling(signal), signal);
    const partialsDoubled: unknown[] = [];
    const mischarged: unknown[] = [];
    await forEachLimit(caseLines, o.concurrency, async ({ c, s }) => {
      const id = ids.get(s.id);
      if (!id || c.category === "duplicate") return;
      const invoices = await retryUnavailable(() => target.billing.listInvoices(id, signal), signal);
      for (const [n, period] of [
        [1, period1],
        [2, period2],
      ] as const) {
        const sessions = c.charged.filter((x) => x.period === n);
        const lines = usageLines(
          usageTotals(sessions, policy),
          { planId: payg.id, allowances: payg.allowances, overage: payg.overage },
          policy,
        );
        const want = lines.reduce((sum, l) => sum + l.amountMinor, 0);
        const invoice = invoices.find(
          (i) => Temporal.Instant.from(i.period.start).epochMilliseconds === period.start.epochMilliseconds,
        );
        // A line terminated before the period has no invoice for it, and owes nothing there.
        if (!invoice && want === 0 && c.terminateAtMin !== undefined) continue;
        const got = invoice ? sumOfKind(invoice.lines, "usage") : Number.NaN;
        if (got === want) continue;
        const item = {
          case: c.id,
          subscriber: s.id,
          period: period.start.toInstant().toString(),
          expected: lines,
          actual: invoice?.lines ?? null,
          seed: context.seed,
        };
        if (c.category === "partial" && got > want) partialsDoubled.push(item);
        else mischarged.push(item);
      }
    });
    m.set("partials_double_counted", partialsDoubled.length, "count", {
      summary: `${partialsDoubled.length} partial-record sessions charged more than once`,
      items: partialsDoubled,
    });
    m.set("sessions_mischarged", mischarged.length, "count", {
      summary:
        mischarged.length === 0
          ? "every session charged exactly once, in the contract's increments, in the period it started"
          : `${mischarged.length} case periods charged otherwise than the oracle`,
      items: mischarged,
    });
    return {
      complete: !signal.aborted,
      measurements: m.list(),
      notes: [
        `feed ${source}: ${deliveries.length} records; periods split at ${period1.end.toInstant()} (anchor day ${anchorDay}, ${TIME_ZONE}); seed ${context.seed}`,
      ],
      sections: [
        {
          kind: "checklist",
          id: "mediation-cases",
          title: "Mediation cases",
          items: CDR_CASES.map((c) => {
            const bad =
              [...wrongAnswers, ...partialsDoubled, ...mischarged].filter(
                (x) => (x as { case: string }).case === c.id,
              ).length + (c.gaps.some((g) => unreported.includes(`MED-${c.id}-${g}`)) ? 1 : 0);
            return {
              requirement: c.covers,
              source: c.id,
              result: bad === 0 ? ("pass" as const) : ("fail" as const),
              evidence: bad === 0 ? "as the contract requires" : `${bad} findings`,
            };
          }),
        },
      ],
    };
  },
});
