/**
 * A suite's own subscribers: a base generated from the run's seed and the suite's namespace, every
 * id and idempotency key prefixed with it, so that suites sharing one destination never collide
 * with each other's subscribers or keys (the world's base is activated by `provisioning.replay`).
 * Lines whose MSISDN, IMSI or ICCID the world's base also holds are left out, as are lines that
 * are not active (a parallel run and a cutover move live lines).
 */
import {
  ARPU_BANDS,
  activityOf,
  arpuBandOf,
  type CurrencyCode,
  hashString,
  parseCountryMix,
  type Subscriber,
} from "../../domain/index.ts";
import { generateBaseRecords } from "../../generators/index.ts";
import type { PlanContext } from "../../harness/index.ts";

/** `count` active subscribers of the suite's namespace `prefix` (ids `<prefix><generated id>`). */
export function suitePopulation(context: PlanContext<object>, prefix: string, count: number): Subscriber[] {
  const { world } = context;
  const taken = new Set<string>();
  for (const s of world.base()) taken.add(s.msisdn).add(s.imsi).add(s.iccid);
  const countries = world.spec.countries ? parseCountryMix(world.spec.countries) : undefined;
  const out: Subscriber[] = [];
  // Generate a little more than asked, since inactive statuses and collisions are left out.
  const generated = generateBaseRecords({
    seed: (world.seed ^ hashString(prefix)) >>> 0,
    refDate: context.refDate,
    count: Math.ceil(count * 1.6) + 10,
    ...(countries ? { countries } : {}),
    ...(world.spec.catalog ? { catalog: world.spec.catalog } : {}),
  });
  for (const { subscriber: s } of generated) {
    if (out.length >= count) break;
    if (s.status !== "active" || taken.has(s.msisdn) || taken.has(s.imsi) || taken.has(s.iccid)) continue;
    taken.add(s.msisdn).add(s.imsi).add(s.iccid);
    out.push({ ...s, id: `${prefix}${s.id}`, accountId: `${prefix}${s.accountId}` });
  }
  return out;
}

/** The playbook's cohort order of a line: dormant lines first, then by ARPU band, low to high. */
export function cohortRank(s: Subscriber, refMs: number): number {
  const activity = activityOf(s.status, Date.parse(s.lastActivityAt), refMs);
  const activityRank = activity === "inactive" ? 0 : activity === "suspended" ? 1 : 2;
  const band = ARPU_BANDS.indexOf(arpuBandOf(s.arpuMinor, s.billing.currency as CurrencyCode));
  return activityRank * ARPU_BANDS.length + band;
}

/**
 * Splits a population into `cohorts` tranches in the playbook's order (inactive first, then low,
 * mid and high ARPU), equal in size but for the last; ties keep the population's order.
 */
export function cohortsOf(population: readonly Subscriber[], cohorts: number, refMs: number): Subscriber[][] {
  const ranked = population
    .map((s, i) => ({ s, i, rank: cohortRank(s, refMs) }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((x) => x.s);
  const n = Math.max(1, Math.min(cohorts, ranked.length));
  const size = Math.ceil(ranked.length / n);
  const out: Subscriber[][] = [];
  for (let i = 0; i < ranked.length; i += size) out.push(ranked.slice(i, i + size));
  return out;
}
