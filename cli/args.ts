/**
 * Argument groups shared by the commands that run a profile (run, capacity, export): the same flag
 * means the same thing, with the same description, wherever it appears.
 */
import { DEFAULT_REQUEST_TIMEOUT_MS } from "../harness/index.ts";
import { PROFILE_NAMES } from "../scenarios/index.ts";
import type { ArgSpec } from "./command.ts";

/** The profile and what decides its data: config file, seed, reference date. */
export const PROFILE_ARGS = {
  profile: { type: "string", description: `Profile: ${PROFILE_NAMES.join(", ")}`, valueHint: "<name>" },
  config: {
    type: "string",
    description: "Config file (default: ./tranche.config.ts or .json if present)",
    valueHint: "<file>",
  },
  seed: { type: "string", description: "Seed of every random choice", valueHint: "<n>" },
  "ref-date": { type: "string", description: "Reference instant of the generated data", valueHint: "<iso>" },
} as const satisfies Record<string, ArgSpec>;

/** The shared world: base size and given traffic. */
export const WORLD_ARGS = {
  subscribers: {
    type: "string",
    description: "Subscribers in the generated base (overrides the profile's world)",
    valueHint: "<n>",
  },
  traffic: {
    type: "string",
    description: "Replay this provisioning traffic file (NDJSON) instead of generating traffic from the seed",
    valueHint: "<file>",
  },
  catalog: {
    type: "string",
    description:
      'The operator\'s plan catalog (JSON {"plans": [...]}): the shadow model judges by it, the generated base buys from it, and the embedded reference destination sells it',
    valueHint: "<file>",
  },
} as const satisfies Record<string, ArgSpec>;

/** Load options, applied to every suite of the run that has the option. */
export const LOAD_ARGS = {
  rate: {
    type: "string",
    description: "Arrival rate in events/s of every replaying suite (sets their ratePerSec)",
    valueHint: "<n>",
  },
  concurrency: {
    type: "string",
    description: "Requests in flight at most, per replaying suite (sets their concurrency)",
    valueHint: "<n>",
  },
} as const satisfies Record<string, ArgSpec>;

/** The destination to talk to. */
export const TARGET_ARGS = {
  target: {
    type: "string",
    description:
      "`reference` (embedded reference destination), the destination's base URL, `process:<command>` or `container:<image>`",
    valueHint: "<target>",
  },
  defects: {
    type: "string",
    description: "Defect profiles of the embedded reference destination, comma-separated",
    valueHint: "<a,b>",
  },
  "request-timeout": {
    type: "string",
    description: `Overall deadline of one request to the target, headers and body, in ms (default ${DEFAULT_REQUEST_TIMEOUT_MS})`,
    valueHint: "<ms>",
  },
} as const satisfies Record<string, ArgSpec>;
