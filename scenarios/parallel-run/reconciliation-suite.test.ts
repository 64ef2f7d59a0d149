/**
 * The parallel run against the embedded reference destination at its proof options: clean, every
 * difference explained and the canaries found within a cadence; with a ledger a unit short per
 * top-up (`silent-drift`), unexplained drift naming the balance; the migration status of every line.
 */
import { Temporal } from "temporal-polyfill";
import { afterEach, describe, expect, it } from "vitest";
import { measurementOf, type RunResult } from "../../domain/index.ts";
import { createJournal, openTarget, resolveProfile, runSuites } from "../../harness/index.ts";
import { SUITE_IDS, suiteById } from "../registry.ts";

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function run(defects: string[]): Promise<RunResult> {
  const target = await openTarget("reference", { defects, tokenEnv: "X", env: {}, connections: 64 });
  closers.push(() => target.close());
  const suite = suiteById("parallel-run.reconciliation");
  const profile = resolveProfile(
    {
      name: "test",
      description: "",
      world: { subscribers: 100, windowSec: 3600 },
      suites: [{ suite: "parallel-run.reconciliation", options: { ...(suite?.proofOptions ?? {}) } }],
      gates: [],
    },
    suiteById,
    SUITE_IDS,
  );
  return runSuites({
    profile,
    seed: 5,
    refDate: Temporal.Instant.from("2026-03-01T00:00:00Z"),
    configFingerprint: "test",
    target: target.target,
    targetInfo: target.info,
    journal: createJournal(null, () => "t"),
    signal: new AbortController().signal,
    clock: () => Temporal.Instant.fromEpochMilliseconds(1_770_000_000_000),
  });
}

const value = (r: RunResult, name: string) => measurementOf(r, `parallel-run.reconciliation.${name}`)?.value;

describe("parallel-run.reconciliation", () => {
  it("explains every difference of a clean destination and finds each canary within a cadence", async () => {
    const result = await run([]);
    expect(result.suites[0]?.status).toBe("complete");
    expect(value(result, "unexplained_drift")).toBe(0);
    expect(value(result, "writes_reordered")).toBeGreaterThan(0);
    expect(value(result, "write_conflicts")).toBeGreaterThan(0);
    expect(value(result, "conflict_resolutions")).toBeGreaterThan(0);
    expect(value(result, "canaries_detected")).toBe(value(result, "canaries_planted"));
    expect(value(result, "detection_time_cadences")).toBeLessThanOrEqual(1);
    const status = result.suites[0]?.sections.find((s) => s.id === "migration-status");
    expect(status?.kind === "table" && status.rows.length).toBe(40);
    expect(status?.kind === "table" && new Set(status.rows.map((r) => r.authority))).toEqual(
      new Set(["destination"]),
    );
  }, 60_000);

  it("finds the silent drift of a ledger posting top-ups a unit short, and rolls those lines back", async () => {
    const result = await run(["silent-drift"]);
    expect(value(result, "unexplained_drift")).toBeGreaterThan(0);
    const evidence = measurementOf(result, "parallel-run.reconciliation.unexplained_drift")?.evidence;
    expect(evidence?.summary).toMatch(/balanceMinor \d+ where the contract gives \d+/);
    const status = result.suites[0]?.sections.find((s) => s.id === "migration-status");
    expect(status?.kind === "table" && status.rows.some((r) => r.authority === "rolled back")).toBe(true);
  }, 60_000);
});
