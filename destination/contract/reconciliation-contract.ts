/**
 * Reconciliation of the destination contract (2.1.0): range checksums over the canonical
 * reconciliation row and a streamed state export, so that a parallel run can compare the
 * destination with the legacy BSS by key ranges and fetch only the ranges that differ. The row's
 * text, the key bucket and the hashes are specified to the byte in domain/reconciliation-row.ts and
 * docs/destination-contract.md ("Reconciliation").
 */
import { z } from "zod";
import { BUCKET_SPACE } from "../../domain/index.ts";

/** Most segments one checksum request may ask for. */
export const MAX_CHECKSUM_SEGMENTS = 1024;

/** One subscriber's canonical reconciliation row (the export's NDJSON lines). */
export const ReconciliationRowSchema = z.object({
  key: z.string().min(1).describe("The legacy subscriber id (`externalId`)."),
  msisdn: z.string(),
  imsi: z.string(),
  iccid: z.string(),
  planId: z.string(),
  paymentType: z.string(),
  status: z.string(),
  balanceMinor: z.number().int(),
  currency: z.string(),
  anchorDay: z.number().int(),
  timezone: z.string(),
  addOns: z.array(z.string()),
});

/** The checksum of one segment: bucket range `[from, to)`, row count and the 64-bit sum of row hashes. */
export const RangeChecksumSchema = z.object({
  from: z.number().int().min(0).max(BUCKET_SPACE),
  to: z.number().int().min(0).max(BUCKET_SPACE),
  count: z.number().int().nonnegative(),
  checksum: z.string().regex(/^[0-9a-f]{16}$/),
});

/** GET /v1/reconciliation/checksums: the segments of the requested range, in order. */
export const RangeChecksumListSchema = z.object({ items: z.array(RangeChecksumSchema) });

export type ReconciliationRowWire = z.output<typeof ReconciliationRowSchema>;
export type RangeChecksumList = z.output<typeof RangeChecksumListSchema>;
