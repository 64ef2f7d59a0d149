/** Mediation suites: usage records through CDR ingest. */
import type { Suite } from "../../harness/index.ts";
import { mediationCdrSuite } from "./cdr-suite.ts";

export { mediationCdrSuite };

/** The suites of this area, in run order. */
export const SUITES: readonly Suite[] = [mediationCdrSuite];
