/** Billing suites: split periods judged by the billing oracle. */
import type { Suite } from "../../harness/index.ts";
import { billingSplitPeriodSuite } from "./split-period-suite.ts";

export { SPLIT_CASES } from "./split-cases.ts";
export { billingSplitPeriodSuite };

/** The suites of this area, in run order. */
export const SUITES: readonly Suite[] = [billingSplitPeriodSuite];
