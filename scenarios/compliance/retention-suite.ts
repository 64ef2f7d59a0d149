/**
 * `compliance.retention`: data retention against each country's rule (domain/regulation-data.ts,
 * config overrides applied). Lines of every in-force country get usage records and events at ages
 * around their window — just older, just younger (inside the gap a 30-day month would open), well
 * inside — and a cohort moves at a cutover with usage on both sides of it and a late record of a
 * call begun on legacy. Checked: every category of the completeness list present per record kind;
 * queries by MSISDN and by IMSI over [from, to) answer exactly the expected records; the purge
 * (windows per country) removes exactly what is older than the window and nothing younger; legacy's
 * records plus the destination's cover the cutover with no gap and no duplicate.
 */
import { Temporal } from "temporal-polyfill";
import { z } from "zod";
import {
  activationPayloadOf,
  type Cdr,
  type ProvisioningEvent,
  RETENTION_CATEGORIES,
  RETENTION_CATEGORIES_SOURCE,
  type RetentionRecordKind,
  type Subscriber,
  windowStart,
} from "../../domain/index.ts";
import { defineSuite, MeasurementSet, type SuiteContext, type SuiteOutcome } from "../../harness/index.ts";
import {
  atCutover,
  checklistItem,
  checklistSection,
  complianceLines,
  countryOf,
  LINE_BLOCKS,
  notChecked,
  regulationOf,
  retryingTarget,
  usageRecord,
  worldCountries,
} from "./compliance-lines.ts";

const options = z
  .object({
    /** Lines per in-force country with records around the window. */
    linesPerCountry: z.number().int().min(1).max(50).default(3),
    /** Lines per country moved at the cutover for the continuity check. */
    movedPerCountry: z.number().int().min(1).max(50).default(2),
  })
  .strict();
type Options = z.infer<typeof options>;
const REQUIRES = [
  "retention",
  "provisioning",
  "state-read",
  "cdr-ingest",
  "cohort-import",
  "test-clock",
] as const;
type Context = SuiteContext<Options, (typeof REQUIRES)[number]>;

/** A record the suite put on the destination (or legacy holds), by key. */
interface Placed {
  readonly key: string;
  readonly line: Subscriber;
  readonly startMs: number;
  readonly kind: "usage" | "event";
}

const SERVICES = ["voice", "sms", "data"] as const;

/** Ages of a line's records relative to its window's start, in days (negative: older than the window). */
const AGES_DAYS = [-2, 3, 20] as const;

function keyOfUsage(u: { recordId: string }): string {
  return u.recordId;
}
function keyOfEvent(line: Subscriber, e: { type: string; at: string }): string {
  return `${line.id}|${e.type}|${Temporal.Instant.from(e.at).epochMilliseconds}`;
}

export const complianceRetentionSuite = defineSuite({
  id: "compliance.retention",
  title: "Data retention",
  description:
    "Records around each country's retention window and across a cutover: every category retained, exact queries by MSISDN and IMSI, a purge that removes exactly what is older than the window, no gap or duplicate between legacy and destination.",
  options,
  requires: REQUIRES,
  proofOptions: { linesPerCountry: 1, movedPerCountry: 1 },
  plan({ options, world }) {
    const countries = worldCountries(world);
    const rules = countries.map((c) => {
      const r = regulationOf(world, c).retention;
      return `${c} ${r.window} ${r.status}`;
    });
    return {
      summary: `${options.linesPerCountry} lines per in-force country with records around the window (${rules.join(", ")}), ${options.movedPerCountry} per country moved at a cutover`,
      checks: [
        `every category of the completeness list per record kind (${RETENTION_CATEGORIES.map((c) => c.id).join(", ")})`,
        "queries by MSISDN and IMSI over [from, to) answer exactly the expected records",
        "the purge removes exactly the records older than each country's window",
        "legacy + destination records across the cutover: no gap, no duplicate",
      ],
    };
  },
  run: (context) =>
    runRetention({ ...context, target: retryingTarget(context.target) } as unknown as Context),
});

