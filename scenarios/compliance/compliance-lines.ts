/**
 * What the compliance suites share: the lines they migrate, the regulatory data they check
 * against, and the checklist rows they report. A rehearsal moves lines of the same legacy base the
 * world was drawn from, past the part the provisioning replay activates, each suite in its own
 * block of indices — so no suite's cohort collides with another's numbers, and the same seed gives
 * the same lines.
 */
import { createHash } from "node:crypto";
import type { Temporal } from "temporal-polyfill";
import {
  billingPeriodAt,
  type Cdr,
  type ChecklistSection,
  countryOfMsisdn,
  parseCountryMix,
  type RegulatoryProfile,
  regulationFor,
  type Subscriber,
  TrancheError,
} from "../../domain/index.ts";
import { createBaseGenerator } from "../../generators/index.ts";
import type { DestinationSubscriberState, RunWorld, StateReadCapability } from "../../harness/index.ts";

/** Each suite's block of base indices after the world's own lines. */
export const LINE_BLOCKS = { li: 0, retention: 1, mnp: 2, kyc: 3 } as const;
const BLOCK_SIZE = 20_000;

/**
 * Up to `count` lines of block `block` that `accept` takes, in index order (the scan stops at the
 * end of the block: a world without DE lines gives no DE lines).
 */
export function complianceLines(
  world: RunWorld,
  block: number,
  count: number,
  accept: (line: Subscriber) => boolean = () => true,
): Subscriber[] {
  const first = world.spec.subscribers + block * BLOCK_SIZE;
  const generator = createBaseGenerator({
    seed: world.seed,
    refDate: world.refDate,
    count: first + BLOCK_SIZE,
    ...(world.spec.countries ? { countries: parseCountryMix(world.spec.countries) } : {}),
    ...(world.spec.catalog ? { catalog: world.spec.catalog } : {}),
  });
  const out: Subscriber[] = [];
  for (let i = first; i < first + BLOCK_SIZE && out.length < count; i++) {
    const line = generator.record(i).subscriber;
    if (accept(line)) out.push(line);
  }
  return out;
}

/** A line as legacy holds it at `cutover`: in service, its billing period the one containing the cutover. */
export function atCutover(line: Subscriber, cutover: Temporal.Instant): Subscriber {
  const period = billingPeriodAt(cutover, line.billing.anchorDay, line.billing.timezone);
  return {
    ...line,
    status: "active",
    billing: {
      ...line.billing,
      periodStart: period.start.toInstant().toString(),
      usageToDate: { voiceSec: 0, smsCount: 0, dataBytes: 0 },
    },
  };
}

/** The country code of a line (its MSISDN's calling code). */
export function countryOf(line: Subscriber): string {
  return countryOfMsisdn(line.msisdn) ?? "GB";
}

/** The countries of the world's mix, in mix order. */
export function worldCountries(world: RunWorld): string[] {
  return world.spec.countries ? parseCountryMix(world.spec.countries).map(([p]) => p.code) : ["GB"];
}

/** The regulatory profile of `country` with the run's overrides. */
export function regulationOf(world: RunWorld, country: string): RegulatoryProfile {
  return regulationFor(country, world.spec.regulation);
}

/** A short, stable hash (what reports show instead of an LI identifier). */
export function shortHash(value: string): string {
  return createHash("sha256").update(value).digest("hex").slice(0, 12);
}

type ChecklistItem = ChecklistSection["items"][number];

/** One checklist row: passes when `failures` is 0. */
export function checklistItem(
  requirement: string,
  source: string,
  failures: number,
  evidence: string,
): ChecklistItem {
  return { requirement, source, result: failures === 0 ? "pass" : "fail", evidence };
}

/** A requirement the run could not check, with why. */
export function notChecked(requirement: string, source: string, why: string): ChecklistItem {
  return { requirement, source, result: "not-checked", evidence: why };
}

/** The suite's compliance checklist section. */
export function checklistSection(id: string, title: string, items: ChecklistItem[]): ChecklistSection {
  return {
    kind: "checklist",
    id,
    title,
    description: "Requirement, where it comes from, what this run found, and the evidence (counts only).",
    items,
  };
}

