/**
 * `compliance.li`: lawful-intercept continuity across a cohort's move, under the separate LI
 * credential. Legacy's X1 tasks (XID, targets, delivery type) are provisioned on the destination
 * with the X2 sequence legacy reached, the cohort is imported, and its lines act after the cutover
 * (the import itself, a top-up, a late CDR of a call begun on legacy, a call, an SMS) while the X2
 * collector (the LI delivery sink mock) is down for a while. Checked: task parity; an IRI record
 * for every event and usage record of a target; per-XID sequence numbers that continue legacy's
 * with no hole and no repeat; every record delivered once the collector is back; the BSS token sees
 * nothing of LI anywhere; and a target's answers, invoice and latency match its control twin's.
 * Nothing here writes a target identifier to a report, the journal or a log: counts and XID hashes.
 */
import { performance } from "node:perf_hooks";
import { Temporal } from "temporal-polyfill";
import { z } from "zod";
import { TrancheError } from "../../domain/index.ts";
import {
  defineSuite,
  MeasurementSet,
  type RegularCredentialProbe,
  type ServedMocks,
  type SuiteContext,
  type SuiteOutcome,
  serveMocks,
} from "../../harness/index.ts";
import { checklistItem, checklistSection, each, retryingTarget, shortHash } from "./compliance-lines.ts";
import { type LegacyTask, type LiRehearsal, planLiRehearsal } from "./li-rehearsal.ts";

const options = z
  .object({
    /** Lines under warrant in the cohort (each gets a control twin). */
    targets: z.number().int().min(1).max(50).default(4),
    /** IRI records legacy delivered under the first XID before the cutover (the next XIDs one more each). */
    legacyRecords: z.number().int().min(0).max(10_000).default(41),
    /** How long to wait for the X2 queue to drain once the collector is back (ms). */
    deliveryTimeoutMs: z.number().int().min(100).max(600_000).default(15_000),
    /** A target's median CDR answer may be this much slower than its twin's before it is detectable (ms). */
    latencyToleranceMs: z.number().int().min(1).max(10_000).default(150),
  })
  .strict();

type Options = z.infer<typeof options>;
const REQUIRES = [
  "li",
  "cohort-import",
  "provisioning",
  "state-read",
  "cdr-ingest",
  "billing",
  "test-clock",
] as const;
type Context = SuiteContext<Options, (typeof REQUIRES)[number]>;

const LI_SOURCE = "Investigatory Powers Act 2016 Part 2 / ETSI TS 103 221-1 (X1) and -2 (X2)";
const ACCESS_SOURCE =
  "IPA 2016 s.57 (unauthorised disclosure) / ETSI TS 103 221-1 §5 (separate X1 credential)";
const SEQUENCE_SOURCE = "ETSI TS 103 221-2: sequence number per X2 context, no reset signal";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sameInstant = (a: string, b: string) =>
  Temporal.Instant.from(a).epochMilliseconds === Temporal.Instant.from(b).epochMilliseconds;

/** Task fields as one comparable string (targets as a set). */
function taskKey(task: {
  xid: string;
  deliveryType: string;
  targets: ReadonlyArray<{ type: string; value: string }>;
}) {
  const targets = task.targets.map((t) => `${t.type}:${t.value}`).sort();
  return `${task.xid}|${task.deliveryType}|${targets.join(",")}`;
}

/** Holes and repeats of a sequence that should be 1…n: the per-XID check of X2. */
export function sequenceFaults(sequences: readonly number[]): { holes: number; repeats: number } {
  const seen = new Map<number, number>();
  for (const s of sequences) seen.set(s, (seen.get(s) ?? 0) + 1);
  let repeats = 0;
  for (const count of seen.values()) repeats += count - 1;
  const max = Math.max(0, ...sequences);
  let holes = 0;
  for (let s = 1; s <= max; s++) if (!seen.has(s)) holes += 1;
  return { holes, repeats };
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : (sorted[Math.floor(sorted.length / 2)] as number);
};

