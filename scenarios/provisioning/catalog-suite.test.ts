/**
 * Tariff mapping against the embedded reference destination: clean, every operator plan published
 * with its terms; with EUR fees published net of VAT, each mismatched plan named with its field and
 * both values; with pay-as-you-go plans left out, each missing plan named; an operator catalog that
 * differs from what the destination sells; a target that publishes no catalog leaves the suite (and
 * the run) incomplete instead of passing; the plan needs no destination.
 */
import { Temporal } from "temporal-polyfill";
import { afterEach, describe, expect, it } from "vitest";
import { allCountryPlans, measurementOf, type Plan, type RunResult } from "../../domain/index.ts";
import {
  createJournal,
  type DestinationTarget,
  type GateSpec,
  openTarget,
  planSuites,
  resolveProfile,
  runSuites,
} from "../../harness/index.ts";
import { PROFILES } from "../profiles.ts";
import { SUITE_IDS, suiteById } from "../registry.ts";
import { compareCatalogs, PLAN_FIELDS } from "./catalog-compare.ts";

const SUITE = "provisioning.catalog";
const REF_DATE = Temporal.Instant.from("2026-03-01T00:00:00Z");
/** The readiness profile's gates over this suite, as they are shipped. */
const GATES: readonly GateSpec[] = (PROFILES.readiness?.gates ?? []).filter((g) =>
  g.measurement?.startsWith(`${SUITE}.`),
);

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function profileOf(options: Record<string, unknown> = {}, catalog?: readonly Plan[]) {
  return resolveProfile(
    {
      name: "test",
      description: "",
      world: { subscribers: 10, windowSec: 3600, ...(catalog ? { catalog } : {}) },
      suites: [{ suite: SUITE, options }],
      gates: GATES,
    },
    suiteById,
    SUITE_IDS,
  );
}

async function run(
  defects: string[],
  options: {
    suite?: Record<string, unknown>;
    catalog?: readonly Plan[];
    wrap?: (t: DestinationTarget) => DestinationTarget;
  } = {},
): Promise<RunResult> {
  const opened = await openTarget("reference", { defects, tokenEnv: "X", env: {}, connections: 4 });
  closers.push(() => opened.target.close());
  return runSuites({
    profile: profileOf(options.suite, options.catalog),
    seed: 4,
    refDate: REF_DATE,
    configFingerprint: "test",
    target: options.wrap ? options.wrap(opened.target) : opened.target,
    targetInfo: opened.info,
    journal: createJournal(null, () => "t"),
    signal: new AbortController().signal,
    clock: () => Temporal.Instant.fromEpochMilliseconds(1_770_000_000_000),
  });
}

const measured = (r: RunResult, name: string) => measurementOf(r, `${SUITE}.${name}`);
const gate = (r: RunResult, id: string) => r.gates.find((g) => g.id === id)?.status;
const table = (r: RunResult) => r.suites[0]?.sections.find((s) => s.id === "catalog-discrepancies");

