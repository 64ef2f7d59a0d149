/**
 * Provisioning suites: the destination's published catalog checked against the operator's (tariff
 * mapping), then the world's traffic replayed and every subscriber's state checked.
 */
import type { Suite } from "../../harness/index.ts";
import { provisioningCatalogSuite } from "./catalog-suite.ts";
import { provisioningReplaySuite } from "./replay-suite.ts";

export { provisioningCatalogSuite, provisioningReplaySuite };

/** The suites of this area, in run order (the catalog read writes nothing: it goes first). */
export const SUITES: readonly Suite[] = [provisioningCatalogSuite, provisioningReplaySuite];
