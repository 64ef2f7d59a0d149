/** Run configuration: defineConfig, loading and fingerprinting. */
export type { ResolvedConfig, TrancheConfig } from "./config.ts";
export {
  configFingerprint,
  defineConfig,
  MAX_SUBSCRIBERS,
  mergeGates,
  TrancheConfigSchema,
} from "./config.ts";
export { CONFIG_FILE_NAMES, lineOfKey, loadConfig } from "./load-config.ts";
