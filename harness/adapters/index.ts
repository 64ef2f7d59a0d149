/** Destination adapters: Tranche's operations mapped onto a destination's API. */
export type { ContractAdapterOptions } from "./contract-adapter.ts";
export { classify, createContractAdapter, requestFor } from "./contract-adapter.ts";
export type { ApplyOutcome, DestinationAdapter, FailureKind, HealthInfo } from "./destination-adapter.ts";
