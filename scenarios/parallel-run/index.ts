/** Parallel-run suites: dual writes through a sync layer, reconciled every cadence by range checksums. */
import type { Suite } from "../../harness/index.ts";
import { parallelRunReconciliationSuite } from "./reconciliation-suite.ts";

export { AUTHORITIES, MIGRATION_STATUS_SECTION } from "../shared/migration-status.ts";
export { parallelRunReconciliationSuite };

/** The suites of this area, in run order. */
export const SUITES: readonly Suite[] = [parallelRunReconciliationSuite];
