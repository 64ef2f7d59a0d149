/**
 * The lines the split-period suite imports: the edge-case matrix (split-cases.ts) and a seeded
 * population drawn from the world's base — the same generator, the lines after the world's own
 * (so the same anchor-day, time-zone, plan and currency mix, and numbers no other line holds) —
 * each with its legacy state at the cutover, what is sent after it (provisioning events, usage
 * records) and the timeline the oracle prices.
 */
import { Temporal } from "temporal-polyfill";
import {
  billingPeriodAt,
  type Cdr,
  nextPeriod,
  type Plan,
  type ProvisioningEvent,
  parseCountryMix,
  type RandomStream,
  type Subscriber,
} from "../../domain/index.ts";
import { createBaseGenerator } from "../../generators/index.ts";
import type { RunWorld } from "../../harness/index.ts";
import type { ImportedTimeline, OraclePlan, PolicyRounding } from "../../oracle/index.ts";
import { POLICY_ROUNDINGS } from "../../oracle/index.ts";
import { type CaseEvent, SPLIT_CASES } from "./split-cases.ts";

/** Base indexes past the world's own lines: population first, matrix lines after. */
const MATRIX_OFFSET = 100_000;
export const MAX_POPULATION = 50_000;
const MIN_MS = 60_000;
const HOUR_MS = 3_600_000;

/** One imported line: what is sent and what the oracle expects of it. */
export interface SplitLine {
  /** Matrix case id, or `population`. */
  readonly caseId: string;
  readonly subscriber: Subscriber;
  readonly cohortId: string;
  readonly cutoverAt: Temporal.Instant;
  readonly legacyRounding: PolicyRounding;
  readonly creditMinor: number;
  /** Provisioning events after the import, in send order. */
  readonly events: readonly ProvisioningEvent[];
  /** Usage records after the import: every one must be accepted and rated. */
  readonly cdrs: readonly Cdr[];
  readonly timeline: ImportedTimeline;
  /** Imported balance plus every top-up sent. */
  readonly expectedBalanceMinor: number;
  readonly importTwice: boolean;
}

/** The oracle's view of a catalog plan. */
export function oraclePlan(plan: Plan): OraclePlan {
  return {
    planId: plan.id,
    recurringFeeMinor: plan.recurringFeeMinor,
    allowances: plan.allowances,
    overage: plan.overage,
  };
}

function planById(catalog: readonly Plan[], id: string): Plan {
  const plan = catalog.find((p) => p.id === id);
  if (!plan) throw new Error(`split-period case plan "${id}" is not in the catalog`);
  return plan;
}

/** The world's base generator, for lines past the world's own. */
function baseGenerator(world: RunWorld) {
  const { spec } = world;
  return createBaseGenerator({
    seed: world.seed,
    refDate: world.refDate,
    count: spec.subscribers,
    ...(spec.countries ? { countries: parseCountryMix(spec.countries) } : {}),
    ...(spec.catalog ? { catalog: spec.catalog } : {}),
  });
}

/** A line's record as legacy holds it at the cutover. */
function atCutover(
  base: Subscriber,
  plan: Plan,
  fields: {
    readonly id: string;
    readonly accountId: string;
    readonly anchorDay: number;
    readonly timeZone: string;
    readonly cutover: Temporal.Instant;
    readonly usageToDate: Subscriber["billing"]["usageToDate"];
    readonly balanceMinor: number;
    readonly status: Subscriber["status"];
    readonly addOns: readonly string[];
    readonly activatedAt?: string;
  },
): Subscriber {
  const period = billingPeriodAt(fields.cutover, fields.anchorDay, fields.timeZone);
  return {
    ...base,
    id: fields.id,
    accountId: fields.accountId,
    planId: plan.id,
    paymentType: plan.paymentType,
    status: fields.status,
    addOns: [...fields.addOns],
    ...(fields.activatedAt ? { activatedAt: fields.activatedAt } : {}),
    billing: {
      anchorDay: fields.anchorDay,
      timezone: fields.timeZone,
      currency: plan.currency as Subscriber["billing"]["currency"],
      balanceMinor: fields.balanceMinor,
      periodStart: period.start.toInstant().toString(),
      usageToDate: { ...fields.usageToDate },
    },
  };
}

