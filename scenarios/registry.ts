/**
 * The suite library by id. Adding a suite is one folder under scenarios/<area>/ and one line here;
 * nothing in the runner, config, CLI or reports changes.
 */
import type { Suite } from "../harness/index.ts";
import { provisioningReplaySuite } from "./provisioning/replay-suite.ts";

/** Every built-in suite, in the order a profile runs them unless it says otherwise. */
export const SUITES: readonly Suite[] = [provisioningReplaySuite];

const BY_ID = new Map(SUITES.map((s) => [s.id, s]));

/** The suite with this id, or undefined. */
export function suiteById(id: string): Suite | undefined {
  return BY_ID.get(id);
}

/** Ids of the built-in suites, for --help and errors. */
export const SUITE_IDS: readonly string[] = SUITES.map((s) => s.id);
