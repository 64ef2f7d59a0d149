/**
 * `provisioning.catalog`: tariff mapping before migration. Every plan of the operator's catalog
 * (the run's world catalog: what legacy sells and the generated base holds) must be published by the
 * destination (`GET /v1/catalog`) under the same id with the same commercial terms — payment type,
 * currency, recurring fee in minor units, allowances and overage rates, and the name — or migrated
 * subscribers land on a plan that does not exist or are billed by other terms than they bought.
 * One read, no writes: it changes nothing on the destination and can run first.
 *
 * A target whose state-read capability publishes no catalog cannot be judged: the suite ends
 * incomplete (the run is INCOMPLETE, never READY) instead of passing on silence.
 */
import { z } from "zod";
import type { Plan, ReportSection, TableSection } from "../../domain/index.ts";
import { defineSuite, MeasurementSet, type SuiteOutcome } from "../../harness/index.ts";
import { compareCatalogs, PLAN_FIELDS, type PlanFieldDifference } from "./catalog-compare.ts";

/** How many rows the discrepancy table and each measurement's evidence keep. */
const EVIDENCE_LIMIT = 200;
/** How many plan ids an evidence summary names before "…". */
const SUMMARY_IDS = 10;

const options = z
  .object({
    /**
     * Plan fields left out of the comparison (dotted paths such as `name` or `overage.perSmsMinor`):
     * for a destination that names plans in its own words. Every field is compared by default.
     */
    ignoreFields: z.array(z.enum(PLAN_FIELDS)).default([]),
  })
  .strict();

const ids = (plans: readonly { id: string }[]) => {
  const list = plans.map((p) => p.id);
  return `${list.slice(0, SUMMARY_IDS).join(", ")}${list.length > SUMMARY_IDS ? ", …" : ""}`;
};

/** A table cell from any field value (objects and arrays as JSON, absent as null). */
function cell(value: unknown): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return JSON.stringify(value);
}

const show = (value: unknown) => (typeof value === "string" ? `"${value}"` : JSON.stringify(value ?? null));

function discrepancyTable(
  missing: readonly Plan[],
  differences: readonly PlanFieldDifference[],
  extra: readonly Plan[],
  operator: readonly Plan[],
): TableSection {
  const currencyOf = new Map(operator.map((p) => [p.id, p.currency]));
  const rows = [
    ...missing.map((p) => ({
      planId: p.id,
      currency: p.currency,
      finding: "missing",
      field: null,
      expected: "published",
      actual: "absent",
      difference: null,
    })),
    ...differences.map((d) => ({
      planId: d.planId,
      currency: currencyOf.get(d.planId) ?? null,
      finding: "mismatched",
      field: d.field,
      expected: cell(d.expected),
      actual: cell(d.actual),
      difference:
        typeof d.expected === "number" && typeof d.actual === "number" ? d.actual - d.expected : null,
    })),
    ...extra.map((p) => ({
      planId: p.id,
      currency: p.currency,
      finding: "extra",
      field: null,
      expected: "not sold by the operator",
      actual: "published",
      difference: null,
    })),
  ];
  return {
    kind: "table",
    id: "catalog-discrepancies",
    title: "Tariff mapping: operator catalog against the destination's published catalog",
    description:
      "Each operator plan missing from the destination, each field of a published plan that differs (money in minor units; difference = actual − expected), and each published plan the operator does not sell (informational).",
    columns: [
      { key: "planId", label: "plan" },
      { key: "currency", label: "currency" },
      { key: "finding", label: "finding" },
      { key: "field", label: "field" },
      { key: "expected", label: "operator" },
      { key: "actual", label: "destination" },
      { key: "difference", label: "difference" },
    ],
    rows: rows.slice(0, EVIDENCE_LIMIT),
    totalRows: rows.length,
  };
}

export const provisioningCatalogSuite = defineSuite({
  id: "provisioning.catalog",
  title: "Tariff mapping",
  description:
    "Reads the destination's published plan catalog and compares it, plan by plan and field by field, with the operator's catalog: every operator plan must be published with the same payment type, currency, recurring fee, allowances, overage rates and name.",
  options,
  requires: ["state-read"],
  // One read of the catalog: the defaults are already the smallest run.
  proofOptions: {},
  plan({ world, options }) {
    const catalog = world.catalog();
    const currencies = [...new Set(catalog.map((p) => p.currency))];
    const compared = PLAN_FIELDS.filter((f) => !options.ignoreFields.includes(f));
    return {
      summary: `${catalog.length} operator plans in ${currencies.length} currencies (${currencies.join(", ")}) compared field by field with the destination's published catalog (GET /v1/catalog); nothing written`,
      checks: [
        "every operator plan is published by the destination under its id",
        `each published operator plan has the operator's terms, exactly: ${compared.join(", ")}`,
        ...(options.ignoreFields.length > 0 ? [`not compared: ${options.ignoreFields.join(", ")}`] : []),
        "published plans the operator does not sell are listed (informational)",
      ],
    };
  },
  async run(context): Promise<SuiteOutcome> {
    const { target, signal, options } = context;
    const reader = target["state-read"];
    if (!reader.readCatalog) {
      const reason =
        "the target publishes no plan catalog (its state-read capability has no catalog read): the tariff mapping cannot be checked";
      return { complete: false, reason, measurements: [], notes: [reason], sections: [] };
    }
    const operator = context.world.catalog();
    const published = await reader.readCatalog(signal);
    context.journal.append("catalog-read", { published: published.length, operator: operator.length });
    const comparison = compareCatalogs(operator, published, options.ignoreFields);
    context.progress("plans", comparison.compared, comparison.compared);
    const { missing, mismatched, differences, extra, compared } = comparison;

    const measurements = new MeasurementSet();
    measurements.set("plans_compared", compared, "count", {
      summary: `${compared} operator plans compared with ${published.length} published plans`,
    });
    measurements.set("plans_missing", missing.length, "count", {
      summary:
        missing.length === 0
          ? `every one of the ${compared} operator plans is published`
          : `${missing.length} of ${compared} operator plans are not in the destination's catalog: ${ids(missing)}`,
      items: missing.slice(0, EVIDENCE_LIMIT).map((p) => ({ planId: p.id, currency: p.currency })),
    });
    const found = compared - missing.length;
    measurements.set("plans_mismatched", mismatched.length, "count", {
      summary:
        mismatched.length === 0
          ? `all ${found} published operator plans carry the operator's terms`
          : `${mismatched.length} of ${found} published operator plans differ: ${differences
              .slice(0, SUMMARY_IDS)
              .map((d) => `${d.planId} ${d.field} ${show(d.expected)} → ${show(d.actual)}`)
              .join("; ")}${differences.length > SUMMARY_IDS ? "; …" : ""}`,
      items: differences.slice(0, EVIDENCE_LIMIT).map((d) => ({ ...d })),
    });
    measurements.set("plans_extra", extra.length, "count", {
      summary:
        extra.length === 0
          ? "the destination publishes no plan beyond the operator's"
          : `${extra.length} published plans the operator does not sell: ${ids(extra)}`,
      items: extra.slice(0, EVIDENCE_LIMIT).map((p) => ({ planId: p.id, currency: p.currency })),
    });

    const notes: string[] = [];
    if (options.ignoreFields.length > 0) notes.push(`not compared: ${options.ignoreFields.join(", ")}`);
    const sections: ReportSection[] = [];
    if (missing.length + differences.length + extra.length > 0) {
      sections.push(discrepancyTable(missing, differences, extra, operator));
    }
    return { complete: true, measurements: measurements.list(), notes, sections };
  },
});