interface Sent {
  events: ProvisioningEvent[];
  cdrs: Cdr[];
  planChanges: { at: Temporal.Instant; plan: OraclePlan }[];
  addOns: { at: Temporal.Instant; addonId: string; priceMinor: number }[];
  sessions: ImportedTimeline["sessions"][number][];
  terminatedAt?: Temporal.Instant;
  topUpsMinor: number;
}

/** Turns case events into what is sent and what the oracle prices. */
function sendables(
  subscriber: Subscriber,
  cutover: Temporal.Instant,
  events: readonly CaseEvent[],
  catalog: readonly Plan[],
  tag: string,
): Sent {
  const sent: Sent = { events: [], cdrs: [], planChanges: [], addOns: [], sessions: [], topUpsMinor: 0 };
  let seq = 0;
  const currency = subscriber.billing.currency;
  events.forEach((e, i) => {
    const at = cutover.add({ milliseconds: e.afterMin * MIN_MS });
    const iso = at.toString();
    const key = `${tag}-${i}`;
    const event = (type: ProvisioningEvent["type"], payload: Record<string, unknown>) =>
      sent.events.push({
        id: key,
        at: iso,
        subscriberId: subscriber.id,
        type,
        payload,
        idempotencyKey: key,
        source: "tranche-billing",
      } as ProvisioningEvent);
    switch (e.type) {
      case "plan_change": {
        event("plan_change", { planId: e.planId });
        sent.planChanges.push({ at, plan: oraclePlan(planById(catalog, e.planId)) });
        break;
      }
      case "suspension":
        event("suspension", { reason: "billing-split case" });
        break;
      case "resumption":
        event("resumption", {});
        break;
      case "termination":
        event("termination", { reason: "billing-split case" });
        sent.terminatedAt = at;
        break;
      case "top_up":
        event("top_up", { amountMinor: e.amountMinor, currency });
        sent.topUpsMinor += e.amountMinor;
        break;
      case "addon":
        event("addon_purchase", { addonId: e.addonId, priceMinor: e.priceMinor, currency });
        sent.addOns.push({ at, addonId: e.addonId, priceMinor: e.priceMinor });
        break;
      case "voice":
      case "sms":
        sent.cdrs.push(
          usageRecord(
            subscriber,
            `${key}`,
            e.type,
            iso,
            e.type === "voice" ? e.durationSec : 0,
            0,
            1,
            true,
            ++seq,
          ),
        );
        sent.sessions.push({ service: e.type, start: at, quantity: e.type === "voice" ? e.durationSec : 1 });
        break;
      case "data": {
        const share = Math.floor(e.bytes / e.parts);
        for (let p = 0; p < e.parts; p++) {
          const bytes = p === e.parts - 1 ? e.bytes - share * (e.parts - 1) : share;
          const start = at.add({ milliseconds: p * HOUR_MS }).toString();
          sent.cdrs.push(
            usageRecord(subscriber, key, "data", start, 3600, bytes, p + 1, p === e.parts - 1, ++seq),
          );
        }
        sent.sessions.push({ service: "data", start: at, quantity: e.bytes });
        break;
      }
    }
  });
  return sent;
}

/** One usage record of a session (`chargingId` = the session key; partial `sequence` of it). */
function usageRecord(
  s: Subscriber,
  session: string,
  service: Cdr["service"],
  start: string,
  durationSec: number,
  bytes: number,
  sequence: number,
  final: boolean,
  localSequence: number,
): Cdr {
  return {
    recordId: `${session}-${sequence}`,
    service,
    msisdn: s.msisdn,
    imsi: s.imsi,
    imei: s.imei,
    calledNumber: service === "data" ? null : s.msisdn,
    start,
    durationSec: service === "sms" ? 0 : durationSec,
    uplinkBytes: Math.floor(bytes / 4),
    downlinkBytes: bytes - Math.floor(bytes / 4),
    chargingId: `CHG-${session}`,
    partial: { sequence, final },
    localSequence,
    recordingNode: service === "data" ? "PGW-BILL-1" : "MSC-BILL-1",
    closeCause: final ? "normal" : "partial_time_limit",
    cell: "234-15-1001-42",
    roamingMcc: null,
  };
}

