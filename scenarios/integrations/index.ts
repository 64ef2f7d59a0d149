/** Integration suites: each external API dependency checked against the destination from its consumer contract. */
import type { Suite } from "../../harness/index.ts";
import { CONSUMER_CONTRACTS, integrationsContractsSuite } from "./contracts-suite.ts";

export { CONSUMER_CONTRACTS, integrationsContractsSuite };

/** The suites of this area, in run order. */
export const SUITES: readonly Suite[] = [integrationsContractsSuite];