/** Sequential over items (compliance checks are few and ordered; a destination is not load-tested here). */
export async function each<T, R>(
  items: readonly T[],
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = [];
  for (const [i, item] of items.entries()) out.push(await fn(item, i));
  return out;
}

/** A complete, well-formed usage record of `line` (one part, normal close) under a unique key. */
export function usageRecord(
  line: Subscriber,
  service: "voice" | "sms" | "data",
  start: Temporal.Instant,
  key: string,
): Cdr {
  return {
    recordId: `R-${key}`,
    service,
    msisdn: line.msisdn,
    imsi: line.imsi,
    imei: line.imei,
    calledNumber: service === "data" ? null : line.msisdn.startsWith("+1") ? "+12025550143" : "+447700900123",
    start: start.toString(),
    durationSec: service === "sms" ? 0 : 61,
    uplinkBytes: service === "data" ? 40_960 : 0,
    downlinkBytes: service === "data" ? 409_600 : 0,
    chargingId: `C-${key}`,
    partial: { sequence: 1, final: true },
    localSequence: 1,
    recordingNode: service === "data" ? "PGW-01" : service === "sms" ? "SMSC-01" : "MSC-01",
    closeCause: "normal",
    cell: "234-15-1001-2002",
    roamingMcc: null,
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads every line, then re-reads once, after `settleMs`, those whose state `ok` rejects: a read
 * replica that lags converges within the settle window, and lag is the provisioning suite's
 * finding (`stale_reads`), not a compliance one.
 */
export async function readSettled<S>(
  read: (index: number) => Promise<S | undefined>,
  count: number,
  ok: (state: S | undefined, index: number) => boolean,
  settleMs: number,
): Promise<Array<S | undefined>> {
  const states: Array<S | undefined> = [];
  for (let i = 0; i < count; i++) states.push(await read(i));
  const again = states.flatMap((state, i) => (ok(state, i) ? [] : [i]));
  if (again.length === 0) return states;
  await pause(settleMs);
  for (const i of again) states[i] = await read(i);
  return states;
}

/**
 * Reads a line's state by the destination's id; when that answer breaks the contract's schema
 * (provisioning's `contract_violations` finding), by its legacy id instead, so a compliance check
 * still sees the fields it needs.
 */
export function stateOf(reader: StateReadCapability, signal: AbortSignal) {
  return async (id: string, externalId: string): Promise<DestinationSubscriberState | undefined> => {
    try {
      return await reader.readSubscriber(id, signal);
    } catch (error) {
      if (!(error instanceof TrancheError) || error.code !== "E_CONTRACT") throw error;
      return (await reader.findByExternalId(externalId, signal)).find((s) => s.id === id);
    }
  };
}

/** Whether an error or an answer is a 5xx (the destination's "try again"). */
function isServerError(value: unknown): boolean {
  if (value instanceof Error) return /HTTP 5\d\d/.test(value.message);
  const status = (value as { status?: unknown } | null)?.status;
  return typeof status === "number" && status >= 500;
}

/**
 * The target with every operation retried on a 5xx answer, up to `attempts` times with growing
 * pauses. The compliance suites judge compliance, not availability (the provisioning suite's
 * error-rate gate does that); their writes carry idempotency keys where the contract takes them, so
 * a retry after a 5xx — which the contract never stores — is safe.
 */
export function retryingTarget<T extends object>(target: T, attempts = 6): T {
  const wrap = <F extends (...args: never[]) => unknown>(fn: F): F =>
    (async (...args: never[]) => {
      for (let attempt = 1; ; attempt++) {
        try {
          const result = await fn(...args);
          if (!isServerError(result) || attempt >= attempts) return result;
        } catch (error) {
          if (!isServerError(error) || attempt >= attempts) throw error;
        }
        await pause(50 * 2 ** attempt);
      }
    }) as F;
  const wrapGroup = (group: object) =>
    Object.fromEntries(
      Object.entries(group).map(([name, value]) => [
        name,
        typeof value === "function" ? wrap(value.bind(group)) : value,
      ]),
    );
  return Object.fromEntries(
    Object.entries(target).map(([name, group]) => [
      name,
      group && typeof group === "object" ? wrapGroup(group) : group,
    ]),
  ) as T;
}