function lineOf(
  caseId: string,
  subscriber: Subscriber,
  cohortId: string,
  cutover: Temporal.Instant,
  legacyRounding: PolicyRounding,
  creditMinor: number,
  sent: Sent,
  catalog: readonly Plan[],
  importTwice: boolean,
): SplitLine {
  return {
    caseId,
    subscriber,
    cohortId,
    cutoverAt: cutover,
    legacyRounding,
    creditMinor,
    events: sent.events,
    cdrs: sent.cdrs,
    timeline: {
      subscriberId: subscriber.id,
      currency: subscriber.billing.currency,
      anchorDay: subscriber.billing.anchorDay,
      timeZone: subscriber.billing.timezone,
      cutoverAt: cutover,
      plan: oraclePlan(planById(catalog, subscriber.planId)),
      legacy: { usageToDate: subscriber.billing.usageToDate, creditMinor, rounding: legacyRounding },
      planChanges: sent.planChanges,
      ...(sent.terminatedAt ? { terminatedAt: sent.terminatedAt } : {}),
      addOns: sent.addOns,
      sessions: sent.sessions,
    },
    expectedBalanceMinor: subscriber.billing.balanceMinor + sent.topUpsMinor,
    importTwice,
  };
}

/** The matrix's lines (a business account case gives several). */
export function matrixLines(world: RunWorld, catalog: readonly Plan[], cases = SPLIT_CASES): SplitLine[] {
  const generator = baseGenerator(world);
  const lines: SplitLine[] = [];
  let k = 0;
  for (const c of cases) {
    const cutover = Temporal.Instant.from(c.cutover);
    const accountId = `ACC-SPLIT-${c.id}`;
    const specs = [{ anchorDay: c.anchorDay, planId: c.planId }, ...c.extraLines];
    specs.forEach((spec, j) => {
      const base = generator.record(world.spec.subscribers + MATRIX_OFFSET + k++).subscriber;
      const id = `SPLIT-${c.id}${specs.length > 1 ? `-${j + 1}` : ""}`;
      const subscriber = atCutover(base, planById(catalog, spec.planId), {
        id,
        accountId,
        anchorDay: spec.anchorDay,
        timeZone: c.timeZone,
        cutover,
        usageToDate: c.usageToDate,
        balanceMinor: c.balanceMinor,
        status: "active",
        addOns: c.addOns,
        // Backdated cutovers: the line was active well before.
        activatedAt: cutover.subtract({ hours: 24 * 400 }).toString(),
      });
      const sent = sendables(subscriber, cutover, j === 0 ? c.events : [], catalog, id);
      lines.push(
        lineOf(
          c.id,
          subscriber,
          `split-${c.id}`,
          cutover,
          c.legacyRounding,
          c.creditMinor,
          sent,
          catalog,
          c.importTwice,
        ),
      );
    });
  }
  return lines;
}

/**
 * The population: `count` lines past the world's base, cut over in `cohorts` cohorts a day and
 * two hours apart from `start`, each with legacy usage to date (up to 120 % of its allowance),
 * legacy's rounding and sometimes credit, then top-ups, a plan change inside the split period
 * and usage over the next two cycles, all drawn from `random`.
 */
