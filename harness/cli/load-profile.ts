/** The config file and the chosen profile, as every profile-driven command (run, capacity, export) reads them. */
import { TrancheError } from "../../domain/index.ts";
import { PROFILE_NAMES, PROFILES } from "../../scenarios/index.ts";
import { loadConfig, type TrancheConfig } from "../config/index.ts";
import type { Profile } from "../run/scenario.ts";

export interface LoadedProfile {
  readonly config: TrancheConfig;
  /** The config file read, or null. */
  readonly file: string | null;
  readonly profile: Profile;
}

/** Loads the config and resolves the profile: the flag, else the config's, else `fallback`. */
export async function loadProfile(
  configFlag: string | undefined,
  profileFlag: string | undefined,
  cwd: string,
  fallback: string,
): Promise<LoadedProfile> {
  const loaded = await loadConfig(configFlag, cwd);
  const config = loaded?.config ?? {};
  const name = profileFlag ?? config.profile ?? fallback;
  const profile = PROFILES[name];
  if (!profile) {
    throw new TrancheError(
      "E_CONFIG",
      `unknown profile "${name}".`,
      `Known profiles: ${PROFILE_NAMES.join(", ")}.`,
    );
  }
  return { config, file: loaded?.file ?? null, profile };
}
