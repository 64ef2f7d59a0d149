/**
 * The destination operations beyond provisioning replay: cohort import, CDR ingest, invoices and
 * billing runs, porting reads, the test clock, data retention, and lawful-intercept administration
 * under its own credential. Operations take domain records (subscribers, CDRs) and map them to the
 * contract's wire records inside (contract-mapping.ts); answers are the contract's types
 * (destination/contract/), validated against its response schemas, so a malformed answer is
 * reported, never trusted.
 */
import type {
  BillingRunResult,
  CdrBatchResult,
  CdrControlTotals,
  CdrGapList,
  CohortImportResult,
  DestinationInvoice,
  DestinationSubscriberState,
  LiDelivery,
  LiTask,
  LiTaskRequest,
  PendingPort,
  PortRequest,
  PurgeResult,
  RetentionPurgeRequest,
  RetentionRecords,
  SwitchingCode,
} from "../../destination/index.ts";
import type { Cdr, Plan, Subscriber } from "../../domain/index.ts";

export type {
  BillingRunResult,
  CdrBatchResult,
  CdrControlTotals,
  CdrGapList,
  CohortImportResult,
  DestinationInvoice,
  LiDelivery,
  LiTask,
  LiTaskRequest,
  PendingPort,
  PortRequest,
  PurgeResult,
  RetentionPurgeRequest,
  RetentionRecords,
  SwitchingCode,
};

/** The subscriber state with its pending port (the answer to port-in and port-out). */
export type PortingState = DestinationSubscriberState & { readonly porting: PortRequest };

/** What the regular-credential probe asks about: a known task and its target's line. */
export interface RegularCredentialProbeTargets {
  readonly xid: string;
  readonly destinationId: string;
  readonly externalId: string;
  readonly msisdn: string;
  readonly from: string;
  readonly to: string;
}

/** One answer to the regular (BSS) credential: which operation, its status and raw body. */
export interface RegularCredentialProbe {
  readonly operation: string;
  /** True for an LI operation (must be refused with 403); false for a BSS read about a target. */
  readonly li: boolean;
  readonly status: number;
  readonly raw: string;
}

/**
 * A cohort (tranche) to import: subscribers as legacy holds them at the cutover instant — billing
 * period start, usage to date and balance as of the cutover, not as of the base's reference date.
 */
export interface CohortImport {
  readonly cohortId: string;
  /** The cutover instant (ISO 8601). */
  readonly cutoverAt: string;
  readonly subscribers: readonly Subscriber[];
  /** Legacy credit still owed, in minor units, by subscriber id: a credit line on the first destination invoice. */
  readonly legacyCreditMinor?: Readonly<Record<string, number>>;
  /**
   * Legacy's rounding of its share of the split period, by subscriber id (contract 2.1.0
   * `billing.legacyRounding`; half-up when absent).
   */
  readonly legacyRounding?: Readonly<Record<string, "half-up" | "half-even" | "down">>;
  /** Ports legacy had in flight at the cutover, by subscriber id (carried over, contract 2.1). */
  readonly pendingPorts?: Readonly<Record<string, PendingPort>>;
}

/** Lawful-intercept administration (X1-like) and the X2 delivery log, under the LI credential only. */
export interface LiAdministration {
  activateTask(task: LiTaskRequest, signal?: AbortSignal): Promise<LiTask>;
  listTasks(signal?: AbortSignal): Promise<LiTask[]>;
  /** The task, or undefined when the destination does not know the XID (e.g. lost on import). */
  readTask(xid: string, signal?: AbortSignal): Promise<LiTask | undefined>;
  deactivateTask(xid: string, reason?: string, signal?: AbortSignal): Promise<LiTask>;
  deliveries(xid?: string, signal?: AbortSignal): Promise<LiDelivery[]>;
  setDeliveryEndpoint(url: string, signal?: AbortSignal): Promise<void>;
  /** The configured X2 delivery endpoint, or null. */
  deliveryEndpoint(signal?: AbortSignal): Promise<string | null>;
}

/** The contract operations a complete destination adapter offers next to provisioning replay. */
export interface ContractOperations {
  /** The destination's subscribers carrying this legacy (external) id, for reconciliation. */
  findByExternalId(externalId: string, signal?: AbortSignal): Promise<DestinationSubscriberState[]>;
  /** The plan catalog the destination publishes (GET /v1/catalog): plan ids, payment types, currencies. */
  readCatalog(signal?: AbortSignal): Promise<Plan[]>;
  /** Imports a cohort; every subscriber is answered imported or rejected. */
  importCohort(
    cohort: CohortImport,
    idempotencyKey?: string,
    signal?: AbortSignal,
  ): Promise<CohortImportResult>;
  /** Ingests canonical usage records as one batch of feed `source`; every record is answered accepted or rejected. */
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
  /** Closed invoices of a subscriber, oldest period first. */
  listInvoices(destinationId: string, signal?: AbortSignal): Promise<DestinationInvoice[]>;
  /** The open period's invoice as it stands. */
  previewInvoice(destinationId: string, signal?: AbortSignal): Promise<DestinationInvoice>;
  runBilling(signal?: AbortSignal): Promise<BillingRunResult>;
  readPortRequest(portId: string, signal?: AbortSignal): Promise<PortRequest | undefined>;
  clockNow(signal?: AbortSignal): Promise<string>;
  /** Moves the destination's test clock forward by an ISO 8601 duration ("P1D") or to an instant. */
  moveClock(move: { advance: string } | { set: string }, signal?: AbortSignal): Promise<string>;
  retentionRecords(
    query: { msisdn: string; from: string; to: string } | { imsi: string; from: string; to: string },
    signal?: AbortSignal,
  ): Promise<RetentionRecords>;
  purgeRetention(request?: RetentionPurgeRequest, signal?: AbortSignal): Promise<PurgeResult>;
  /** True when the regular (BSS) credential can read LI tasks — a compliance failure. */
  liVisibleToRegularCredential(signal?: AbortSignal): Promise<boolean>;
  /** LI operations and BSS reads about a target, asked with the regular credential (raw answers). */
  probeRegularCredential(
    targets: RegularCredentialProbeTargets,
    signal?: AbortSignal,
  ): Promise<RegularCredentialProbe[]>;
  portIn(
    destinationId: string,
    request: { msisdn: string; donor: string; at: string },
    signal?: AbortSignal,
  ): Promise<PortingState>;
  portOut(
    destinationId: string,
    request: { recipient: string; at: string },
    signal?: AbortSignal,
  ): Promise<PortingState>;
  setClearinghouse(url: string, signal?: AbortSignal): Promise<void>;
  clearinghouse(signal?: AbortSignal): Promise<string | null>;
  requestSwitchingCode(
    destinationId: string,
    request: { type: "PAC" | "STAC"; at: string },
    signal?: AbortSignal,
  ): Promise<SwitchingCode>;
  /** LI administration; undefined unless the adapter was given the LI credential. */
  readonly li: LiAdministration | undefined;
}