describe("provisioning.catalog", () => {
  it("ships two blocker gates, each proven by a catalog defect", () => {
    expect(GATES.map((g) => [g.id, g.severity, g.provenBy])).toEqual([
      ["catalog_plans_missing", "blocker", ["catalog-omits-payg"]],
      ["catalog_plans_mismatched", "blocker", ["catalog-prices-net-of-vat"]],
    ]);
  });

  it("finds every operator plan published with its terms on the clean destination: READY", async () => {
    const result = await run([]);
    expect(result.verdict).toBe("READY");
    expect(result.suites[0]?.status).toBe("complete");
    const plans = allCountryPlans().length;
    expect(measured(result, "plans_compared")?.value).toBe(plans);
    expect(measured(result, "plans_missing")?.value).toBe(0);
    expect(measured(result, "plans_mismatched")?.value).toBe(0);
    expect(measured(result, "plans_extra")?.value).toBe(0);
    expect(measured(result, "plans_mismatched")?.evidence?.summary).toBe(
      `all ${plans} published operator plans carry the operator's terms`,
    );
    expect(table(result)).toBeUndefined();
    expect(result.gates.map((g) => g.status)).toEqual(["passed", "passed"]);
  }, 30_000);

  it("names each EUR plan published net of VAT, with the field and both fees", async () => {
    const result = await run(["catalog-prices-net-of-vat"]);
    expect(result.verdict).toBe("NOT READY");
    expect(gate(result, "catalog_plans_mismatched")).toBe("failed");
    expect(gate(result, "catalog_plans_missing")).toBe("passed");
    const mismatched = measured(result, "plans_mismatched");
    // Every EUR plan with a fee: DE-PREPAID-BASIS (0) is 0 net or gross.
    expect(mismatched?.value).toBe(5);
    expect(mismatched?.evidence?.items).toEqual([
      { planId: "DE-PREPAID-S", field: "recurringFeeMinor", expected: 999, actual: 839 },
      { planId: "DE-PREPAID-M", field: "recurringFeeMinor", expected: 1499, actual: 1260 },
      { planId: "DE-POSTPAID-S", field: "recurringFeeMinor", expected: 999, actual: 839 },
      { planId: "DE-POSTPAID-L", field: "recurringFeeMinor", expected: 1999, actual: 1680 },
      { planId: "DE-POSTPAID-UNL", field: "recurringFeeMinor", expected: 3999, actual: 3361 },
    ]);
    expect(mismatched?.evidence?.summary).toMatch(
      /^5 of 21 published operator plans differ: DE-PREPAID-S recurringFeeMinor 999 → 839;/,
    );
    const section = table(result);
    expect(section?.kind === "table" && section.rows[0]).toEqual({
      planId: "DE-PREPAID-S",
      currency: "EUR",
      finding: "mismatched",
      field: "recurringFeeMinor",
      expected: 999,
      actual: 839,
      difference: -160,
    });
  }, 30_000);

  it("names each pay-as-you-go plan the catalog leaves out", async () => {
    const result = await run(["catalog-omits-payg"]);
    expect(gate(result, "catalog_plans_missing")).toBe("failed");
    expect(gate(result, "catalog_plans_mismatched")).toBe("passed");
    const missing = measured(result, "plans_missing");
    expect(missing?.value).toBe(3);
    expect(missing?.evidence?.items).toEqual([
      { planId: "PAYG-BASIC", currency: "GBP" },
      { planId: "DE-PREPAID-BASIS", currency: "EUR" },
      { planId: "US-PREPAID-PAYG", currency: "USD" },
    ]);
    expect(missing?.evidence?.summary).toBe(
      "3 of 21 operator plans are not in the destination's catalog: PAYG-BASIC, DE-PREPAID-BASIS, US-PREPAID-PAYG",
    );
    const section = table(result);
    expect(section?.kind === "table" && section.rows.map((r) => [r.planId, r.finding])).toEqual([
      ["PAYG-BASIC", "missing"],
      ["DE-PREPAID-BASIS", "missing"],
      ["US-PREPAID-PAYG", "missing"],
    ]);
  }, 30_000);

  it("judges by the operator's catalog: a plan sold at another price, another name, one not sold, extras listed", async () => {
    const base = allCountryPlans().filter((p) => p.currency === "GBP");
    const operator: Plan[] = [
      ...base.map((p) =>
        p.id === "POSTPAID-L"
          ? { ...p, recurringFeeMinor: 1499, allowances: { ...p.allowances, dataBytes: 120 * 1024 ** 3 } }
          : p.id === "PREPAID-S"
            ? { ...p, name: "Bundle 5GB" }
            : p,
      ),
      { ...(base[0] as Plan), id: "LEGACY-GRANDFATHERED" },
    ];
    const result = await run([], { catalog: operator });
    expect(measured(result, "plans_compared")?.value).toBe(operator.length);
    expect(measured(result, "plans_missing")?.evidence?.items).toEqual([
      { planId: "LEGACY-GRANDFATHERED", currency: "GBP" },
    ]);
    expect(measured(result, "plans_mismatched")?.evidence?.items).toEqual([
      { planId: "PREPAID-S", field: "name", expected: "Bundle 5GB", actual: "Prepaid bundle 5GB" },
      { planId: "POSTPAID-L", field: "recurringFeeMinor", expected: 1499, actual: 1500 },
      {
        planId: "POSTPAID-L",
        field: "allowances.dataBytes",
        expected: 120 * 1024 ** 3,
        actual: 100 * 1024 ** 3,
      },
    ]);
    // Every plan in another currency is published but not the operator's: listed, not gated.
    expect(measured(result, "plans_extra")?.value).toBe(allCountryPlans().length - base.length);
    expect(result.gates.map((g) => g.status)).toEqual(["failed", "failed"]);

    // A destination that names plans in its own words: the name is left out when told so.
    const renamedOnly = await run([], {
      catalog: operator.filter((p) => p.id !== "LEGACY-GRANDFATHERED" && p.id !== "POSTPAID-L"),
      suite: { ignoreFields: ["name"] },
    });
    expect(measured(renamedOnly, "plans_mismatched")?.value).toBe(0);
    expect(renamedOnly.suites[0]?.notes).toEqual(["not compared: name"]);
  }, 30_000);

  it("leaves the run INCOMPLETE, not READY, when the target publishes no catalog", async () => {
    const result = await run([], {
      wrap: (t) => {
        const read = t.capabilities["state-read"];
        if (!read) throw new Error("the reference target reads state");
        return {
          ...t,
          describe: () => t.describe(),
          health: (signal) => t.health(signal),
          close: () => t.close(),
          capabilities: {
            ...t.capabilities,
            "state-read": { readSubscriber: read.readSubscriber, findByExternalId: read.findByExternalId },
          },
        };
      },
    });
    expect(result.verdict).toBe("INCOMPLETE");
    expect(result.suites[0]?.status).toBe("incomplete");
    expect(result.incompleteReason).toMatch(/^provisioning\.catalog: the target publishes no plan catalog/);
    expect(result.gates.every((g) => g.status !== "passed")).toBe(true);
  }, 30_000);

  it("plans without a destination and refuses an unknown field to ignore", () => {
    const [entry] = planSuites(profileOf({ ignoreFields: ["overage.perSmsMinor"] }), 4, REF_DATE);
    expect(entry?.plan.summary).toBe(
      "21 operator plans in 6 currencies (GBP, EUR, USD, JPY, KWD, BHD) compared field by field with the destination's published catalog (GET /v1/catalog); nothing written",
    );
    expect(entry?.plan.checks).toContain("not compared: overage.perSmsMinor");
    expect(entry?.plan.checks.join("\n")).not.toMatch(/exactly: .*overage\.perSmsMinor/);
    expect(() => profileOf({ ignoreFields: ["price"] })).toThrow(
      /suites\.provisioning\.catalog\.ignoreFields/,
    );
    expect(() => profileOf({ ignoreExtra: true })).toThrow(/suites\.provisioning\.catalog/);
  });
});

describe("compareCatalogs", () => {
  const plans = allCountryPlans();
  it("compares every leaf field of Plan, the id as the key", () => {
    expect(PLAN_FIELDS).toEqual([
      "name",
      "paymentType",
      "currency",
      "recurringFeeMinor",
      "allowances.voiceSec",
      "allowances.smsCount",
      "allowances.dataBytes",
      "overage.perMinuteMinor",
      "overage.perSmsMinor",
      "overage.perMibMinor",
    ]);
  });

  it("finds each field that differs, on each copy of a plan id published twice", () => {
    const [first, second] = plans as [Plan, Plan];
    const published = [
      { ...first, paymentType: first.paymentType === "prepaid" ? "postpaid" : "prepaid", currency: "EUR" },
      { ...first, overage: { ...first.overage, perSmsMinor: first.overage.perSmsMinor + 1 } },
      second,
    ] as Plan[];
    const result = compareCatalogs([first, second], published);
    expect(result.mismatched).toEqual([first.id]);
    expect(result.differences.map((d) => d.field)).toEqual([
      "entries",
      "paymentType",
      "currency",
      "overage.perSmsMinor",
    ]);
    expect(result.missing).toEqual([]);
    expect(result.extra).toEqual([]);
  });
});
