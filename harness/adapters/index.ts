/** Destination adapters: Tranche's operations mapped onto a destination's API. */
export type { ContractAdapterOptions } from "./contract-adapter.ts";
export { classify, createContractAdapter, parseTargetUrl, requestFor } from "./contract-adapter.ts";
export type {
  BillingRunResult,
  CdrBatchResult,
  CdrRecord,
  CohortImportRequest,
  CohortImportResult,
  ContractOperations,
  DestinationInvoice,
  ImportedSubscriber,
  LiAdministration,
  LiDelivery,
  LiTask,
  PortRequest,
  PurgeResult,
  RetentionRecords,
} from "./contract-operations.ts";
export type { ContractCall, ContractRequest } from "./contract-operations-client.ts";
export { createContractOperations } from "./contract-operations-client.ts";
export type {
  ApplyOutcome,
  DestinationAdapter,
  FailureKind,
  FullDestinationAdapter,
  HealthInfo,
} from "./destination-adapter.ts";
