/** The built-in scenario library and profiles. */
export { PROFILE_NAMES, PROFILES } from "./profiles.ts";
export { provisioningReplay } from "./provisioning-replay.ts";
