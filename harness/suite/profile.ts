/**
 * Profiles as data (DESIGN.md readiness model): a profile names its suites by id with their options,
 * the world they share and the gates over their measurements. `resolveProfile` turns one into what
 * the runner runs: each suite looked up in the registry, its options parsed strictly from
 * defaults < profile < config < flags, and every gate tied to the suite it reads. Errors name the
 * field as `suites.<id>.<field>` and where it was written.
 */
import { z } from "zod";
import { TrancheError } from "../../domain/index.ts";
import { type GateSpec, gateExpressionOf } from "../gates/gate.ts";
import type { Suite } from "./suite.ts";
import type { WorldSpec } from "./world.ts";

/** One suite of a profile: its id, option overrides, and whether the verdict needs it. */
export interface ProfileSuite {
  readonly suite: string;
  readonly options?: Readonly<Record<string, unknown>>;
  /** An optional suite that does not run (e.g. the target lacks a capability) leaves the run complete. */
  readonly optional?: boolean;
}

export interface Profile {
  readonly name: string;
  readonly description: string;
  /** A seed the profile pins (certification): above the default, below config and flags. */
  readonly seed?: number;
  readonly world: WorldSpec;
  readonly suites: readonly ProfileSuite[];
  readonly gates: readonly GateSpec[];
}

/** A suite of a resolved profile: the suite, its parsed options, and whether it is required. */
export interface PlannedSuite {
  readonly suite: Suite;
  readonly options: object;
  readonly required: boolean;
}

/** A gate with the suite it reads. */
export interface BoundGate {
  readonly spec: GateSpec;
  readonly suite: string;
}

export interface ResolvedProfile {
  readonly name: string;
  readonly description: string;
  readonly world: WorldSpec;
  readonly suites: readonly PlannedSuite[];
  readonly gates: readonly BoundGate[];
}

/** Option overrides by suite id, with the name of the place they were written (for errors). */
export interface SuiteOverrides {
  readonly source: string;
  readonly bySuite: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** Looks suites up by id; throws E_CONFIG naming the known ids. */
export type SuiteLookup = (id: string) => Suite | undefined;

/**
 * Resolves a profile against the suite registry. `overrides` apply in order (config file, then
 * flags); `gates` are the profile's gates after config merging. Suites named only in overrides are
 * added to the run as required suites.
 */
export function resolveProfile(
  profile: Profile,
  lookup: SuiteLookup,
  knownIds: readonly string[],
  overrides: readonly SuiteOverrides[] = [],
  gates: readonly GateSpec[] = profile.gates,
): ResolvedProfile {
  const entries = new Map<string, { optional: boolean; layers: Array<[string, Record<string, unknown>]> }>();
  for (const entry of profile.suites) {
    entries.set(entry.suite, {
      optional: entry.optional ?? false,
      layers: [[`profile ${profile.name}`, { ...(entry.options ?? {}) }]],
    });
  }
  for (const layer of overrides) {
    for (const [id, options] of Object.entries(layer.bySuite)) {
      const existing = entries.get(id) ?? { optional: false, layers: [] };
      existing.layers.push([layer.source, { ...options }]);
      entries.set(id, existing);
    }
  }
  const suites: PlannedSuite[] = [];
  for (const [id, entry] of entries) {
    const suite = lookup(id);
    if (!suite) {
      const where = entry.layers.at(-1)?.[0] ?? `profile ${profile.name}`;
      throw new TrancheError(
        "E_CONFIG",
        `${where}: unknown suite "${id}".`,
        `Known suites: ${knownIds.join(", ")}.`,
      );
    }
    suites.push({ suite, options: parseSuiteOptions(suite, entry.layers), required: !entry.optional });
  }
  const ids = suites.map((s) => s.suite.id);
  return {
    name: profile.name,
    description: profile.description,
    world: profile.world,
    suites,
    gates: gates.map((spec) => ({ spec, suite: suiteOfGate(spec, ids) })),
  };
}

/** Parses a suite's options from layered overrides; the error names `suites.<id>.<field>` and the layer. */
export function parseSuiteOptions(
  suite: Suite,
  layers: ReadonlyArray<readonly [string, Record<string, unknown>]>,
): object {
  let merged: Record<string, unknown> = {};
  for (const [source, options] of layers) {
    merged = { ...merged, ...options };
    // Each layer is checked on its own too, so the error names the place that wrote the bad field.
    const check = suite.options.safeParse(merged);
    if (!check.success) throw optionError(suite.id, source, check.error);
  }
  const parsed = suite.options.safeParse(merged);
  if (!parsed.success) throw optionError(suite.id, layers.at(-1)?.[0] ?? "defaults", parsed.error);
  return parsed.data;
}

function optionError(id: string, source: string, error: z.ZodError): TrancheError {
  const issue = error.issues[0];
  const path = issue?.path ?? [];
  if (issue?.code === "unrecognized_keys") {
    const key = (issue as { keys: string[] }).keys[0] ?? "";
    return new TrancheError(
      "E_CONFIG",
      `${source}: unknown option "suites.${id}.${[...path, key].join(".")}".`,
      "See docs/suites.md for each suite's options.",
    );
  }
  return new TrancheError(
    "E_CONFIG",
    `${source}: "suites.${id}${path.length > 0 ? `.${path.join(".")}` : ""}": ${issue?.message ?? "invalid"}.`,
    "See docs/suites.md for each suite's options.",
  );
}

/**
 * The suite a gate reads: `suite` when written; else the suite whose id prefixes the measurement
 * name; else, for an expression over run statistics in a one-suite profile, that suite.
 */
export function suiteOfGate(spec: GateSpec, suiteIds: readonly string[]): string {
  const expr = gateExpressionOf(spec);
  if (spec.suite !== undefined) {
    if (!suiteIds.includes(spec.suite)) {
      throw new TrancheError(
        "E_CONFIG",
        `gate "${spec.id}" reads suite "${spec.suite}", which is not in this run.`,
        `Suites of the run: ${suiteIds.join(", ")}.`,
      );
    }
    return spec.suite;
  }
  const name =
    expr === null ? spec.measurement : expr.target.kind === "measurement" ? expr.target.name : null;
  if (name) {
    const owner = suiteIds.filter((id) => name.startsWith(`${id}.`)).sort((a, b) => b.length - a.length)[0];
    if (!owner) {
      throw new TrancheError(
        "E_CONFIG",
        `gate "${spec.id}" reads "${name}", which no suite of this run records.`,
        `Measurements are named <suite id>.<name>; suites of the run: ${suiteIds.join(", ")}.`,
      );
    }
    return owner;
  }
  if (suiteIds.length === 1) return suiteIds[0] as string;
  throw new TrancheError(
    "E_CONFIG",
    `gate "${spec.id}" reads run statistics (${spec.expression}) but names no suite.`,
    `Add suite: "<id>" (one of ${suiteIds.join(", ")}).`,
  );
}

/** The option keys a suite's options schema declares (for flags that apply to every suite with a key). */
export function optionKeys(suite: Suite): readonly string[] {
  const shape = (suite.options as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

/** A strict object schema of suite options (every field defaulted): `suiteOptions({ rate: z.number().default(1) })`. */
export function suiteOptions<T extends z.ZodRawShape>(shape: T) {
  return z.object(shape).strict();
}
