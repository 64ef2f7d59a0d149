/**
 * The run configuration: `tranche.config.ts` (typed with defineConfig) or `tranche.config.json`,
 * overridable by CLI flags. Precedence: built-in defaults < profile < config file < flags.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import type { GateSpec } from "../gates/gate.ts";
import type { RunSettings } from "../run/scenario.ts";

const GateSpecSchema = z
  .object({
    id: z.string().min(1),
    description: z.string(),
    measurement: z.string().min(1),
    comparator: z.enum(["<", "<=", "==", ">=", ">"]),
    threshold: z.number(),
    unit: z.string(),
    severity: z.enum(["blocker", "major", "minor"]),
    weight: z.number().positive().optional(),
  })
  .strict();

export const TrancheConfigSchema = z
  .object({
    seed: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
    refDate: z.iso.datetime({ offset: true }).optional(),
    profile: z.string().min(1).optional(),
    /** `reference` (embedded destination) or the destination's base URL. */
    target: z.string().min(1).optional(),
    /** Defect profiles of the embedded reference destination. */
    defects: z.array(z.string().min(1)).optional(),
    /** Environment variable holding the bearer token for a URL target. */
    tokenEnv: z.string().min(1).optional(),
    out: z.string().min(1).optional(),
    settings: z
      .object({
        subscribers: z.number().int().positive().optional(),
        ratePerSec: z.number().positive().optional(),
        concurrency: z.number().int().positive().optional(),
        windowSec: z.number().int().positive().optional(),
      })
      .strict()
      .optional(),
    /** Gates replacing the profile's gates (same ids) or added to them. */
    gates: z.array(GateSpecSchema).optional(),
  })
  .strict();

export type TrancheConfig = z.infer<typeof TrancheConfigSchema>;

/** Types a config file's default export (`export default defineConfig({ … })`). */
export function defineConfig(config: TrancheConfig): TrancheConfig {
  return config;
}

/** Everything that decides what a run does, after all overrides. */
export interface ResolvedConfig {
  readonly seed: number;
  readonly refDate: string;
  readonly profile: string;
  readonly target: string;
  readonly defects: readonly string[];
  readonly tokenEnv: string;
  readonly out: string;
  readonly settings: RunSettings;
  readonly gates: readonly GateSpec[];
  /** SHA-256 of the traffic file replayed instead of generated traffic, or null. */
  readonly trafficDigest: string | null;
  /** The config file read, or null. */
  readonly file: string | null;
}

/** Merges profile gates with config gates: same id replaces, new id appends. */
export function mergeGates(
  profileGates: readonly GateSpec[],
  configGates: readonly GateSpec[] = [],
): GateSpec[] {
  const byId = new Map(profileGates.map((g) => [g.id, g]));
  for (const gate of configGates) byId.set(gate.id, gate);
  return [...byId.values()];
}

/**
 * A short fingerprint of what decides the run's outcome (not where it writes): two runs with the
 * same fingerprint ran the same plan against the same kind of target.
 */
export function configFingerprint(config: ResolvedConfig): string {
  const material = {
    seed: config.seed,
    refDate: config.refDate,
    profile: config.profile,
    target: config.target === "reference" ? "reference" : "url",
    defects: [...config.defects].sort(),
    settings: config.settings,
    gates: config.gates,
    traffic: config.trafficDigest,
  };
  return createHash("sha256").update(JSON.stringify(material)).digest("hex").slice(0, 16);
}
