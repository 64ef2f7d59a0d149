/**
 * The billing oracle: the independent expectation of what a destination must bill (DESIGN.md).
 * Proration policies as data, one generator per line kind (recurring, usage, one-off, credit),
 * every line naming the rule that produced it, the split-period rule. Pure; imports only domain/,
 * and is never imported by destination/ (the architecture rules say so), so the reference
 * destination and the oracle cannot agree by construction.
 */
export type { BillingPolicy, PolicyRounding, ProrationBasis } from "./billing-policy.ts";
export {
  BillingPolicySchema,
  CONTRACT_POLICY,
  MIB_BYTES,
  POLICY_ROUNDINGS,
  PRORATION_BASES,
  roundingModeOf,
} from "./billing-policy.ts";
export { creditLine } from "./credit-generator.ts";
export type { ImportedTimeline, OraclePlan } from "./invoice-oracle.ts";
export { expectedInvoices } from "./invoice-oracle.ts";
export type { AddOnPurchase } from "./one-off-generator.ts";
export { oneOffLines } from "./one-off-generator.ts";
export type { OracleInvoice, OracleLine, OracleRule } from "./oracle-line.ts";
export { ORACLE_RULES, sumOfKind } from "./oracle-line.ts";
export type { Boundary, PeriodFrame } from "./proration.ts";
export { boundaryOf, frameAt, periodUnits, positionOf, shareOf } from "./proration.ts";
export type { RecurringSegment } from "./recurring-generator.ts";
export { legacyPart, recurringLines } from "./recurring-generator.ts";
export type { SplitInput, SplitResult } from "./split-period.ts";
export { describeSplit, splitPeriod, splitPeriodAt } from "./split-period.ts";
export type { RatedSession, UsagePlan, UsageTotals } from "./usage-generator.ts";
export { billableQuantity, ownOverage, usageLines, usageTotals } from "./usage-generator.ts";
export { localDayAt, offsetMsAt } from "./zone-offsets.ts";
