/**
 * The cutover rehearsal against the embedded reference destination: clean, every number routes and
 * the criteria say proceed, the rehearsed rollback brings every number back; a destination that
 * leaves numbers unroutable triggers the declared rollback; one that keeps routes after a rollback
 * leaves numbers on the new route.
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
  const target = await openTarget("reference", { defects, tokenEnv: "X", env: {}, connections: 16 });
  closers.push(() => target.close());
  const journal: Array<{ kind: string }> = [];
  const profile = resolveProfile(
    {
      name: "test",
      description: "",
      world: { subscribers: 50, windowSec: 3600 },
      suites: [{ suite: "cutover.mnp", options: { numbers: 20, checkEveryMinutes: 45 } }],
      gates: [],
    },
    suiteById,
    SUITE_IDS,
  );
  const result = await runSuites({
    profile,
    seed: 9,
    refDate: Temporal.Instant.from("2026-03-01T00:00:00Z"),
    configFingerprint: "test",
    target: target.target,
    targetInfo: target.info,
    journal: { ...createJournal(null, () => "t"), append: (kind: string) => void journal.push({ kind }) },
    signal: new AbortController().signal,
    clock: () => Temporal.Instant.fromEpochMilliseconds(1_770_000_000_000),
  });
  // The criteria are journaled before the decision.
  const kinds = journal.map((j) => j.kind);
  expect(kinds.indexOf("rollback-criteria")).toBeLessThan(kinds.indexOf("rollback-decision"));
  return result;
}

const value = (r: RunResult, name: string) => measurementOf(r, `cutover.mnp.${name}`)?.value;

describe("cutover.mnp", () => {
  it("routes every number to the destination, proceeds, and a rehearsed rollback returns all to legacy", async () => {
    const result = await run([]);
    expect(value(result, "route_checks")).toBe(20 * 3 * 10);
    expect(value(result, "unroutable_numbers")).toBe(0);
    expect(value(result, "rollback_decision")).toBe(0);
    expect(value(result, "rollback_left_on_new_route")).toBe(0);
  }, 60_000);

  it("records the rollback the declared criteria imply when numbers are left unroutable", async () => {
    const result = await run(["cutover-leaves-unroutable"]);
    expect(value(result, "unroutable_numbers")).toBe(2);
    expect(value(result, "rollback_decision")).toBe(1);
    expect(measurementOf(result, "cutover.mnp.rollback_decision")?.evidence?.summary).toMatch(
      /route failures 10 % > 0.5 %/,
    );
  }, 60_000);

  it("finds numbers left on the new route after a rollback", async () => {
    expect(value(await run(["rollback-keeps-routes"]), "rollback_left_on_new_route")).toBe(5);
  }, 60_000);
});
