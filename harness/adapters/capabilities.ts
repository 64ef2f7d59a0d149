/**
 * What a target can do, as a capability object: each capability is an optional group of
 * operations. A suite names the capabilities it requires; a target that lacks one makes the suite
 * *not run* (reported as such), never a silent pass. The contract adapter offers them all; a vendor
 * whose API covers less implements only what it has, and the rest is reported as not run.
 */
import type {
  DestinationSubscriberState,
  NetworkChangeResult,
  NetworkRoute,
} from "../../destination/index.ts";
import type {
  BucketRange,
  Cdr,
  Plan,
  ProvisioningEvent,
  RangeChecksum,
  ReconciliationRow,
} from "../../domain/index.ts";
import type {
  BillingRunResult,
  CdrBatchResult,
  CdrControlTotals,
  CdrGapList,
  CohortImport,
  CohortImportResult,
  DestinationInvoice,
  LiAdministration,
  PortingState,
  PortRequest,
  PurgeResult,
  RegularCredentialProbe,
  RegularCredentialProbeTargets,
  RetentionPurgeRequest,
  RetentionRecords,
  SwitchingCode,
} from "./contract-operations.ts";
import type { ApplyOutcome, HealthInfo } from "./destination-adapter.ts";

/** Capability names, as suites require them and reports list them. */
export const CAPABILITIES = [
  "provisioning",
  "state-read",
  "cohort-import",
  "cdr-ingest",
  "billing",
  "test-clock",
  "porting",
  "retention",
  "li",
  "reconciliation",
  "network",
  "http",
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** Writes provisioning events (the replay engine's only need). */
export interface ProvisioningCapability {
  /**
   * Applies one provisioning event. `destinationId` is the destination's id of the subscriber,
   * known from an earlier activation (undefined for an activation).
   */
  apply(
    event: ProvisioningEvent,
    destinationId: string | undefined,
    signal?: AbortSignal,
  ): Promise<ApplyOutcome>;
}

/** Reads subscriber state (what the shadow model compares). */
export interface StateReadCapability {
  /** The state, or undefined when the destination does not know the id. */
  /**
   * The state, or undefined when the destination does not know the id. Throws E_CONTRACT when the
   * answer breaks the contract's schema, E_TARGET when no answer came.
   */
  readSubscriber(
    destinationId: string,
    signal?: AbortSignal,
  ): Promise<DestinationSubscriberState | undefined>;
  /** The destination's subscribers carrying this legacy (external) id. */
  findByExternalId(externalId: string, signal?: AbortSignal): Promise<DestinationSubscriberState[]>;
  /** The plan catalog the destination publishes; absent when the target publishes none. */
  readCatalog?(signal?: AbortSignal): Promise<Plan[]>;
}

/** Moves cohorts of legacy subscribers onto the destination. */
export interface CohortImportCapability {
  /**
   * Imports the cohort's subscribers (domain records, mapped to the target's wire format inside);
   * every subscriber is answered imported or rejected with a reason.
   */
  importCohort(
    cohort: CohortImport,
    idempotencyKey?: string,
    signal?: AbortSignal,
  ): Promise<CohortImportResult>;
}

/** Mediation: usage records in, each accepted or rejected with a reason. */
export interface CdrIngestCapability {
  /**
   * Ingests canonical usage records (domain/cdr.ts, mapped to the target's wire format inside) as one
   * batch of feed `source` (control totals are kept per source; "default" when absent).
   */
  ingestCdrs(
    records: readonly Cdr[],
    idempotencyKey?: string,
    signal?: AbortSignal,
    source?: string,
  ): Promise<CdrBatchResult>;
  /** Accepted records, seconds and bytes per UTC day of feed `source`. */
  controlTotals(source: string, signal?: AbortSignal): Promise<CdrControlTotals>;
  /** Sessions whose final record arrived with partial sequence numbers missing. */
  sessionGaps(signal?: AbortSignal): Promise<CdrGapList>;
}

export interface BillingCapability {
  /** Closed invoices of a subscriber, oldest period first. */
  listInvoices(destinationId: string, signal?: AbortSignal): Promise<DestinationInvoice[]>;
  /** The open period's invoice as it stands. */
  previewInvoice(destinationId: string, signal?: AbortSignal): Promise<DestinationInvoice>;
  runBilling(signal?: AbortSignal): Promise<BillingRunResult>;
}

export interface TestClockCapability {
  clockNow(signal?: AbortSignal): Promise<string>;
  /** Moves the destination's test clock forward by an ISO 8601 duration ("P1D") or to an instant. */
  moveClock(move: { advance: string } | { set: string }, signal?: AbortSignal): Promise<string>;
}

/** Number portability: port requests, the clearinghouse the destination uses, UK switching codes. */
export interface PortingCapability {
  readPortRequest(portId: string, signal?: AbortSignal): Promise<PortRequest | undefined>;
  /** Requests a port-in of `msisdn` from `donor` at business instant `at` (202: the pending port). */
  portIn(
    destinationId: string,
    request: { msisdn: string; donor: string; at: string },
    signal?: AbortSignal,
  ): Promise<PortingState>;
  /** Requests a port-out to `recipient` at `at`. */
  portOut(
    destinationId: string,
    request: { recipient: string; at: string },
    signal?: AbortSignal,
  ): Promise<PortingState>;
  /** Points the destination at an MNP clearinghouse (every later port is scheduled there). */
  setClearinghouse(url: string, signal?: AbortSignal): Promise<void>;
  /** The MNP clearinghouse the destination schedules ports with, or null (scheduled locally). */
  clearinghouse(signal?: AbortSignal): Promise<string | null>;
  /** Answers a PAC/STAC request (the subscriber's SMS at `at`) with the code sent back. */
  requestSwitchingCode(
    destinationId: string,
    request: { type: "PAC" | "STAC"; at: string },
    signal?: AbortSignal,
  ): Promise<SwitchingCode>;
}

export interface RetentionCapability {
  retentionRecords(
    query: { msisdn: string; from: string; to: string } | { imsi: string; from: string; to: string },
    signal?: AbortSignal,
  ): Promise<RetentionRecords>;
  /** Purges what is older than the window: per country when `request.windows` names them. */
  purgeRetention(request?: RetentionPurgeRequest, signal?: AbortSignal): Promise<PurgeResult>;
}

/** LI administration under the LI credential, plus the access-control probe with the BSS credential. */
export interface LiCapability extends LiAdministration {
  /** True when the regular (BSS) credential can read LI tasks — a compliance failure. */
  visibleToRegularCredential(signal?: AbortSignal): Promise<boolean>;
  /**
   * Every LI operation, and the BSS answers about a target, asked with the regular credential:
   * status and raw body of each, for the suite to judge (nothing LI may show, not even in errors).
   */
  probeRegularCredential(
    targets: RegularCredentialProbeTargets,
    signal?: AbortSignal,
  ): Promise<RegularCredentialProbe[]>;
}

/**
 * Reconciliation (contract 2.1.0): range checksums over the canonical reconciliation row and the
 * state export of a key range, scoped to keys (legacy ids) starting with `prefix`.
 */
export interface ReconciliationCapability {
  rangeChecksums(
    query: { readonly range: BucketRange; readonly segments: number; readonly prefix?: string },
    signal?: AbortSignal,
  ): Promise<RangeChecksum[]>;
  exportRows(
    query: { readonly range: BucketRange; readonly prefix?: string },
    signal?: AbortSignal,
  ): Promise<ReconciliationRow[]>;
}

/** Network routing (contract 2.1.0): the number-portability cutover, its rollback, routing lookups. */
export interface NetworkCapability {
  cutover(
    msisdns: readonly string[],
    at: string,
    idempotencyKey?: string,
    signal?: AbortSignal,
  ): Promise<NetworkChangeResult>;
  rollback(
    msisdns: readonly string[],
    at: string,
    idempotencyKey?: string,
    signal?: AbortSignal,
  ): Promise<NetworkChangeResult>;
  /** What the destination terminates for a number, or undefined when it does not serve it. */
  route(msisdn: string, signal?: AbortSignal): Promise<NetworkRoute | undefined>;
}

/**
 * Raw requests to the contract's HTTP API, as an external integration (payment gateway, reseller
 * portal, self-care, BI export) makes them: consumer contract checks need the wire, not a mapping.
 */
export interface HttpCapability {
  request(
    req: {
      readonly method: "GET" | "POST";
      readonly path: string;
      readonly body?: unknown;
      readonly idempotencyKey?: string;
    },
    signal?: AbortSignal,
  ): Promise<{ status: number; body: unknown; raw: string; contentType: string }>;
}

/** The capability object of a target: present keys are what it can do. */
export interface TargetCapabilities {
  readonly provisioning?: ProvisioningCapability;
  readonly "state-read"?: StateReadCapability;
  readonly "cohort-import"?: CohortImportCapability;
  readonly "cdr-ingest"?: CdrIngestCapability;
  readonly billing?: BillingCapability;
  readonly "test-clock"?: TestClockCapability;
  readonly porting?: PortingCapability;
  readonly retention?: RetentionCapability;
  readonly li?: LiCapability;
  readonly reconciliation?: ReconciliationCapability;
  readonly network?: NetworkCapability;
  readonly http?: HttpCapability;
}

/** The capabilities `R` of a target, all present (what a suite that requires them receives). */
export type CapabilitiesOf<R extends Capability> = {
  readonly [K in R]-?: NonNullable<TargetCapabilities[K]>;
};

/**
 * A destination as a run talks to it. A vendor whose API differs from the Tranche contract writes
 * one module that returns this object; nothing else in Tranche changes.
 */
export interface DestinationTarget {
  /** One line naming the target, for reports. */
  describe(): string;
  health(signal?: AbortSignal): Promise<HealthInfo>;
  readonly capabilities: TargetCapabilities;
  close(): Promise<void>;
}

/** Names of the capabilities a target offers, in CAPABILITIES order. */
export function capabilityNames(capabilities: TargetCapabilities): Capability[] {
  return CAPABILITIES.filter((name) => capabilities[name] !== undefined);
}

/** The capabilities of `required` the target lacks. */
export function missingCapabilities(
  capabilities: TargetCapabilities,
  required: readonly Capability[],
): Capability[] {
  return required.filter((name) => capabilities[name] === undefined);
}
