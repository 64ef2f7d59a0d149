/**
 * The run configuration: `tranche.config.ts` (typed with defineConfig) or `tranche.config.json`,
 * overridable by CLI flags. Precedence: built-in defaults < profile < config file < flags.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { RegulationOverridesSchema } from "../../domain/index.ts";
import type { GateSpec } from "../gates/gate.ts";
import { parseGateExpression } from "../gates/gate-expression.ts";
import type { WorldSpec } from "../suite/world.ts";

/** Largest base a run generates in memory (a larger one is a bad input, named before any work). */
export const MAX_SUBSCRIBERS = 5_000_000;

const GateSpecSchema = z
  .object({
    id: z.string().min(1),
    description: z.string(),
    suite: z.string().min(1).optional(),
    provenBy: z.array(z.string().min(1)).optional(),
    measurement: z.string().min(1).optional(),
    comparator: z.enum(["<", "<=", "==", "!=", ">=", ">"]).optional(),
    threshold: z.number().optional(),
    unit: z.string().optional(),
    /** The gate in the expression language, e.g. `p(99) < 800ms` (docs/gates.md). */
    expression: z.string().min(1).optional(),
    operation: z.string().min(1).optional(),
    abortOnFail: z.boolean().optional(),
    abortDelayMs: z.number().int().nonnegative().optional(),
    severity: z.enum(["blocker", "major", "minor"]),
    weight: z.number().positive().optional(),
  })
  .strict()
  .superRefine((gate, ctx) => {
    if (gate.expression !== undefined) {
      try {
        parseGateExpression(gate.expression, gate.id);
      } catch (error) {
        ctx.addIssue({
          code: "custom",
          path: ["expression"],
          message: (error as Error).message.replace(/^\[tranche\] /, ""),
        });
      }
    } else if (
      gate.measurement === undefined ||
      gate.comparator === undefined ||
      gate.threshold === undefined
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["expression"],
        message: `gate "${gate.id}" needs an expression, or measurement, comparator and threshold`,
      });
    }
  });

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
    /** Overall deadline of one request to the target (headers and body), in ms. */
    requestTimeoutMs: z.number().int().min(100).max(600_000).optional(),
    out: z.string().min(1).optional(),
    /** The operator's plan catalog file (relative to the working directory). */
    catalog: z.string().min(1).optional(),
    /** The shared world every suite reads: base size, traffic window, country mix. */
    world: z
      .object({
        subscribers: z.number().int().positive().max(MAX_SUBSCRIBERS).optional(),
        windowSec: z
          .number()
          .int()
          .positive()
          .max(366 * 86_400)
          .optional(),
        countries: z.string().min(2).optional(),
      })
      .strict()
      .optional(),
    /** Options per suite id (`suites: { "provisioning.replay": { ratePerSec: 2000 } }`), checked by each suite's schema. */
    suites: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
    /** Gates replacing the profile's gates (same ids) or added to them. */
    gates: z.array(GateSpecSchema).optional(),
    /**
     * Overrides of the regulatory data by country (`regulation: { GB: { retention: { window: "P6M",
     * source: "…" } } }`), each block with its own source; docs/compliance.md lists the fields.
     */
    regulation: RegulationOverridesSchema.optional(),
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
  /** Overall deadline of one request to the target (headers and body), in ms. */
  readonly requestTimeoutMs: number;
  readonly out: string;
  readonly world: WorldSpec;
  /** Every suite of the run with its resolved options, in run order. */
  readonly suites: ReadonlyArray<{ readonly id: string; readonly options: object }>;
  readonly gates: readonly GateSpec[];
  /** SHA-256 of the operator's catalog file, or null (every country profile's plans). */
  readonly catalogDigest: string | null;
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
    requestTimeoutMs: config.requestTimeoutMs,
    world: config.world,
    suites: config.suites,
    gates: config.gates,
    traffic: config.trafficDigest,
    catalog: config.catalogDigest,
  };
  return createHash("sha256").update(JSON.stringify(material)).digest("hex").slice(0, 16);
}
