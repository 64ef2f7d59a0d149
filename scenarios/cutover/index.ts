/** Cutover suites: the number-portability cutover rehearsed under rollback criteria declared beforehand. */
import type { Suite } from "../../harness/index.ts";
import { cutoverMnpSuite } from "./mnp-suite.ts";

export { cutoverMnpSuite };

/** The suites of this area, in run order. */
export const SUITES: readonly Suite[] = [cutoverMnpSuite];