async function runRetention(context: Context): Promise<SuiteOutcome> {
  const { target, signal, options: o, world } = context;
  const now = Temporal.Instant.from(await target["test-clock"].clockNow(signal));
  const countries = worldCountries(world);
  const inForce = countries.filter((c) => regulationOf(world, c).retention.status === "in-force");
  const m = new MeasurementSet();
  const lines = complianceLines(world, LINE_BLOCKS.retention, 400).filter((l) => l.status !== "terminated");
  const pick = (country: string, n: number, skip: number) =>
    lines.filter((l) => countryOf(l) === country).slice(skip, skip + n);

  // 1. Aged lines: activated three years ago, records around their country's window.
  const placed: Placed[] = [];
  const usage: Cdr[] = [];
  const events: Array<{ event: ProvisioningEvent; line: Subscriber }> = [];
  const activatedAt = now.subtract({ hours: 3 * 366 * 24 });
  const aged = inForce.flatMap((country) => pick(country, o.linesPerCountry, 0));
  const destinationIds = new Map<string, string>();
  for (const line of aged) {
    const activation: ProvisioningEvent = {
      id: `ret-${line.id}-act`,
      type: "activation",
      at: activatedAt.toString(),
      subscriberId: line.id,
      idempotencyKey: `ret-${line.id}-act`,
      source: "compliance.retention",
      payload: activationPayloadOf(line, 0),
    };
    const answer = await target.provisioning.apply(activation, undefined, signal);
    if (!answer.destinationId)
      return incomplete(m, `activation of a retention line failed (HTTP ${answer.status})`);
    destinationIds.set(line.id, answer.destinationId);
    const start = windowStart(now, regulationOf(world, countryOf(line)).retention.window);
    const instants = [...AGES_DAYS.map((d) => start.add({ hours: 24 * d })), now.subtract({ hours: 24 })];
    instants.forEach((at, i) => {
      for (const [s, service] of SERVICES.entries()) {
        const record = usageRecord(
          line,
          service,
          at.add({ seconds: s * 60 }),
          `ret-${line.id}-${i}-${service}`,
        );
        usage.push(record);
        placed.push({
          key: record.recordId,
          line,
          startMs: Temporal.Instant.from(record.start).epochMilliseconds,
          kind: "usage",
        });
      }
      const topUp: ProvisioningEvent = {
        id: `ret-${line.id}-${i}-topup`,
        type: "top_up",
        at: at.add({ seconds: 300 }).toString(),
        subscriberId: line.id,
        idempotencyKey: `ret-${line.id}-${i}-topup`,
        source: "compliance.retention",
        payload: { amountMinor: 500, currency: line.billing.currency },
      };
      events.push({ event: topUp, line });
      placed.push({
        key: keyOfEvent(line, { type: "top_up", at: topUp.at }),
        line,
        startMs: Temporal.Instant.from(topUp.at).epochMilliseconds,
        kind: "event",
      });
    });
    placed.push({
      key: keyOfEvent(line, { type: "activation", at: activation.at }),
      line,
      startMs: activatedAt.epochMilliseconds,
      kind: "event",
    });
  }
  for (const { event, line } of events) {
    const answer = await target.provisioning.apply(event, destinationIds.get(line.id), signal);
    if (answer.failure) return incomplete(m, `a retention top-up was refused (${answer.failure.message})`);
  }
  const ingest =
    usage.length > 0 ? await target["cdr-ingest"].ingestCdrs(usage, undefined, signal) : undefined;
  if (ingest && ingest.rejected > 0)
    return incomplete(m, `${ingest.rejected} retention usage records were rejected by mediation`);

  const fullRange = {
    from: activatedAt.subtract({ hours: 24 }).toString(),
    to: now.add({ hours: 24 }).toString(),
  };
  const retained = async (line: Subscriber, by: "msisdn" | "imsi", range: { from: string; to: string }) =>
    target.retention.retentionRecords(
      by === "msisdn" ? { msisdn: line.msisdn, ...range } : { imsi: line.imsi, ...range },
      signal,
    );

  // 2. Categories, per record kind.
  let missingCategories = 0;
  let checkedRecords = 0;
  const missingWhich = new Set<string>();
  for (const line of aged) {
    const records = await retained(line, "msisdn", fullRange);
    const rows: Array<[RetentionRecordKind, Record<string, unknown>]> = [
      ...records.usage.map(
        (u) =>
          [u.service as RetentionRecordKind, u as Record<string, unknown>] as [
            RetentionRecordKind,
            Record<string, unknown>,
          ],
      ),
      ...records.events.map(
        (e) => ["event", e as Record<string, unknown>] as [RetentionRecordKind, Record<string, unknown>],
      ),
    ];
    for (const [kind, row] of rows) {
      checkedRecords += 1;
      const lacking = RETENTION_CATEGORIES.filter((c) =>
        (c.fields[kind] ?? []).some((f) => row[f] === undefined || row[f] === null || row[f] === ""),
      );
      if (lacking.length > 0) missingCategories += 1;
      for (const c of lacking) missingWhich.add(`${c.id} (${kind})`);
    }
  }
  m.set("retention_missing_categories", missingCategories, "count", {
    summary:
      missingCategories === 0
        ? `all ${checkedRecords} retained records carry every applicable category of the completeness list`
        : `${missingCategories} of ${checkedRecords} retained records lack a category: ${[...missingWhich].join(", ")}`,
  });

  // 3. Exact queries: [from, to) with a record exactly at each bound.
  let queryMismatches = 0;
  const queryNotes: string[] = [];
  for (const line of aged) {
    const own = placed
      .filter((p) => p.line.id === line.id && p.kind === "usage")
      .sort((a, b) => a.startMs - b.startMs);
    const fromRecord = own[1];
    const toRecord = own[own.length - 2];
    if (!fromRecord || !toRecord) continue;
    const range = {
      from: Temporal.Instant.fromEpochMilliseconds(fromRecord.startMs).toString(),
      to: Temporal.Instant.fromEpochMilliseconds(toRecord.startMs).toString(),
    };
    const expected = new Set(
      placed
        .filter(
          (p) => p.line.id === line.id && p.startMs >= fromRecord.startMs && p.startMs < toRecord.startMs,
        )
        .map((p) => p.key),
    );
    for (const by of ["msisdn", "imsi"] as const) {
      const got = await retained(line, by, range);
      const keys = [...got.usage.map(keyOfUsage), ...got.events.map((e) => keyOfEvent(line, e))];
      const extra = keys.filter((k) => !expected.has(k)).length;
      const missing = [...expected].filter((k) => !keys.includes(k)).length;
      if (extra + missing > 0) queryNotes.push(`by ${by}: ${missing} missing, ${extra} extra`);
      queryMismatches += extra + missing;
    }
  }
  m.set("retention_query_mismatches", queryMismatches, "count", {
    summary:
      queryMismatches === 0
        ? `queries of ${aged.length} lines by MSISDN and by IMSI over [from, to) answered exactly the expected records`
        : `queries answered ${queryMismatches} records wrongly (${[...new Set(queryNotes)].join("; ")})`,
  });

  // 4. Purge with each in-force country's window, then every record's fate against its window.
  const purge = await target.retention.purgeRetention(
    { windows: inForce.map((c) => ({ country: c, window: regulationOf(world, c).retention.window })) },
    signal,
  );
  let early = 0;
  let overdue = 0;
  let judged = 0;
  for (const line of aged) {
    const cutoffMs = windowStart(
      now,
      regulationOf(world, countryOf(line)).retention.window,
    ).epochMilliseconds;
    const records = await retained(line, "msisdn", fullRange);
    const kept = new Set([
      ...records.usage.map(keyOfUsage),
      ...records.events.map((e) => keyOfEvent(line, e)),
    ]);
    for (const p of placed.filter((x) => x.line.id === line.id)) {
      judged += 1;
      if (p.startMs < cutoffMs && kept.has(p.key)) overdue += 1;
      if (p.startMs >= cutoffMs && !kept.has(p.key)) early += 1;
    }
  }
  const windows = inForce.map((c) => `${c} ${regulationOf(world, c).retention.window}`).join(", ");
  m.set("retention_early_purges", early, "count", {
    summary:
      early === 0
        ? `the purge (${windows}) kept every record younger than its window`
        : `the purge (${windows}) removed ${early} records still inside their window`,
  });
  m.set("retention_overdue_records", overdue, "count", {
    summary:
      overdue === 0
        ? `the purge removed every record older than its window (${purge.purged.usageRecords} usage records, ${purge.purged.events} events in all)`
        : `${overdue} records older than their window survived the purge (${windows})`,
  });
  m.set("retention_records_judged", judged, "count");

  // 5. Continuity across a cutover: legacy keeps what it received before, the destination the rest.
  // On a whole hour, so the records minutes after it fall on the cutover's own day.
  const cutover = Temporal.Instant.fromEpochMilliseconds(
    Math.floor(now.subtract({ hours: 7 * 24 }).epochMilliseconds / 3_600_000) * 3_600_000,
  );
  const moved = countries
    .flatMap((c) => pick(c, o.movedPerCountry, o.linesPerCountry))
    .map((l) => ({
      ...atCutover(l, cutover),
      activatedAt: activatedAt.toString(),
    }));
  let continuityFaults = 0;
  let continuityRecords = 0;
  if (moved.length > 0) {
    const result = await target["cohort-import"].importCohort(
      {
        cohortId: `ret-${context.seed}-${cutover.epochMilliseconds}`,
        cutoverAt: cutover.toString(),
        subscribers: moved,
      },
      undefined,
      signal,
    );
    if (result.rejected > 0)
      return incomplete(m, `${result.rejected} lines of the retention cohort were rejected on import`);
    const legacyKept = new Map<string, Cdr[]>();
    const sent: Cdr[] = [];
    const all = new Map<string, Cdr[]>();
    for (const line of moved) {
      const at = (seconds: number) => cutover.add({ seconds });
      // Legacy keeps what started before the cutover (a call begun 30 s before it included: the
      // contract refuses it as before_activation); the destination keeps the rest.
      const before = [
        usageRecord(line, "voice", at(-3 * 3600), `ret-${line.id}-b1`),
        usageRecord(line, "data", at(-3600), `ret-${line.id}-b2`),
        usageRecord(line, "voice", at(-30), `ret-${line.id}-b3`),
      ];
      const after = [
        usageRecord(line, "sms", at(60), `ret-${line.id}-a1`),
        usageRecord(line, "voice", at(120), `ret-${line.id}-a2`),
      ];
      legacyKept.set(line.id, before);
      sent.push(...after);
      all.set(line.id, [...before, ...after]);
    }
    const ingested = await target["cdr-ingest"].ingestCdrs(
      sent,
      `ret-moved-${sent[0]?.recordId}-${sent.length}`,
      signal,
    );
    if (ingested.rejected > 0)
      return incomplete(m, `${ingested.rejected} usage records of the moved lines were rejected`);
    for (const line of moved) {
      const range = {
        from: cutover.subtract({ hours: 24 }).toString(),
        to: cutover.add({ hours: 24 }).toString(),
      };
      const destination = (await retained(line, "msisdn", range)).usage.map(keyOfUsage);
      const union = [...(legacyKept.get(line.id) ?? []).map((r) => r.recordId), ...destination];
      const expected = (all.get(line.id) ?? []).map((r) => r.recordId);
      continuityRecords += expected.length;
      const gaps = expected.filter((k) => !union.includes(k)).length;
      const duplicates = union.length - new Set(union).size;
      continuityFaults += gaps + duplicates + union.filter((k) => !expected.includes(k)).length;
    }
  }
  m.set("retention_continuity_faults", continuityFaults, "count", {
    summary:
      continuityFaults === 0
        ? `${moved.length} moved lines: legacy + destination hold all ${continuityRecords} records across the cutover exactly once`
        : `${continuityFaults} gaps or duplicates in legacy + destination records across the cutover (${moved.length} lines, ${continuityRecords} records)`,
  });

  const items = [
    checklistItem(
      "Every category of retained data present for each record kind",
      RETENTION_CATEGORIES_SOURCE,
      missingCategories,
      `${checkedRecords - missingCategories}/${checkedRecords} records complete`,
    ),
    checklistItem(
      "Queries by MSISDN and IMSI over a time range answer exactly the expected records",
      RETENTION_CATEGORIES_SOURCE,
      queryMismatches,
      `${queryMismatches} wrong records`,
    ),
    ...countries.map((c) => {
      const rule = regulationOf(world, c).retention;
      const requirement = `${c}: records kept ${rule.bound === "at-most" ? "no longer than" : "at least"} ${rule.window}${rule.locationWindow ? ` (location ${rule.locationWindow})` : ""}, purged after`;
      if (rule.status === "suspended")
        return notChecked(requirement, rule.source, "suspended: recorded, not enforced");
      const own = aged.filter((l) => countryOf(l) === c).length;
      if (own === 0) return notChecked(requirement, rule.source, `no ${c} lines in the world`);
      return checklistItem(
        requirement,
        rule.source,
        early + overdue,
        `${early} purged early, ${overdue} kept too long (all countries)`,
      );
    }),
    checklistItem(
      "Legacy + destination records across the cutover: no gap, no duplicate",
      "Continuity of retention from the first live event (playbook: compliance before any traffic)",
      continuityFaults,
      `${continuityRecords} records of ${moved.length} moved lines`,
    ),
  ];
  return {
    complete: true,
    measurements: m.list(),
    notes: [`purge windows: ${windows || "none (no in-force country)"}`],
    sections: [checklistSection("retention-checklist", "Data retention checklist", items)],
  };
}

function incomplete(m: MeasurementSet, reason: string): SuiteOutcome {
  return { complete: false, reason, measurements: m.list(), notes: [reason], sections: [] };
}
