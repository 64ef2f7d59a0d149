/** Destination adapters: what a target can do (capabilities) and the Tranche contract's HTTP client. */
export type {
  BillingCapability,
  CapabilitiesOf,
  Capability,
  CdrIngestCapability,
  CohortImportCapability,
  DestinationTarget,
  HttpCapability,
  LiCapability,
  NetworkCapability,
  PortingCapability,
  ProvisioningCapability,
  ReconciliationCapability,
  RetentionCapability,
  StateReadCapability,
  TargetCapabilities,
  TestClockCapability,
} from "./capabilities.ts";
export { CAPABILITIES, capabilityNames, missingCapabilities } from "./capabilities.ts";
export type { ContractAdapterOptions, ContractTarget } from "./contract-adapter.ts";
export { classify, createContractAdapter, parseTargetUrl, requestFor } from "./contract-adapter.ts";
export type {
  BillingRunResult,
  CdrBatchResult,
  CdrControlTotals,
  CdrGapList,
  CohortImport,
  CohortImportResult,
  ContractOperations,
  DestinationInvoice,
  LiAdministration,
  LiDelivery,
  LiTask,
  LiTaskRequest,
  PendingPort,
  PortingState,
  PortRequest,
  PurgeResult,
  RegularCredentialProbe,
  RegularCredentialProbeTargets,
  RetentionPurgeRequest,
  RetentionRecords,
  SwitchingCode,
} from "./contract-operations.ts";
export type { ContractCall, ContractRequest } from "./contract-operations-client.ts";
export { createContractOperations } from "./contract-operations-client.ts";
export type { ApplyOutcome, FailureKind, HealthInfo } from "./destination-adapter.ts";
