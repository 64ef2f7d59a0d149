/**
 * Cuts the base into cohorts, deterministically: the strata are sorted by the policy's ordering
 * (ties broken by the stratum's key, so the same input always gives the same cohorts) and poured
 * into cohorts of the policy's sizes; a stratum may straddle two cohorts. Each cohort keeps counts
 * per billing-calendar group (time zone × anchor day), split by whether its billing moves at the
 * subscriber's own cycle boundary — all a Monte Carlo run needs to count split-period bills.
 */
import { type BaseStratum, divideRounded, stratumKey, TrancheError } from "../domain/index.ts";
import type { BaseStats } from "./base-stats.ts";
import type { CalendarGroup } from "./billing-calendar.ts";
import { type CohortPolicy, cohortSizeAt, MAX_COHORTS, orderRule, perCohortAt } from "./cohort-policy.ts";

/** Subscribers of a cohort by activity, ARPU band, segment and country. */
export interface CohortComposition {
  readonly activity: Record<string, number>;
  readonly arpuBand: Record<string, number>;
  readonly segment: Record<string, number>;
  readonly country: Record<string, number>;
}

export interface PlannedCohort {
  /** 0-based position in the policy's order. */
  readonly index: number;
  readonly size: number;
  /** Subscribers whose billing moves at their own cycle boundary. */
  readonly aligned: number;
  /** Calendar groups present in the cohort, with their unaligned and aligned counts (parallel arrays). */
  readonly groupIds: Int32Array;
  readonly unalignedCounts: Int32Array;
  readonly alignedCounts: Int32Array;
  /** Monthly ARPU of the cohort's subscribers per currency, minor units. */
  readonly revenueMinor: Readonly<Record<string, number>>;
  readonly composition: CohortComposition;
  readonly parallelRunDays: number;
  readonly stabilizationDays: number;
}

export interface CohortPlan {
  readonly cohorts: readonly PlannedCohort[];
  readonly groups: readonly CalendarGroup[];
  /** The time zone with the most subscribers (the default cutover zone). */
  readonly largestTimeZone: string;
}

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The strata in the policy's order. */
export function orderStrata(rows: readonly BaseStratum[], policy: CohortPolicy): BaseStratum[] {
  const rules = policy.ordering.map(orderRule);
  const keyed = rows.map((row) => ({ row, key: stratumKey(row) }));
  keyed.sort((a, b) => {
    for (const rule of rules) {
      const va = a.row[rule.by];
      const vb = b.row[rule.by];
      // Listed values by their place in the list; unlisted ones after them, ascending.
      const ra = rule.order.findIndex((v) => String(v) === String(va));
      const rb = rule.order.findIndex((v) => String(v) === String(vb));
      const pa = ra < 0 ? rule.order.length : ra;
      const pb = rb < 0 ? rule.order.length : rb;
      if (pa !== pb) return pa - pb;
      if (ra < 0) {
        const c = compareValues(va, vb);
        if (c !== 0) return c;
      }
    }
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  });
  return keyed.map((k) => k.row);
}

function bump(table: Record<string, number>, key: string, n: number): void {
  table[key] = (table[key] ?? 0) + n;
}

interface CohortBuilder {
  size: number;
  aligned: number;
  groups: Map<number, [number, number]>;
  revenueMinor: Record<string, number>;
  composition: CohortComposition;
}

/**
 * The billing-calendar groups of a base, numbered in the base's own order (not a policy's), so
 * every policy over one base shares the groups and their calendars.
 */
export function calendarGroupsOf(base: BaseStats): {
  groups: CalendarGroup[];
  groupOf(row: BaseStratum): number;
} {
  const groups: CalendarGroup[] = [];
  const index = new Map<string, number>();
  for (const row of base.rows) {
    const key = `${row.timezone}|${row.anchorDay}`;
    if (!index.has(key)) {
      index.set(key, groups.length);
      groups.push({ timezone: row.timezone, anchorDay: row.anchorDay });
    }
  }
  return { groups, groupOf: (row) => index.get(`${row.timezone}|${row.anchorDay}`) as number };
}

/** Cuts `base` into the cohorts of `policy`. */
export function planCohorts(base: BaseStats, policy: CohortPolicy): CohortPlan {
  const { groups, groupOf } = calendarGroupsOf(base);
  const zoneCounts = new Map<string, number>();
  for (const row of base.rows) zoneCounts.set(row.timezone, (zoneCounts.get(row.timezone) ?? 0) + row.count);
  const largestTimeZone = [...zoneCounts].sort((a, b) => b[1] - a[1] || compareValues(a[0], b[0]))[0]?.[0];

  const isHighValue = (row: BaseStratum) =>
    policy.highValue.arpuBands.includes(row.arpuBand) || policy.highValue.segments.includes(row.segment);
  const builders: CohortBuilder[] = [];
  let current: CohortBuilder | undefined;
  let wanted = 0;
  for (const row of orderStrata(base.rows, policy)) {
    const group = groupOf(row);
    const aligned = policy.alignment === "always" || (policy.alignment === "high-value" && isHighValue(row));
    let taken = 0;
    while (taken < row.count) {
      if (!current || current.size === wanted) {
        if (builders.length === MAX_COHORTS) {
          throw new TrancheError(
            "E_CONFIG",
            `policy "${policy.name}": its cohort sizes cut the base of ${base.subscribers} subscribers into more than ${MAX_COHORTS} cohorts.`,
            'Use larger "cohorts.sizes" or a growth rule.',
          );
        }
        wanted = cohortSizeAt(policy, builders.length);
        current = {
          size: 0,
          aligned: 0,
          groups: new Map(),
          revenueMinor: {},
          composition: { activity: {}, arpuBand: {}, segment: {}, country: {} },
        };
        builders.push(current);
      }
      const n = Math.min(row.count - taken, wanted - current.size);
      current.size += n;
      if (aligned) current.aligned += n;
      const counts = current.groups.get(group) ?? [0, 0];
      counts[aligned ? 1 : 0] += n;
      current.groups.set(group, counts);
      // Slices of one stratum split its ARPU sum exactly: floor of the cumulative share.
      const before = divideRounded(BigInt(row.arpuMinorSum) * BigInt(taken), row.count, "floor");
      const after = divideRounded(BigInt(row.arpuMinorSum) * BigInt(taken + n), row.count, "floor");
      bump(current.revenueMinor, row.currency, after - before);
      bump(current.composition.activity, row.activity, n);
      bump(current.composition.arpuBand, row.arpuBand, n);
      bump(current.composition.segment, row.segment, n);
      bump(current.composition.country, row.country, n);
      taken += n;
    }
  }
  const cohorts = builders.map((b, index): PlannedCohort => {
    const ids = [...b.groups.keys()].sort((x, y) => x - y);
    return {
      index,
      size: b.size,
      aligned: b.aligned,
      groupIds: Int32Array.from(ids),
      unalignedCounts: Int32Array.from(ids.map((id) => (b.groups.get(id) as [number, number])[0])),
      alignedCounts: Int32Array.from(ids.map((id) => (b.groups.get(id) as [number, number])[1])),
      revenueMinor: b.revenueMinor,
      composition: b.composition,
      parallelRunDays: perCohortAt(policy.parallelRunDays, index),
      stabilizationDays: perCohortAt(policy.stabilizationDays, index),
    };
  });
  return { cohorts, groups, largestTimeZone: largestTimeZone ?? "UTC" };
}
