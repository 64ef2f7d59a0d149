/**
 * CDR ingest of the destination contract. A CDR (call detail record) is the network's record of
 * one usage event; records of one session share a *charging ID*, and a long session is cut into
 * *partial* records (sequence 1, 2, …, `final` on the last). The wire record carries the quantity
 * that is rated — seconds for voice, bytes for data — rather than the canonical record's uplink and
 * downlink split (domain/cdr.ts); every record is answered on its own, accepted or rejected.
 */
import { z } from "zod";
import {
  CDR_SERVICES,
  CdrPartialSchema,
  ImeiSchema,
  ImsiSchema,
  InstantSchema,
  MsisdnSchema,
} from "../../domain/index.ts";

/** Records in one batch at most. */
export const MAX_CDR_BATCH = 10_000;

/** Why a record was rejected. */
export const CDR_REJECT_REASONS = [
  "malformed",
  "missing_quantity",
  "unknown_subscriber",
  "imsi_mismatch",
  "before_activation",
  "after_termination",
  "duplicate_record",
  "duplicate_partial",
  "partial_after_final",
  "session_mismatch",
] as const;
export type CdrRejectReason = (typeof CDR_REJECT_REASONS)[number];

/** One usage record as the destination ingests it. */
export const CdrRecordSchema = z.object({
  recordId: z.string().min(1),
  chargingId: z.string().min(1).describe("Session identifier shared by all partial records of one session."),
  msisdn: MsisdnSchema,
  imsi: ImsiSchema,
  service: z.enum(CDR_SERVICES),
  start: InstantSchema,
  durationSec: z.number().int().nonnegative().describe("Required for voice.").optional(),
  volumeBytes: z.number().int().nonnegative().describe("Required for data.").optional(),
  partial: CdrPartialSchema.nullable().optional(),
  roaming: z.boolean().optional(),
  cell: z.string().optional(),
  calledNumber: MsisdnSchema.nullable()
    .optional()
    .describe("Other party of a call or SMS (retained: EU DRD Art. 5(1)(b); contract 2.1)."),
  imei: ImeiSchema.optional().describe(
    "Equipment of the served subscriber (retained: Art. 5(1)(e); contract 2.1).",
  ),
});

/** A feed name: control totals are kept per source (a legacy export file, a network element). */
export const CdrSourceSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, "expected 1–64 letters, digits, '.', '_' or '-'");

const batchOf = <T extends z.ZodType>(record: T) =>
  z.object({
    records: z.array(record).min(1).max(MAX_CDR_BATCH),
    source: CdrSourceSchema.default("default").describe(
      "The feed the batch belongs to (control totals are per source).",
    ),
  });

/** POST /v1/cdr-batches. */
export const CdrBatchRequestSchema = batchOf(CdrRecordSchema);
/**
 * The same request with its records unchecked: the route parses this first, then each record, so
 * that a malformed record is rejected with a reason rather than failing the batch.
 */
export const CdrBatchEnvelopeSchema = batchOf(z.unknown());

/** The per-record answer. */
export const CdrBatchResultSchema = z.object({
  accepted: z.number().int(),
  rejected: z.number().int(),
  results: z.array(
    z.object({
      index: z.number().int(),
      recordId: z.string().nullable(),
      status: z.enum(["accepted", "rejected"]),
      reason: z.enum(CDR_REJECT_REASONS).optional(),
      message: z.string().optional(),
    }),
  ),
});

/** GET /v1/cdr-control-totals?source=: accepted records per UTC day of their start. */
export const CdrControlTotalsSchema = z.object({
  source: z.string(),
  items: z.array(
    z.object({
      date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      records: z.number().int().nonnegative(),
      durationSec: z.number().int().nonnegative(),
      volumeBytes: z.number().int().nonnegative(),
    }),
  ),
});

/** GET /v1/cdr-sessions/gaps: sessions whose final record arrived with sequence numbers missing below it. */
export const CdrGapListSchema = z.object({
  items: z.array(
    z.object({
      chargingId: z.string(),
      msisdn: z.string(),
      service: z.enum(CDR_SERVICES),
      finalSequence: z.number().int().min(1),
      missing: z.array(z.number().int().min(1)),
    }),
  ),
});

export type CdrControlTotals = z.output<typeof CdrControlTotalsSchema>;
export type CdrGapList = z.output<typeof CdrGapListSchema>;
export type CdrRecord = z.input<typeof CdrRecordSchema>;
export type CdrBatchResult = z.output<typeof CdrBatchResultSchema>;