export const complianceLiSuite = defineSuite({
  id: "compliance.li",
  title: "Lawful intercept continuity",
  description:
    "Moves a cohort with lines under warrant: X1 task parity after import, an IRI record for every target event and usage record with X2 sequences continuing legacy's, delivery retried until the collector acknowledges, no LI data for the BSS token, targets indistinguishable from a control group.",
  options,
  requires: REQUIRES,
  proofOptions: { targets: 2, deliveryTimeoutMs: 8000 },
  plan({ options }) {
    return {
      summary: `${options.targets} lines under warrant and ${options.targets} control twins imported in one cohort, 5 events or usage records each after the cutover, X2 collector down at first`,
      checks: [
        "X1 task parity after the import: XID, targets, delivery type",
        "an IRI record for every event and usage record of a target across the cutover",
        "per-XID X2 sequence continuing legacy's, no hole, no repeat",
        "every IRI record delivered once the collector is back (retried until acknowledged)",
        "the BSS token sees no LI data: LI operations refused, no XID in BSS answers or errors",
        "targets indistinguishable from controls: CDR answers, invoice, latency",
      ],
    };
  },
  async run(raw): Promise<SuiteOutcome> {
    const context = { ...raw, target: retryingTarget(raw.target) };
    const { target, signal, options: o } = context;
    const li = target.li;
    const cutover = Temporal.Instant.from(await target["test-clock"].clockNow(signal));
    const rehearsal = planLiRehearsal(context.world, o, context.random, cutover);
    if (rehearsal.tasks.length === 0) {
      throw new TrancheError(
        "E_INPUT",
        "compliance.li found no lines to put under warrant in the world's base.",
      );
    }
    const mocks = await serveMocks({ seed: context.seed, world: { start: cutover } });
    try {
      return await rehearse(context, rehearsal, mocks, o, li);
    } finally {
      await mocks.close();
    }
  },
});

