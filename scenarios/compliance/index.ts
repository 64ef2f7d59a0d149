/**
 * Compliance suites: lawful intercept, data retention, number portability and KYC, each checked
 * against the country's regulatory data (domain/regulation-data.ts) from the first live event.
 */
import type { Suite } from "../../harness/index.ts";
import { complianceKycSuite } from "./kyc-suite.ts";
import { complianceLiSuite } from "./li-suite.ts";
import { complianceMnpSuite } from "./mnp-suite.ts";
import { complianceRetentionSuite } from "./retention-suite.ts";

export type { LiRehearsal } from "./li-rehearsal.ts";
export { planLiRehearsal, targetIdentifiers } from "./li-rehearsal.ts";
export { complianceKycSuite, complianceLiSuite, complianceMnpSuite, complianceRetentionSuite };

/** The suites of this area, in run order. */
export const SUITES: readonly Suite[] = [
  complianceLiSuite,
  complianceRetentionSuite,
  complianceMnpSuite,
  complianceKycSuite,
];
