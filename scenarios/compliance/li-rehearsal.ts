/**
 * The lawful-intercept rehearsal's data, computed without a destination: which lines of the
 * cohort are under warrant (targets) and which are their control group, the X1 tasks legacy holds
 * for the targets — XID, target identifiers, delivery type, and how many IRI records legacy already
 * delivered under each XID (its X2 sequence so far) — and the events and usage the cohort produces
 * after the cutover. Exported so a test can look for every target identifier in a run's outputs.
 */
import type { Temporal } from "temporal-polyfill";
import type { Cdr, ProvisioningEvent, RandomStream, Subscriber } from "../../domain/index.ts";
import type { RunWorld } from "../../harness/index.ts";
import { atCutover, complianceLines, LINE_BLOCKS, usageRecord } from "./compliance-lines.ts";

/** An X1 task as legacy holds it, with its X2 sequence so far. */
export interface LegacyTask {
  readonly xid: string;
  readonly targets: ReadonlyArray<{ readonly type: "msisdn" | "imsi"; readonly value: string }>;
  readonly deliveryType: "X2Only" | "X2andX3";
  /** IRI records legacy delivered under this XID before the cutover (sequence 1 … this). */
  readonly legacyDelivered: number;
}

/** One line's part of the rehearsal: the line, and its control twin when it is a target. */
export interface RehearsalLine {
  readonly line: Subscriber;
  readonly target: boolean;
  /** Index of the target this control mirrors (controls only). */
  readonly mirrors?: number;
}

/** An event or usage record of a line after the cutover, and the IRI record type it yields. */
export interface LineActivity {
  readonly lineIndex: number;
  readonly eventType: string;
  readonly at: string;
  readonly event?: ProvisioningEvent;
  readonly cdr?: Cdr;
}

export interface LiRehearsal {
  readonly lines: readonly RehearsalLine[];
  readonly tasks: readonly LegacyTask[];
  readonly cutover: Temporal.Instant;
  /** Everything the cohort does after the cutover, in send order (targets and controls alternate). */
  readonly activity: readonly LineActivity[];
}

function xidOf(random: RandomStream, i: number): string {
  const hex = random.record(i).digits(32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A control line: another line's identity with the target's plan, billing and usage. */
function twin(target: Subscriber, other: Subscriber): Subscriber {
  return {
    ...target,
    id: other.id,
    accountId: other.accountId,
    msisdn: other.msisdn,
    imsi: other.imsi,
    iccid: other.iccid,
    imei: other.imei,
    kyc: other.kyc,
  };
}

function cdrOf(line: Subscriber, service: "voice" | "sms", start: Temporal.Instant, key: string): Cdr {
  return usageRecord(line, service, start, `LI-${key}`);
}

/** The rehearsal for `targets` lines under warrant, each with a control twin. */
export function planLiRehearsal(
  world: RunWorld,
  options: { readonly targets: number; readonly legacyRecords: number },
  random: (name: string) => RandomStream,
  cutover: Temporal.Instant,
): LiRehearsal {
  const pool = complianceLines(world, LINE_BLOCKS.li, options.targets * 2, (s) => s.status !== "terminated");
  const lines: RehearsalLine[] = [];
  const tasks: LegacyTask[] = [];
  const xids = random("xids");
  for (let t = 0; t < Math.floor(pool.length / 2); t++) {
    const target = atCutover(pool[2 * t] as Subscriber, cutover);
    const control = atCutover(twin(target, pool[2 * t + 1] as Subscriber), cutover);
    lines.push({ line: target, target: true }, { line: control, target: false, mirrors: lines.length });
    tasks.push({
      xid: xidOf(xids, t),
      targets: [
        { type: "msisdn", value: target.msisdn },
        { type: "imsi", value: target.imsi },
      ],
      deliveryType: t % 2 === 0 ? "X2Only" : "X2andX3",
      legacyDelivered: options.legacyRecords + t,
    });
  }
  const activity: LineActivity[] = [];
  const cutoverIso = cutover.toString();
  for (let lineIndex = 0; lineIndex < lines.length; lineIndex++) {
    activity.push({ lineIndex, eventType: "import", at: cutoverIso });
  }
  // After the cutover: a top-up one second in, a call 30 s in, another call and an SMS.
  const steps: Array<(line: Subscriber, key: string) => LineActivity> = [
    (line, key) => {
      const at = cutover.add({ seconds: 1 }).toString();
      const currency = line.billing.currency;
      return {
        lineIndex: -1,
        eventType: "top_up",
        at,
        event: {
          id: `li-${key}-topup`,
          type: "top_up",
          at,
          subscriberId: line.id,
          idempotencyKey: `li-${key}-topup`,
          source: "compliance.li",
          payload: { amountMinor: 1000, currency },
        },
      };
    },
    (line, key) => {
      const start = cutover.add({ seconds: 30 });
      return {
        lineIndex: -1,
        eventType: "usage_voice",
        at: start.toString(),
        cdr: cdrOf(line, "voice", start, `${key}-first`),
      };
    },
    (line, key) => {
      const start = cutover.add({ minutes: 5 });
      return {
        lineIndex: -1,
        eventType: "usage_voice",
        at: start.toString(),
        cdr: cdrOf(line, "voice", start, `${key}-call`),
      };
    },
    (line, key) => {
      const start = cutover.add({ minutes: 9 });
      return {
        lineIndex: -1,
        eventType: "usage_sms",
        at: start.toString(),
        cdr: cdrOf(line, "sms", start, `${key}-sms`),
      };
    },
  ];
  for (const step of steps) {
    lines.forEach((entry, lineIndex) => {
      const key = `${entry.line.id}`;
      activity.push({ ...step(entry.line, key), lineIndex });
    });
  }
  return { lines, tasks, cutover, activity };
}

/** Every identifier of a target the harness must never write anywhere (the leak test reads it). */
export function targetIdentifiers(rehearsal: LiRehearsal): string[] {
  const out = new Set<string>();
  for (const entry of rehearsal.lines) {
    if (!entry.target) continue;
    out.add(entry.line.msisdn).add(entry.line.imsi).add(entry.line.iccid).add(entry.line.id);
  }
  for (const task of rehearsal.tasks) out.add(task.xid);
  return [...out];
}
