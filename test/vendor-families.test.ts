/**
 * Destinations that behave like a vendor's, each in one way the contract allows or forbids, get the
 * verdict the contract implies — the families of issue 10's "Why":
 * - a correct destination under out-of-order, duplicated and retried deliveries, with refusals the
 *   contract requires, in three countries: READY (refusals are not errors, reorderings not drift);
 * - reads that lag writes by a second (a replica): READY WITH FINDINGS — stale reads that converge,
 *   no drift;
 * - a truncated activation answer: NOT READY for the contract violation only — the subscriber is
 *   found by its externalId, nothing is missing, nothing fails in consequence;
 * - a read that breaks the schema: NOT READY for the contract violation, and the run completes with
 *   its error rate and latency kept.
 * Latency gates are left out: these runs measure answers, not speed.
 */
import { Temporal } from "temporal-polyfill";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { measurementOf, type RunResult } from "../domain/index.ts";
import {
  createContractAdapter,
  createJournal,
  isLatencyGate,
  type OpenedTarget,
  openTarget,
  type Profile,
  resolveProfile,
  runSuites,
} from "../harness/index.ts";
import { PROFILES, SUITE_IDS, suiteById } from "../scenarios/index.ts";
import { startVendorProxy, type VendorBehaviour } from "./support/vendor-proxy.ts";

// A fresh reference destination per case: the same traffic twice on one would find its lines taken.
let reference: OpenedTarget;
beforeEach(async () => {
  reference = await openTarget("reference", { defects: [], tokenEnv: "T", env: {}, connections: 64 });
});
afterEach(async () => {
  await reference?.close();
});

const smoke = PROFILES.smoke as Profile;
const profile = resolveProfile(
  { ...smoke, gates: smoke.gates.filter((g) => !isLatencyGate(g)) },
  suiteById,
  SUITE_IDS,
  [{ source: "test", bySuite: { "provisioning.replay": { settleMs: 4000 } } }],
);

async function verdictOf(url: string): Promise<RunResult> {
  const target = createContractAdapter({ baseUrl: url, token: "reference-bss-token", connections: 32 });
  try {
    return await runSuites({
      profile,
      seed: 23,
      refDate: Temporal.Instant.from("2026-03-01T00:00:00Z"),
      configFingerprint: "families",
      target,
      targetInfo: { kind: "url", description: url, defects: [] },
      journal: createJournal(null, () => "t"),
      signal: new AbortController().signal,
      clock: () => Temporal.Instant.from("2026-03-01T00:00:00Z"),
    });
  } finally {
    await target.close();
  }
}

async function throughProxy(behaviour: VendorBehaviour): Promise<RunResult> {
  const proxy = await startVendorProxy(reference.baseUrl as string, behaviour);
  try {
    return await verdictOf(proxy.url);
  } finally {
    await proxy.close();
  }
}

const failed = (r: RunResult) => r.gates.filter((g) => g.status === "failed").map((g) => g.id);
const value = (r: RunResult, name: string) => measurementOf(r, `provisioning.replay.${name}`)?.value;

describe("destinations of each family get the verdict the contract implies", () => {
  it("READY: a correct destination under reordered, duplicated and refused traffic in three countries", async () => {
    const r = await verdictOf(reference.baseUrl as string);
    expect(r.verdict, JSON.stringify(r.gates.filter((g) => g.status !== "passed"))).toBe("READY");
    expect(value(r, "expected_rejections")).toBeGreaterThan(0);
    expect(value(r, "error_rate_pct")).toBe(0);
  }, 120_000);

  it("READY WITH FINDINGS: reads lagging writes by a second converge (stale reads, no drift)", async () => {
    const r = await throughProxy("read-lag");
    expect(failed(r)).toEqual(["stale_reads"]);
    expect(r.verdict).toBe("READY WITH FINDINGS");
    expect(value(r, "state_mismatches")).toBe(0);
    expect(value(r, "read_convergence_max_ms")).toBeGreaterThan(0);
  }, 120_000);

  it("NOT READY for the contract violation only: a truncated activation answer, subscribers found by externalId", async () => {
    const r = await throughProxy("truncated-activation");
    expect(failed(r), JSON.stringify(r.gates.filter((g) => g.status === "failed"))).toEqual([
      "contract_violations",
    ]);
    expect(value(r, "state_mismatches")).toBe(0);
    expect(value(r, "consequential_failures")).toBe(0);
    expect(r.suites[0]?.notes.join(" ")).toMatch(/looked up by externalId/);
  }, 120_000);

  it("NOT READY, run complete: a read that breaks the schema, with error rate and latency kept", async () => {
    const r = await throughProxy("violating-read");
    expect(r.complete).toBe(true);
    expect(failed(r)).toEqual(["contract_violations"]);
    expect(value(r, "error_rate_pct")).toBe(0);
    expect(value(r, "latency_p99_ms")).toBeGreaterThan(0);
  }, 120_000);
});
