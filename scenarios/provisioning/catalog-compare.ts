/**
 * Tariff mapping, plan by plan: the operator's catalog (what legacy sells and the migrated
 * subscribers hold) against the catalog a destination publishes. A plan is matched by id; every
 * field of the domain's Plan is compared exactly — the fields are read from `PlanSchema` itself, so
 * a field added to Plan is compared without a change here. Pure: no I/O.
 */
import { z } from "zod";
import { type Plan, PlanSchema } from "../../domain/index.ts";

/** Dotted paths of every leaf field of a zod object shape (`allowances.voiceSec`, …). */
function leafPaths(shape: Readonly<Record<string, z.ZodType>>, prefix = ""): string[] {
  return Object.entries(shape).flatMap(([key, schema]) =>
    schema instanceof z.ZodObject
      ? leafPaths(schema.shape as Record<string, z.ZodType>, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

/** Every field of a plan the comparison reads, by dotted path; the id is the key, not a term. */
export const PLAN_FIELDS = leafPaths(PlanSchema.shape).filter((path) => path !== "id") as [
  string,
  ...string[],
];

/** One field of one plan that differs, or a plan id published more than once (`field` "entries"). */
export interface PlanFieldDifference {
  readonly planId: string;
  readonly field: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

export interface CatalogComparison {
  /** Operator plans compared (each one, whether found or not). */
  readonly compared: number;
  /** Operator plan ids the destination does not publish, in the operator catalog's order. */
  readonly missing: readonly Plan[];
  /** Operator plan ids published with other terms, in the operator catalog's order. */
  readonly mismatched: readonly string[];
  /** Every differing field of the mismatched plans, in plan then field order. */
  readonly differences: readonly PlanFieldDifference[];
  /** Published plans the operator does not sell, in the published order (each id once). */
  readonly extra: readonly Plan[];
}

function valueAt(plan: Plan, path: string): unknown {
  let value: unknown = plan;
  for (const key of path.split(".")) {
    value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

/** Equality of two field values: exact for scalars, structural for arrays and objects. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Compares the operator's catalog with the published one. `ignoreFields` are left out of the
 * comparison (e.g. `name`, when the destination names plans in its own words). A plan id the
 * destination publishes more than once is a mismatch (which entry bills?), and each entry is compared.
 */
export function compareCatalogs(
  operator: readonly Plan[],
  published: readonly Plan[],
  ignoreFields: readonly string[] = [],
): CatalogComparison {
  const fields = PLAN_FIELDS.filter((f) => !ignoreFields.includes(f));
  const byId = new Map<string, Plan[]>();
  for (const plan of published) byId.set(plan.id, [...(byId.get(plan.id) ?? []), plan]);
  const missing: Plan[] = [];
  const mismatched: string[] = [];
  const differences: PlanFieldDifference[] = [];
  for (const plan of operator) {
    const entries = byId.get(plan.id);
    if (!entries) {
      missing.push(plan);
      continue;
    }
    const found: PlanFieldDifference[] = [];
    if (entries.length > 1) {
      found.push({ planId: plan.id, field: "entries", expected: 1, actual: entries.length });
    }
    for (const entry of entries) {
      for (const field of fields) {
        const expected = valueAt(plan, field);
        const actual = valueAt(entry, field);
        if (!sameValue(expected, actual)) found.push({ planId: plan.id, field, expected, actual });
      }
    }
    if (found.length > 0) {
      mismatched.push(plan.id);
      differences.push(...found);
    }
  }
  const sold = new Set(operator.map((p) => p.id));
  const extra: Plan[] = [];
  const listed = new Set<string>();
  for (const plan of published) {
    if (sold.has(plan.id) || listed.has(plan.id)) continue;
    listed.add(plan.id);
    extra.push(plan);
  }
  return { compared: operator.length, missing, mismatched, differences, extra };
}
