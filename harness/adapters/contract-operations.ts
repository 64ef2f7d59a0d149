/**
 * The destination operations beyond provisioning replay: cohort import, CDR ingest, invoices and
 * billing runs, porting reads, the test clock, data retention, and lawful-intercept administration
 * under its own credential. Types here are Tranche's view of them; response schemas validate what
 * a destination answers, so a malformed answer is reported, never trusted.
 */
import { z } from "zod";
import { InvoiceSchema, type SubscriberState, SubscriberStateSchema } from "../../domain/index.ts";

const instant = z.iso.datetime({ offset: true });

/** One legacy subscriber moved in a cohort, with its legacy billing state at the cutover. */
export interface ImportedSubscriber {
  readonly externalId: string;
  readonly msisdn: string;
  readonly imsi: string;
  readonly iccid: string;
  readonly planId: string;
  readonly paymentType: "prepaid" | "postpaid";
  readonly currency: string;
  readonly status: "active" | "inactive" | "suspended" | "barred";
  readonly anchorDay: number;
  readonly timezone: string;
  readonly activatedAt: string;
  readonly addOns?: readonly string[];
  readonly kyc?: {
    readonly name?: string | null;
    readonly dateOfBirth?: string | null;
    readonly address?: string | null;
    readonly idDocument?: string | null;
  };
  readonly billing: {
    /** Start of the legacy billing period containing the cutover. */
    readonly periodStart: string;
    readonly usageToDate: {
      readonly voiceSec: number;
      readonly smsCount: number;
      readonly dataBytes: number;
    };
    readonly balanceMinor: number;
    readonly creditMinor?: number;
  };
}

export interface CohortImportRequest {
  readonly cohortId: string;
  /** Cutover instant of the cohort. */
  readonly at: string;
  readonly subscribers: readonly ImportedSubscriber[];
}

/** A usage record (CDR) as the contract ingests it; partial records share a charging ID. */
export interface CdrRecord {
  readonly recordId: string;
  readonly chargingId: string;
  readonly msisdn: string;
  readonly imsi: string;
  readonly service: "voice" | "sms" | "data";
  readonly start: string;
  readonly durationSec?: number;
  readonly volumeBytes?: number;
  readonly partial?: { readonly sequence: number; readonly final: boolean } | null;
  readonly roaming?: boolean;
  readonly cell?: string;
}

export const CohortImportResultSchema = z.object({
  cohortId: z.string(),
  imported: z.number().int(),
  rejected: z.number().int(),
  results: z.array(
    z.object({
      index: z.number().int(),
      externalId: z.string().nullable(),
      status: z.enum(["imported", "rejected"]),
      id: z.string().optional(),
      reason: z.string().optional(),
      message: z.string().optional(),
    }),
  ),
});

export const CdrBatchResultSchema = z.object({
  accepted: z.number().int(),
  rejected: z.number().int(),
  results: z.array(
    z.object({
      index: z.number().int(),
      recordId: z.string().nullable(),
      status: z.enum(["accepted", "rejected"]),
      reason: z.string().optional(),
      message: z.string().optional(),
    }),
  ),
});

export const DestinationInvoiceSchema = InvoiceSchema.extend({
  id: z.string(),
  status: z.enum(["final", "preview"]),
});
export const InvoiceListSchema = z.object({ items: z.array(DestinationInvoiceSchema) });
export const BillingRunResultSchema = z.object({ runAt: instant, invoicesCreated: z.number().int() });
export const ClockStateSchema = z.object({ now: instant });
export const PortRequestSchema = z.object({
  id: z.string(),
  type: z.enum(["port_in", "port_out"]),
  subscriberId: z.string(),
  msisdn: z.string(),
  counterparty: z.string(),
  status: z.enum(["pending", "completed"]),
  requestedAt: instant,
  scheduledAt: instant,
  completesAt: instant,
  completedAt: instant.nullable(),
  clearinghouseRef: z.string(),
});
export const RetentionRecordsSchema = z.object({
  usage: z.array(
    z.object({
      recordId: z.string(),
      chargingId: z.string(),
      subscriberId: z.string(),
      msisdn: z.string(),
      imsi: z.string(),
      service: z.string(),
      start: instant,
      quantity: z.number().int(),
    }),
  ),
  events: z.array(
    z.object({
      subscriberId: z.string(),
      type: z.string(),
      at: instant,
      msisdn: z.string(),
      imsi: z.string(),
    }),
  ),
});
export const PurgeResultSchema = z.object({
  cutoff: instant,
  retentionMonths: z.number().int(),
  purged: z.object({ usageRecords: z.number().int(), events: z.number().int() }),
});
export const LiTaskSchema = z.object({
  xid: z.string(),
  targets: z.array(z.object({ type: z.enum(["msisdn", "imsi"]), value: z.string() })),
  deliveryType: z.string(),
  status: z.enum(["active", "inactive"]),
  createdAt: instant,
  deactivatedAt: instant.nullable(),
});
export const SubscriberListSchema = z.object({ items: z.array(SubscriberStateSchema) });
export const LiDeliveryConfigSchema = z.object({ url: z.string().nullable() });
export const LiTaskListSchema = z.object({ items: z.array(LiTaskSchema) });
export const LiDeliveryListSchema = z.object({
  items: z.array(
    z.object({
      seq: z.number().int(),
      xid: z.string(),
      status: z.enum(["pending", "delivered"]),
      attempts: z.number().int(),
      createdAt: instant,
      deliveredAt: instant.nullable(),
      record: z.record(z.string(), z.unknown()),
    }),
  ),
});

export type CohortImportResult = z.infer<typeof CohortImportResultSchema>;
export type CdrBatchResult = z.infer<typeof CdrBatchResultSchema>;
export type DestinationInvoice = z.infer<typeof DestinationInvoiceSchema>;
export type BillingRunResult = z.infer<typeof BillingRunResultSchema>;
export type PortRequest = z.infer<typeof PortRequestSchema>;
export type RetentionRecords = z.infer<typeof RetentionRecordsSchema>;
export type PurgeResult = z.infer<typeof PurgeResultSchema>;
export type LiTask = z.infer<typeof LiTaskSchema>;
export type LiDelivery = z.infer<typeof LiDeliveryListSchema>["items"][number];

/** Lawful-intercept administration (X1-like) and the X2 delivery log, under the LI credential only. */
export interface LiAdministration {
  activateTask(
    task: {
      xid: string;
      targets: { type: "msisdn" | "imsi"; value: string }[];
      deliveryType?: "X2Only" | "X2andX3";
    },
    signal?: AbortSignal,
  ): Promise<LiTask>;
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
  findByExternalId(externalId: string, signal?: AbortSignal): Promise<SubscriberState[]>;
  importCohort(
    request: CohortImportRequest,
    idempotencyKey?: string,
    signal?: AbortSignal,
  ): Promise<CohortImportResult>;
  ingestCdrs(
    records: readonly CdrRecord[],
    idempotencyKey?: string,
    signal?: AbortSignal,
  ): Promise<CdrBatchResult>;
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
  purgeRetention(signal?: AbortSignal): Promise<PurgeResult>;
  /** True when the regular (BSS) credential can read LI tasks — a compliance failure. */
  liVisibleToRegularCredential(signal?: AbortSignal): Promise<boolean>;
  /** LI administration; undefined unless the adapter was given the LI credential. */
  readonly li: LiAdministration | undefined;
}