async function rehearse(
  context: Context,
  r: LiRehearsal,
  mocks: ServedMocks,
  o: Options,
  li: Context["target"]["li"],
): Promise<SuiteOutcome> {
  const { target, signal } = context;
  const m = new MeasurementSet();
  const hashes = r.tasks.map((t) => shortHash(t.xid));
  // 1. Legacy's tasks provisioned on the destination, continuing each XID's X2 sequence; the
  // collector is down from the start, so the first deliveries fail and must be retried.
  mocks.setFaults("li-delivery-sink", { errorRate: 1 });
  await li.setDeliveryEndpoint(`${mocks.urls["li-delivery-sink"]}/x2`, signal);
  for (const task of r.tasks) {
    await li.activateTask(
      {
        xid: task.xid,
        targets: task.targets.map((t) => ({ ...t })),
        deliveryType: task.deliveryType,
        sequenceStart: task.legacyDelivered + 1,
      },
      signal,
    );
  }
  // 2. The cohort moves.
  const imported = await target["cohort-import"].importCohort(
    {
      cohortId: `li-${context.seed}-${shortHash(r.cutover.toString())}`,
      cutoverAt: r.cutover.toString(),
      subscribers: r.lines.map((l) => l.line),
    },
    `li-import-${context.seed}-${r.cutover.epochMilliseconds}`,
    signal,
  );
  const ids = r.lines.map((_, i) => imported.results.find((x) => x.index === i)?.id);
  const notImported = ids.filter((id) => id === undefined).length;
  if (notImported > 0) {
    return incomplete(
      m,
      `${notImported} of ${r.lines.length} cohort lines were not imported; nothing to intercept`,
    );
  }
  // 3. Task parity.
  const tasks = await li.listTasks(signal);
  const onDestination = new Set(tasks.filter((t) => t.status === "active").map(taskKey));
  const lost = r.tasks.filter((t) => !onDestination.has(taskKey(t)));
  m.set("li_task_mismatches", lost.length, "count", {
    summary:
      lost.length === 0
        ? `all ${r.tasks.length} legacy X1 tasks active on the destination with their XID, targets and delivery type`
        : `${lost.length} of ${r.tasks.length} legacy X1 tasks missing or changed after the import (XID hashes ${lost.map((t) => shortHash(t.xid)).join(", ")})`,
  });
  // 4. The cohort's activity after the cutover, a target and its twin in turn; CDR answers timed.
  const answers: string[] = [];
  const cdrMs = new Map<number, number[]>();
  for (const act of r.activity) {
    if (act.event) {
      const outcome = await target.provisioning.apply(act.event, ids[act.lineIndex], signal);
      answers[act.lineIndex] = `${answers[act.lineIndex] ?? ""}${outcome.status};`;
    } else if (act.cdr) {
      const started = performance.now();
      const result = await target["cdr-ingest"].ingestCdrs([act.cdr], `li-cdr-${act.cdr.recordId}`, signal);
      const took = performance.now() - started;
      cdrMs.set(act.lineIndex, [...(cdrMs.get(act.lineIndex) ?? []), took]);
      const answer = result.results[0];
      answers[act.lineIndex] = `${answers[act.lineIndex] ?? ""}${answer?.status}:${answer?.reason ?? ""};`;
    }
  }
  // 5. The collector comes back once every queued record has failed at least once.
  const byXid = async () =>
    new Map(await each(r.tasks, async (t) => [t.xid, await li.deliveries(t.xid, signal)] as const));
  const outageUntil = performance.now() + o.deliveryTimeoutMs;
  for (;;) {
    const logs = [...(await byXid()).values()].flat();
    // Nothing queued (no task matched) needs no outage.
    if (logs.every((d) => d.attempts >= 1)) break;
    if (performance.now() > outageUntil) break;
    await sleep(50);
  }
  mocks.setFaults("li-delivery-sink", {});
  const drainUntil = performance.now() + o.deliveryTimeoutMs;
  let logs = await byXid();
  while ([...logs.values()].flat().some((d) => d.status === "pending") && performance.now() < drainUntil) {
    await sleep(100);
    logs = await byXid();
  }
  // 6. Gap: every target event has an IRI record (queued or delivered); undelivered: queued, not at the collector.
  const received = mocks.world.x2Records as Array<{
    xid?: string;
    sequence?: number;
    eventType?: string;
    at?: string;
  }>;
  let gaps = 0;
  let undelivered = 0;
  let sequenceHoles = 0;
  let sequenceRepeats = 0;
  let expectedTotal = 0;
  r.tasks.forEach((task: LegacyTask, t) => {
    const lineIndex = 2 * t;
    const expected = r.activity.filter((a) => a.lineIndex === lineIndex);
    expectedTotal += expected.length;
    const log = logs.get(task.xid) ?? [];
    const atSink = received.filter((x) => x.xid === task.xid);
    const seen = [...log.map((d) => d.record), ...atSink];
    const unmatched = [...seen];
    for (const e of expected) {
      const hit = unmatched.findIndex(
        (x) => x.eventType === e.eventType && x.at !== undefined && sameInstant(x.at, e.at),
      );
      if (hit < 0) gaps += 1;
      else unmatched.splice(hit, 1);
    }
    const sinkSequences = new Set(atSink.map((x) => x.sequence));
    undelivered += log.filter((d) => !sinkSequences.has(d.record.sequence)).length;
    // Legacy delivered 1…legacyDelivered; the destination's numbers must continue them.
    const legacy = Array.from({ length: task.legacyDelivered }, (_, i) => i + 1);
    const faults = sequenceFaults([...legacy, ...log.map((d) => d.record.sequence)]);
    sequenceHoles += faults.holes;
    sequenceRepeats += faults.repeats;
  });
  m.set("li_gap_events", gaps, "count", {
    summary:
      gaps === 0
        ? `all ${expectedTotal} events and usage records of ${r.tasks.length} targets across the cutover have an IRI record`
        : `${gaps} of ${expectedTotal} events and usage records of targets have no IRI record (XID hashes ${hashes.join(", ")})`,
  });
  m.set("li_sequence_faults", sequenceHoles + sequenceRepeats, "count", {
    summary:
      sequenceHoles + sequenceRepeats === 0
        ? `X2 sequences of ${r.tasks.length} XIDs continue legacy's without hole or repeat`
        : `${sequenceRepeats} repeated and ${sequenceHoles} skipped X2 sequence numbers across the move (legacy + destination, per XID)`,
  });
  m.set("li_undelivered", undelivered, "count", {
    summary:
      undelivered === 0
        ? `every IRI record reached the collector after its outage (retried until acknowledged)`
        : `${undelivered} IRI records the destination queued never reached the collector after its outage`,
  });
  // 7. Access control, asked last: under a leaky destination the probe's task activation is accepted.
  const probes = await li.probeRegularCredential(
    {
      xid: r.tasks[0]?.xid as string,
      destinationId: ids[0] as string,
      externalId: r.lines[0]?.line.id as string,
      msisdn: r.lines[0]?.line.msisdn as string,
      from: r.cutover.subtract({ hours: 1 }).toString(),
      to: r.cutover.add({ hours: 1 }).toString(),
    },
    signal,
  );
  const exposed = probes.filter((p) => exposes(p, r.tasks));
  m.set("li_exposed_to_bss", exposed.length, "count", {
    summary:
      exposed.length === 0
        ? `${probes.length} requests with the BSS token: every LI operation refused with 403, no XID in any BSS answer or error`
        : `the BSS token got LI data from ${exposed.map((p) => `${p.operation} (HTTP ${p.status})`).join(", ")}`,
  });
  // 8. Non-detectability: each target against its twin.
  let differences = 0;
  const found: string[] = [];
  for (let t = 0; t < r.tasks.length; t++) {
    const [a, b] = [2 * t, 2 * t + 1];
    if (answers[a] !== answers[b]) {
      differences += 1;
      found.push("CDR/provisioning answers");
    }
    const [ia, ib] = await each([a, b], (i) => target.billing.previewInvoice(ids[i] as string, signal));
    const lines = (inv: typeof ia) => JSON.stringify(inv?.lines.map((l) => [l.kind, l.amountMinor]));
    if (lines(ia) !== lines(ib) || ia?.totalMinor !== ib?.totalMinor) {
      differences += 1;
      found.push("invoice");
    }
  }
  const targetMs = median(r.tasks.flatMap((_, t) => cdrMs.get(2 * t) ?? []));
  const controlMs = median(r.tasks.flatMap((_, t) => cdrMs.get(2 * t + 1) ?? []));
  if (targetMs - controlMs > o.latencyToleranceMs) {
    differences += 1;
    found.push(`CDR latency (median ${Math.round(targetMs)} ms vs ${Math.round(controlMs)} ms)`);
  }
  m.set("li_detectable_differences", differences, "count", {
    summary:
      differences === 0
        ? `${r.tasks.length} targets answered, invoiced and timed like their control twins (median CDR answer ${Math.round(targetMs)} ms vs ${Math.round(controlMs)} ms)`
        : `targets differ from their control twins in: ${[...new Set(found)].join(", ")}`,
  });
  m.set("li_targets", r.tasks.length, "count");
  m.set("li_iri_records", [...logs.values()].flat().length, "count");
  const checklist = checklistSection("li-checklist", "Lawful intercept checklist", [
    checklistItem(
      "Every legacy X1 task active after cohort import (XID, targets, delivery type)",
      LI_SOURCE,
      lost.length,
      `${r.tasks.length - lost.length}/${r.tasks.length} tasks`,
    ),
    checklistItem(
      "An IRI record for every event and usage record of a target across the cutover",
      LI_SOURCE,
      gaps,
      `${expectedTotal - gaps}/${expectedTotal} records`,
    ),
    checklistItem(
      "X2 sequence per XID continues legacy's, no hole, no repeat",
      SEQUENCE_SOURCE,
      sequenceHoles + sequenceRepeats,
      `${sequenceHoles} holes, ${sequenceRepeats} repeats`,
    ),
    checklistItem(
      "IRI delivery retried until the collector acknowledges",
      "ETSI TS 103 221-2 (acknowledged delivery)",
      undelivered,
      `${undelivered} undelivered after the outage`,
    ),
    checklistItem(
      "LI data never visible to the BSS credential, errors and lists included",
      ACCESS_SOURCE,
      exposed.length,
      `${probes.length} probes, ${exposed.length} exposed`,
    ),
    checklistItem(
      "Targets indistinguishable from a control group (answers, invoices, latency)",
      "IPA 2016 s.57 (the interception must not be disclosed)",
      differences,
      `${differences} differences over ${r.tasks.length} pairs`,
    ),
  ]);
  context.journal.append("li-rehearsal", { targets: r.tasks.length, xidHashes: hashes });
  return {
    complete: true,
    measurements: m.list(),
    notes: [`${r.tasks.length} XIDs (hashes ${hashes.join(", ")}); target identifiers are never reported`],
    sections: [checklist],
  };
}

/** True when a BSS-credential answer shows LI data: an LI operation not refused, or an XID/LI word in a body. */
function exposes(probe: RegularCredentialProbe, tasks: readonly LegacyTask[]): boolean {
  if (probe.li && probe.status !== 403) return true;
  if (tasks.some((t) => probe.raw.includes(t.xid))) return true;
  return !probe.li && /"xid"|intercept|li_task|lawful/i.test(probe.raw);
}

function incomplete(m: MeasurementSet, reason: string): SuiteOutcome {
  return { complete: false, reason, measurements: m.list(), notes: [reason], sections: [] };
}
