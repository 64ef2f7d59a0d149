/**
 * Every built-in gate of the smoke and readiness profiles is shown to fail against a defect planted
 * in the reference destination — and, where the defect is specific, only that gate fails. A gate
 * added to a profile without a defect that fails it makes this test fail.
 */
import { Temporal } from "temporal-polyfill";
import { afterEach, describe, expect, it } from "vitest";
import { startReferenceDestination } from "../destination/index.ts";
import { createContractAdapter, createJournal, type Profile, runReadiness } from "../harness/index.ts";
import { PROFILES } from "../scenarios/index.ts";

/** The defect that must fail each built-in gate. */
const DEFECT_FOR_GATE: Readonly<Record<string, string>> = {
  state_mismatches: "silent-plan-change",
  error_rate: "leaks-5xx-under-load",
  p99_latency: "slow-under-load",
  p99_activation: "slow-under-load",
  p99_plan_change: "slow-under-load",
  p99_top_up: "slow-under-load",
};

const readiness = PROFILES.readiness as Profile;
// Enough load to cross a lowered load threshold, with room in the pool so latency is the destination's.
const profile: Profile = {
  ...readiness,
  settings: { ...readiness.settings, subscribers: 800, ratePerSec: 1000, concurrency: 512 },
};
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function failedGates(defects: string[]): Promise<string[]> {
  const destination = await startReferenceDestination({ port: 0, defects, loadThresholdRps: 20, env: {} });
  const adapter = createContractAdapter({
    baseUrl: destination.url,
    token: "reference-bss-token",
    connections: 512,
  });
  stops.push(async () => {
    await adapter.close();
    await destination.close();
  });
  let tick = 0;
  const result = await runReadiness({
    profile,
    seed: 17,
    refDate: Temporal.Instant.from("2026-03-01T00:00:00Z"),
    configFingerprint: "gate-proof",
    adapter,
    target: { kind: "reference", description: destination.url, defects },
    journal: createJournal(null, () => "t"),
    signal: new AbortController().signal,
    clock: () => Temporal.Instant.fromEpochMilliseconds(1_770_000_000_000 + tick++),
  });
  expect(result.complete, result.incompleteReason ?? "").toBe(true);
  return result.gates.filter((g) => g.status === "failed").map((g) => g.id);
}

describe("every built-in gate can fail", () => {
  it("names a defect for every gate of the smoke and readiness profiles", () => {
    const ids = new Set([...(PROFILES.smoke?.gates ?? []), ...readiness.gates].map((g) => g.id));
    expect([...ids].filter((id) => !(id in DEFECT_FOR_GATE))).toEqual([]);
  });

  it("passes every gate against the clean reference destination at the same load", async () => {
    expect(await failedGates([])).toEqual([]);
  });

  const byDefect = new Map<string, string[]>();
  for (const [gate, defect] of Object.entries(DEFECT_FOR_GATE))
    byDefect.set(defect, [...(byDefect.get(defect) ?? []), gate]);
  for (const [defect, gates] of byDefect) {
    it(`fails ${gates.join(", ")} — and nothing else — against ${defect}`, async () => {
      expect((await failedGates([defect])).sort()).toEqual([...gates].sort());
    });
  }
});
