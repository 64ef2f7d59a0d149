import { Temporal } from "temporal-polyfill";
import { afterEach, describe, expect, it } from "vitest";
import type { RunResult } from "../../domain/index.ts";
import { createJournal, openTarget, resolveProfile, runSuites } from "../../harness/index.ts";
import { PROFILES, SUITE_IDS, suiteById } from "../index.ts";

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** The readiness profile's billing suite alone, at proof size. */
async function runSplit(defects: readonly string[]): Promise<RunResult> {
  const readiness = PROFILES.readiness;
  if (!readiness) throw new Error("no readiness profile");
  const profile = resolveProfile(
    {
      ...readiness,
      world: { ...readiness.world, subscribers: 100 },
      suites: readiness.suites.filter((s) => s.suite === "billing.split-period"),
      gates: readiness.gates.filter((g) => g.measurement?.startsWith("billing.split-period.")),
    },
    suiteById,
    SUITE_IDS,
    [
      {
        source: "test",
        bySuite: { "billing.split-period": { ...suiteById("billing.split-period")?.proofOptions } },
      },
    ],
  );
  const target = await openTarget("reference", { defects, tokenEnv: "T", env: {}, connections: 64 });
  closers.push(() => target.close());
  return runSuites({
    profile,
    seed: 17,
    refDate: Temporal.Instant.from("2026-03-01T00:00:00Z"),
    configFingerprint: "split-test",
    target: target.target,
    targetInfo: target.info,
    journal: createJournal(null, () => "t"),
    signal: new AbortController().signal,
    clock: () => Temporal.Instant.from("2026-03-01T00:00:00Z"),
  });
}

const failed = (r: RunResult) =>
  r.gates
    .filter((g) => g.status === "failed")
    .map((g) => g.id)
    .sort();

describe("billing.split-period", () => {
  it("passes every gate against the clean reference destination, every matrix case checked", async () => {
    const result = await runSplit([]);
    const suite = result.suites.find((s) => s.id === "billing.split-period");
    const bad = result.gates
      .filter((g) => g.status !== "passed")
      .map((g) => `${g.id}: ${g.evidence.summary}`);
    expect(bad).toEqual([]);
    const measure = (name: string) =>
      suite?.measurements.find((m) => m.name === `billing.split-period.${name}`)?.value;
    expect(measure("imports_rejected")).toBe(0);
    expect(measure("matrix_cases")).toBeGreaterThanOrEqual(29);
    expect(measure("invoices_compared")).toBeGreaterThan(500);
  }, 60_000);

  it("names subscriber, case, expected and actual lines and the seed when the destination bills legacy's days again", async () => {
    const result = await runSplit(["double-recurring-on-import"]);
    expect(failed(result)).toEqual(["double_recurring_fees"]);
    const gate = result.gates.find((g) => g.id === "double_recurring_fees");
    const item = gate?.evidence.items?.[0] as Record<string, unknown> | undefined;
    expect(item).toMatchObject({ seed: 17, kind: "double_recurring" });
    expect(item?.subscriber).toMatch(/^SPLIT-/);
    expect(item?.expected).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: "recurring.split-remainder" })]),
    );
    expect(item?.actual).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "recurring" })]));
  }, 60_000);
});
