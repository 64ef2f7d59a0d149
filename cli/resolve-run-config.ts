/**
 * One resolution of what a run does, for every command that runs a profile (run, capacity,
 * export): built-in defaults < profile < config file < flags. The same seed, profile, world, suite
 * options and gates come out of the same inputs, and their fingerprint names them.
 */
import { resolve } from "node:path";
import { type ProvisioningEvent, TrancheError } from "../domain/index.ts";
import {
  configFingerprint,
  DEFAULT_REF_DATE,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_SEED,
  lineOfKey,
  loadConfig,
  MAX_SUBSCRIBERS,
  mergeGates,
  optionKeys,
  type ResolvedConfig,
  type ResolvedProfile,
  readTrafficFile,
  resolveProfile,
  type SuiteOverrides,
  type TrancheConfig,
  type WorldSpec,
} from "../harness/index.ts";
import { PROFILE_NAMES, PROFILES, SUITE_IDS, suiteById } from "../scenarios/index.ts";
import { instantArg, intArg } from "./command.ts";
import { type CatalogFile, readCatalogFile } from "./read-catalog.ts";

/** The flags of the profile-running commands, as raw strings (undefined when not given). */
export interface RunFlags {
  readonly profile?: string | undefined;
  readonly config?: string | undefined;
  readonly seed?: string | undefined;
  readonly "ref-date"?: string | undefined;
  readonly subscribers?: string | undefined;
  readonly rate?: string | undefined;
  readonly concurrency?: string | undefined;
  readonly target?: string | undefined;
  readonly defects?: string | undefined;
  readonly "request-timeout"?: string | undefined;
  readonly traffic?: string | undefined;
  readonly catalog?: string | undefined;
  readonly out?: string | undefined;
}

export interface ResolvedRun {
  readonly config: ResolvedConfig;
  readonly profile: ResolvedProfile;
  readonly traffic?: readonly ProvisioningEvent[];
  readonly fingerprint: string;
}

/** Loads the config file and the traffic file, then resolves the run (see `resolveRunConfigFrom`). */
export async function resolveRunConfig(
  flags: RunFlags,
  options: { readonly cwd: string; readonly defaultProfile: string; readonly defaultOut?: string },
): Promise<ResolvedRun> {
  const loaded = await loadConfig(flags.config, options.cwd);
  const trafficFile = flags.traffic ? await readTrafficFile(resolve(options.cwd, flags.traffic)) : undefined;
  const catalogPath = flags.catalog ?? loaded?.config.catalog;
  const catalog = catalogPath ? readCatalogFile(catalogPath, options.cwd) : undefined;
  return resolveRunConfigFrom(flags, loaded, {
    cwd: options.cwd,
    defaultProfile: options.defaultProfile,
    ...(options.defaultOut ? { defaultOut: options.defaultOut } : {}),
    ...(catalog ? { catalog } : {}),
    ...(trafficFile ? { traffic: trafficFile } : {}),
  });
}

