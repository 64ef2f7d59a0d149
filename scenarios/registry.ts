/**
 * The suite library by id, collected from each area's index.ts: adding a suite to an area touches
 * only that area's folder; a new area adds one line here. Nothing in the runner, config, CLI or
 * reports changes.
 */
import type { Suite } from "../harness/index.ts";
import * as billing from "./billing/index.ts";
import * as compliance from "./compliance/index.ts";
import * as cutover from "./cutover/index.ts";
import * as integrations from "./integrations/index.ts";
import * as mediation from "./mediation/index.ts";
import * as parallelRun from "./parallel-run/index.ts";
import * as provisioning from "./provisioning/index.ts";

/** Every built-in suite, area by area (mediation and billing last: they move the test clock). */
export const SUITES: readonly Suite[] = [
  ...provisioning.SUITES,
  ...compliance.SUITES,
  ...parallelRun.SUITES,
  ...cutover.SUITES,
  ...integrations.SUITES,
  ...mediation.SUITES,
  ...billing.SUITES,
];

const BY_ID = new Map(SUITES.map((s) => [s.id, s]));
if (BY_ID.size !== SUITES.length) throw new Error("two built-in suites share an id");

/** The suite with this id, or undefined. */
export function suiteById(id: string): Suite | undefined {
  return BY_ID.get(id);
}

/** Ids of the built-in suites, for --help and errors. */
export const SUITE_IDS: readonly string[] = SUITES.map((s) => s.id);
