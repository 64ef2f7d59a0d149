/** Runs a profile's suites against a target in-process, the way `tranche run` does, for tests. */
import { Temporal } from "temporal-polyfill";
import type { ProvisioningEvent, RunResult } from "../../domain/index.ts";
import {
  createJournal,
  type DestinationTarget,
  type GateSpec,
  type Journal,
  type Profile,
  resolveProfile,
  runSuites,
  type WorldSpec,
} from "../../harness/index.ts";
import { PROFILES, SUITE_IDS, suiteById } from "../../scenarios/index.ts";

export interface RunProfileOptions {
  readonly seed?: number;
  readonly world?: Partial<WorldSpec>;
  /** Option overrides by suite id (applied over the profile's). */
  readonly suites?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Replaces the profile's gates. */
  readonly gates?: readonly GateSpec[];
  readonly traffic?: readonly ProvisioningEvent[];
  readonly journal?: Journal;
  readonly signal?: AbortSignal;
  readonly defects?: readonly string[];
}

let tick = 0;

/** The named built-in profile, or the given one, run against `target`. */
export function runProfile(
  profile: Profile | string,
  target: DestinationTarget,
  options: RunProfileOptions = {},
): Promise<RunResult> {
  const base = typeof profile === "string" ? (PROFILES[profile] as Profile) : profile;
  const resolved = resolveProfile(
    { ...base, world: { ...base.world, ...options.world } },
    suiteById,
    SUITE_IDS,
    options.suites ? [{ source: "test", bySuite: options.suites }] : [],
    options.gates ?? base.gates,
  );
  return runSuites({
    profile: resolved,
    seed: options.seed ?? 3,
    refDate: Temporal.Instant.from("2026-03-01T00:00:00Z"),
    ...(options.traffic ? { traffic: options.traffic } : {}),
    configFingerprint: "test",
    target,
    targetInfo: { kind: "test", description: target.describe(), defects: [...(options.defects ?? [])] },
    journal: options.journal ?? createJournal(null, () => "t"),
    signal: options.signal ?? new AbortController().signal,
    clock: () => Temporal.Instant.fromEpochMilliseconds(1_770_000_000_000 + tick++ * 1000),
  });
}
