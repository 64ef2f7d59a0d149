/** The built-in suite library and profiles. */

export {
  complianceKycSuite,
  complianceLiSuite,
  complianceMnpSuite,
  complianceRetentionSuite,
  planLiRehearsal,
  targetIdentifiers,
} from "./compliance/index.ts";
export { AUTHORITIES, MIGRATION_STATUS_SECTION } from "./parallel-run/index.ts";
export { CERTIFICATION_SEED, PROFILE_NAMES, PROFILES } from "./profiles.ts";
export { provisioningReplaySuite } from "./provisioning/index.ts";
export { SUITE_IDS, SUITES, suiteById } from "./registry.ts";
