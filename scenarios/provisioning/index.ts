/** Provisioning suites: the world's traffic replayed and every subscriber's state checked. */
import type { Suite } from "../../harness/index.ts";
import { provisioningReplaySuite } from "./replay-suite.ts";

export { provisioningReplaySuite };

/** The suites of this area, in run order. */
export const SUITES: readonly Suite[] = [provisioningReplaySuite];
