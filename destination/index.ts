/** Public API of the reference destination and its contract. */
export type { ClockSource, TestClock } from "./clock.ts";
export { createTestClock, DEFAULT_CLOCK_START, frozenSource } from "./clock.ts";
export type { BillingRunResult, DestinationInvoice } from "./contract/billing-contract.ts";
export {
  BillingRunResultSchema,
  DestinationInvoiceSchema,
  InvoiceListSchema,
} from "./contract/billing-contract.ts";
export { CatalogSchema } from "./contract/catalog-contract.ts";
export type { ClockRequest } from "./contract/clock-contract.ts";
export { ClockMoveResultSchema, ClockRequestSchema, ClockStateSchema } from "./contract/clock-contract.ts";
export type {
  CohortImportRequest,
  CohortImportResult,
  ImportedSubscriber,
  PendingPort,
} from "./contract/cohort-contract.ts";
export {
  CohortImportRequestSchema,
  CohortImportResultSchema,
  ImportedSubscriberSchema,
  MAX_COHORT_IMPORT,
  PendingPortSchema,
} from "./contract/cohort-contract.ts";
export { AtSchema, ErrorSchema, HealthSchema } from "./contract/common-contract.ts";
export type { IriRecord, LiDelivery, LiTask, LiTaskRequest } from "./contract/li-contract.ts";
export {
  IriRecordSchema,
  LiDeactivationRequestSchema,
  LiDeliveryConfigRequestSchema,
  LiDeliveryConfigSchema,
  LiDeliveryListSchema,
  LiDeliverySchema,
  LiTaskListSchema,
  LiTaskRequestSchema,
  LiTaskSchema,
} from "./contract/li-contract.ts";
export type {
  CdrBatchResult,
  CdrControlTotals,
  CdrGapList,
  CdrRecord,
  CdrRejectReason,
} from "./contract/mediation-contract.ts";
export {
  CDR_REJECT_REASONS,
  CdrBatchRequestSchema,
  CdrBatchResultSchema,
  CdrControlTotalsSchema,
  CdrGapListSchema,
  CdrRecordSchema,
  CdrSourceSchema,
  MAX_CDR_BATCH,
} from "./contract/mediation-contract.ts";
export type { NetworkChangeResult, NetworkRoute } from "./contract/network-contract.ts";
export {
  MAX_NETWORK_BATCH,
  NetworkChangeRequestSchema,
  NetworkChangeResultSchema,
  NetworkRouteSchema,
  ROUTED_SERVICES,
} from "./contract/network-contract.ts";
export type { PortRequest, SwitchingCode } from "./contract/porting-contract.ts";
export {
  ClearinghouseConfigRequestSchema,
  ClearinghouseConfigSchema,
  PortInRequestSchema,
  PortingStateSchema,
  PortOutRequestSchema,
  PortRequestSchema,
  SwitchingCodeRequestSchema,
  SwitchingCodeSchema,
} from "./contract/porting-contract.ts";
export type { RangeChecksumList, ReconciliationRowWire } from "./contract/reconciliation-contract.ts";
export {
  MAX_CHECKSUM_SEGMENTS,
  RangeChecksumListSchema,
  RangeChecksumSchema,
  ReconciliationRowSchema,
} from "./contract/reconciliation-contract.ts";
export type { PurgeResult, RetentionPurgeRequest, RetentionRecords } from "./contract/retention-contract.ts";
export {
  PurgeResultSchema,
  RetentionPurgeRequestSchema,
  RetentionRecordsSchema,
} from "./contract/retention-contract.ts";
export type { ActivationRequest, DestinationSubscriberState } from "./contract/subscriber-contract.ts";
export {
  ActivationRequestSchema,
  AddOnRequestSchema,
  AtRequestSchema,
  BARRING_REASONS,
  DestinationSubscriberStateSchema,
  KYC_STATUSES,
  KycRequestSchema,
  PlanChangeRequestSchema,
  ReasonRequestSchema,
  SimSwapRequestSchema,
  SubscriberListSchema,
  TopUpRequestSchema,
} from "./contract/subscriber-contract.ts";
export type { ActiveDefects, DefectProfile } from "./defects.ts";
export { DEFECT_PROFILES, parseDefects, renderDefectList } from "./defects.ts";
export { RATING } from "./invoice-calculator.ts";
export { CONTRACT_SCHEMAS } from "./openapi/component-schemas.ts";
export { CONTRACT_VERSION, openApiDocument } from "./openapi/openapi-document.ts";
export type { ReferenceDestinationOptions, RunningDestination } from "./reference-destination.ts";
export { DEFAULT_BSS_TOKEN, DEFAULT_LI_TOKEN, startReferenceDestination } from "./reference-destination.ts";