/** Resolves a run from flags and an already loaded config (pure apart from path resolution). */
export function resolveRunConfigFrom(
  flags: RunFlags,
  loaded: { readonly config: TrancheConfig; readonly file: string; readonly text?: string } | null,
  options: {
    readonly cwd: string;
    readonly defaultProfile: string;
    readonly defaultOut?: string;
    readonly traffic?: { readonly events: ProvisioningEvent[]; readonly digest: string };
    readonly catalog?: CatalogFile;
  },
): ResolvedRun {
  const config = loaded?.config ?? {};
  const source = loaded ? `config ${loaded.file}` : "config";
  const profileName = flags.profile ?? config.profile ?? options.defaultProfile;
  const profile = PROFILES[profileName];
  if (!profile) {
    throw new TrancheError(
      "E_CONFIG",
      `unknown profile "${profileName}"${flags.profile === undefined && loaded ? ` in ${source}` : ""}.`,
      `Known profiles: ${PROFILE_NAMES.join(", ")}.`,
    );
  }
  const subscribers = flags.subscribers
    ? intArg(flags.subscribers, "subscribers", 1, 1, MAX_SUBSCRIBERS)
    : undefined;
  const world: WorldSpec = {
    ...profile.world,
    ...(config.world ?? {}),
    ...(subscribers !== undefined ? { subscribers } : {}),
    ...(config.regulation ? { regulation: config.regulation } : {}),
  };

  // Flags that set one option on every suite of the run that declares it.
  const load: Record<string, unknown> = {
    ...(flags.rate ? { ratePerSec: intArg(flags.rate, "rate", 1, 1, 1_000_000) } : {}),
    ...(flags.concurrency ? { concurrency: intArg(flags.concurrency, "concurrency", 1, 1, 65_536) } : {}),
  };
  const overrides: SuiteOverrides[] = [];
  if (config.suites) overrides.push({ source, bySuite: config.suites });
  const gates = mergeGates(profile.gates, config.gates);
  let resolvedProfile: ResolvedProfile;
  try {
    resolvedProfile = resolveProfile(profile, suiteById, SUITE_IDS, overrides, gates);
    if (Object.keys(load).length > 0) {
      const bySuite: Record<string, Record<string, unknown>> = {};
      for (const planned of resolvedProfile.suites) {
        const keys = optionKeys(planned.suite);
        const own = Object.fromEntries(Object.entries(load).filter(([key]) => keys.includes(key)));
        if (Object.keys(own).length > 0) bySuite[planned.suite.id] = own;
      }
      resolvedProfile = resolveProfile(
        profile,
        suiteById,
        SUITE_IDS,
        [...overrides, { source: "flags", bySuite }],
        gates,
      );
    }
  } catch (error) {
    throw withConfigLine(error, loaded);
  }

  const resolved: ResolvedConfig = {
    seed: flags.seed
      ? intArg(flags.seed, "seed", DEFAULT_SEED)
      : (config.seed ?? profile.seed ?? DEFAULT_SEED),
    refDate: instantArg(flags["ref-date"] ?? config.refDate ?? DEFAULT_REF_DATE, "ref-date").toString(),
    profile: profile.name,
    target: flags.target ?? config.target ?? "reference",
    defects: flags.defects !== undefined ? flags.defects.split(",").filter(Boolean) : (config.defects ?? []),
    tokenEnv: config.tokenEnv ?? "TRANCHE_TARGET_TOKEN",
    requestTimeoutMs: flags["request-timeout"]
      ? intArg(flags["request-timeout"], "request-timeout", DEFAULT_REQUEST_TIMEOUT_MS, 100, 600_000)
      : (config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS),
    out: resolve(options.cwd, flags.out ?? config.out ?? options.defaultOut ?? "tranche-report"),
    world,
    suites: resolvedProfile.suites.map((s) => ({ id: s.suite.id, options: s.options })),
    gates,
    catalogDigest: options.catalog?.digest ?? null,
    trafficDigest: options.traffic?.digest ?? null,
    file: loaded?.file ?? null,
  };
  // The catalog joins the world the suites read (its digest, not its plans, is in the fingerprint).
  const finalProfile: ResolvedProfile = {
    ...resolvedProfile,
    world: options.catalog ? { ...world, catalog: options.catalog.plans } : world,
  };
  return {
    config: resolved,
    profile: finalProfile,
    ...(options.traffic ? { traffic: options.traffic.events } : {}),
    fingerprint: configFingerprint(resolved),
  };
}

/** Adds the config file's line to an option error that names a field of it. */
function withConfigLine(
  error: unknown,
  loaded: { readonly file: string; readonly text?: string } | null,
): unknown {
  if (!(error instanceof TrancheError) || !loaded?.text) return error;
  const match = /"suites\.([A-Za-z0-9_.-]+)"/.exec(error.message);
  const prefix = `[tranche] config ${loaded.file}:`;
  if (!match || !error.message.startsWith(prefix)) return error;
  const line = lineOfKey(loaded.text, (match[1] as string).split(".").pop() as string);
  if (line === undefined) return error;
  return new TrancheError(
    error.code,
    error.message.replace(prefix, `[tranche] config ${loaded.file} line ${line}:`),
    error.hint,
  );
}