export function populationLines(
  world: RunWorld,
  catalog: readonly Plan[],
  random: RandomStream,
  count: number,
  cohorts: number,
  start: Temporal.Instant,
): SplitLine[] {
  const generator = baseGenerator(world);
  const lines: SplitLine[] = [];
  for (let i = 0; i < count; i++) {
    const r = random.record(i);
    const base = generator.record(world.spec.subscribers + i).subscriber;
    const plan = catalog.find((p) => p.id === base.planId);
    if (!plan || base.status === "terminated") continue;
    const cohort = i % cohorts;
    const cutover = cohortCutover(start, cohort, random);
    const usage = (allowance: number, unit: number) =>
      allowance > 0 ? Math.floor(allowance * r.next() * 1.2) : r.int(0, 20) * unit;
    const subscriber = atCutover(base, plan, {
      id: `SPLIT-POP-${i}`,
      accountId: base.accountId,
      anchorDay: base.billing.anchorDay,
      timeZone: base.billing.timezone,
      cutover,
      usageToDate: {
        voiceSec: usage(plan.allowances.voiceSec, 60),
        smsCount: usage(plan.allowances.smsCount, 1),
        dataBytes: usage(plan.allowances.dataBytes, 1_048_576),
      },
      balanceMinor: plan.paymentType === "prepaid" ? base.billing.balanceMinor : 0,
      status: base.status,
      addOns: base.addOns,
    });
    const period = billingPeriodAt(cutover, subscriber.billing.anchorDay, subscriber.billing.timezone);
    const end = nextPeriod(
      nextPeriod(period, subscriber.billing.anchorDay, subscriber.billing.timezone),
      subscriber.billing.anchorDay,
      subscriber.billing.timezone,
    ).end;
    const spanMin = Math.floor((end.epochMilliseconds - cutover.epochMilliseconds) / MIN_MS);
    const splitLeftMin = Math.floor((period.end.epochMilliseconds - cutover.epochMilliseconds) / MIN_MS);
    const events: CaseEvent[] = [];
    const active = subscriber.status === "active";
    if (plan.paymentType === "prepaid" && (active || subscriber.status === "suspended") && r.bool(0.5))
      events.push({
        type: "top_up",
        afterMin: r.int(1, spanMin - 1),
        amountMinor: r.int(5, 60) * 50 + r.int(0, 1) * 7,
      });
    const others = catalog.filter(
      (p) => p.id !== plan.id && p.paymentType === plan.paymentType && p.currency === plan.currency,
    );
    if (active && others.length > 0 && splitLeftMin > 24 * 60 && r.bool(0.1))
      events.push({ type: "plan_change", afterMin: r.int(60, splitLeftMin - 60), planId: r.pick(others).id });
    const sessions = r.int(0, 6);
    for (let s = 0; s < sessions; s++) {
      const afterMin = r.int(1, spanMin - 180);
      const kind = r.index(3);
      if (kind === 0) events.push({ type: "voice", afterMin, durationSec: r.int(0, 1800) });
      else if (kind === 1) events.push({ type: "sms", afterMin });
      else events.push({ type: "data", afterMin, bytes: r.int(1, 300 * 1_048_576), parts: r.int(1, 2) });
    }
    events.sort((a, b) => a.afterMin - b.afterMin);
    const legacyRounding = r.pick(POLICY_ROUNDINGS);
    const creditMinor = r.bool(0.1) ? r.int(1, 1500) : 0;
    const sent = sendables(subscriber, cutover, events, catalog, subscriber.id);
    lines.push(
      lineOf(
        "population",
        subscriber,
        `split-pop-${cohort}`,
        cutover,
        legacyRounding,
        creditMinor,
        sent,
        catalog,
        false,
      ),
    );
  }
  return lines;
}

/** Cohort `c` cuts over `c + 1` days and two hours after `start`, at a seeded second of that hour. */
function cohortCutover(start: Temporal.Instant, cohort: number, random: RandomStream): Temporal.Instant {
  const second = random.record(MAX_POPULATION + cohort).int(0, 3599);
  return start.add({ milliseconds: (cohort + 1) * 26 * HOUR_MS + second * 1000 });
}

/** The instant by which every population line has had its split period and two full cycles. */
export function twoCyclesAfter(lines: readonly SplitLine[], floor: Temporal.Instant): Temporal.Instant {
  let ms = floor.epochMilliseconds;
  for (const line of lines) {
    const { anchorDay, timezone } = line.subscriber.billing;
    const split = billingPeriodAt(line.cutoverAt, anchorDay, timezone);
    const end = nextPeriod(nextPeriod(split, anchorDay, timezone), anchorDay, timezone).end.epochMilliseconds;
    if (end > ms) ms = end;
  }
  return Temporal.Instant.fromEpochMilliseconds(ms);
}
