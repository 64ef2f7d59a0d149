/**
 * Every gate of every built-in profile is shown to fail against the defect it names (`provenBy`),
 * planted in the embedded reference destination — and only the gates that name that defect fail.
 * The list of gates comes from the profiles themselves: a gate added without a proving defect, or
 * with one that does not make it fail, fails this test.
 *
 * The proofs are split into shards (`test/gates-fail-on-defects.<k>.proof.test.ts`), which vitest's
 * `proof` project runs side by side, one per core: each run is one process's reference destination
 * and harness on one thread, so two shards take about half the wall time of one.
 *
 * Machine speed cannot decide these runs: the load defects are tuned to add seconds (threshold
 * 20 requests/s, 20 ms per request/s of excess, capped at 2 s; a leak of 50 ms per second), so the
 * clean runs pass with a margin of hundreds of milliseconds and the defective ones fail by seconds.
 */
import { Temporal } from "temporal-polyfill";
import { afterEach, describe, expect, it } from "vitest";
import type { RunResult } from "../../domain/index.ts";
import {
  createJournal,
  type GateSpec,
  openTarget,
  type Profile,
  resolveProfile,
  runSuites,
} from "../../harness/index.ts";
import { PROFILES, SUITE_IDS, suiteById } from "../../scenarios/index.ts";

/** Load-defect tuning: effects of seconds, at proof load. */
const REFERENCE_TUNING = { loadThresholdRps: 20, overloadDelayMsPerRps: 20 };
/** The proof world: small enough for CI, large enough for the soak's windows. */
const PROOF_WORLD = { subscribers: 600 };

const closers: Array<() => Promise<void>> = [];

/** The profile with each suite at its proof options and the proof world. */
function proofRun(profile: Profile) {
  const suites: Record<string, Record<string, unknown>> = {};
  for (const entry of profile.suites) {
    const proof = suiteById(entry.suite)?.proofOptions;
    if (proof) suites[entry.suite] = { ...proof };
  }
  return resolveProfile({ ...profile, world: { ...profile.world, ...PROOF_WORLD } }, suiteById, SUITE_IDS, [
    { source: "proof", bySuite: suites },
  ]);
}

async function runWith(profile: Profile, defects: readonly string[]): Promise<RunResult> {
  const target = await openTarget("reference", {
    defects,
    tokenEnv: "TRANCHE_TARGET_TOKEN",
    env: {},
    connections: 1024,
    reference: REFERENCE_TUNING,
  });
  closers.push(() => target.close());
  let tick = 0;
  const result = await runSuites({
    profile: proofRun(profile),
    seed: 17,
    refDate: Temporal.Instant.from("2026-03-01T00:00:00Z"),
    configFingerprint: "gate-proof",
    target: target.target,
    targetInfo: target.info,
    journal: createJournal(null, () => "t"),
    signal: new AbortController().signal,
    clock: () => Temporal.Instant.fromEpochMilliseconds(1_770_000_000_000 + tick++),
  });
  expect(result.complete, result.incompleteReason ?? "").toBe(true);
  return result;
}

const failedIds = (result: RunResult) =>
  result.gates
    .filter((g) => g.status === "failed")
    .map((g) => g.id)
    .sort();

const specKey = (gate: GateSpec) => JSON.stringify(gate);

/**
 * Profiles to prove, each with the defects its gates name. A profile whose gates are all identical
 * to gates of a profile already proved adds nothing (smoke's gates are readiness's) and is skipped;
 * so is a defect of a later profile all of whose gates there were proved, identical, in an earlier
 * one (completion's parallel-run and billing gates are readiness's: proved there, with the same
 * defects and every other suite of that profile watching). Each gate is still shown failing
 * against every defect it names; the later profile's own gates get their own defects and its clean run.
 */
function profilesToProve(): Array<{ profile: Profile; defects: Map<string, string[]> }> {
  const seen = new Set<string>();
  const ordered = Object.values(PROFILES).sort((a, b) => b.gates.length - a.gates.length);
  const out: Array<{ profile: Profile; defects: Map<string, string[]> }> = [];
  for (const profile of ordered) {
    if (profile.gates.every((g) => seen.has(specKey(g)))) continue;
    const named = new Map<string, GateSpec[]>();
    for (const gate of profile.gates) {
      for (const defect of gate.provenBy ?? []) named.set(defect, [...(named.get(defect) ?? []), gate]);
    }
    const defects = new Map<string, string[]>();
    for (const [defect, gates] of named) {
      if (!gates.every((g) => seen.has(specKey(g))))
        defects.set(
          defect,
          gates.map((g) => g.id),
        );
    }
    for (const gate of profile.gates) seen.add(specKey(gate));
    out.push({ profile, defects });
  }
  return out;
}

/**
 * Declares shard `shard` (1-based) of `shards`: the (profile, defect) proofs whose position in the
 * list is ≡ shard − 1 (mod shards), each profile's clean run in the shard of its first position.
 */
export function describeGateProofs(shard: number, shards: number): void {
  let position = 0;
  const mine = () => position++ % shards === shard - 1;
  describe("every built-in gate can fail", () => {
    afterEach(async () => {
      for (const close of closers.splice(0)) await close();
    });

    if (shard === 1) {
      it("names a proving defect for every gate of every built-in profile", () => {
        for (const profile of Object.values(PROFILES)) {
          expect(
            profile.gates
              .filter((g) => (g.provenBy ?? []).length === 0)
              .map((g) => `${profile.name}/${g.id}`),
          ).toEqual([]);
        }
      });
    }

    for (const { profile, defects } of profilesToProve()) {
      describe(`profile ${profile.name}`, () => {
        if (mine()) {
          it("passes every gate against the clean reference destination at proof load", async () => {
            expect(failedIds(await runWith(profile, []))).toEqual([]);
          }, 120_000);
        }

        for (const [defect, gates] of defects) {
          if (!mine()) continue;
          it(`fails ${gates.join(", ")} — and nothing else — against ${defect}`, async () => {
            expect(failedIds(await runWith(profile, [defect]))).toEqual([...gates].sort());
          }, 120_000);
        }
      });
    }
  });
}
