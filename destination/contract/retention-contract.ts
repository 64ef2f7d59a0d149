/**
 * Data retention of the destination contract: the usage records and events kept for one MSISDN or
 * IMSI in a time range, and the purge of what is older than the retention window.
 */
import { z } from "zod";
import { ImsiSchema, InstantSchema, MsisdnSchema } from "../../domain/index.ts";

/** GET /v1/retention/records. */
export const RetentionRecordsSchema = z.object({
  usage: z.array(
    z.object({
      recordId: z.string(),
      chargingId: z.string(),
      subscriberId: z.string(),
      msisdn: MsisdnSchema,
      imsi: ImsiSchema,
      service: z.string(),
      start: InstantSchema,
      quantity: z.number().int(),
    }),
  ),
  events: z.array(
    z.object({
      subscriberId: z.string(),
      type: z.string(),
      at: InstantSchema,
      msisdn: MsisdnSchema,
      imsi: ImsiSchema,
    }),
  ),
});

/** POST /v1/retention/purge. */
export const PurgeResultSchema = z.object({
  cutoff: InstantSchema,
  retentionMonths: z.number().int(),
  purged: z.object({ usageRecords: z.number().int(), events: z.number().int() }),
});

export type RetentionRecords = z.output<typeof RetentionRecordsSchema>;
export type PurgeResult = z.output<typeof PurgeResultSchema>;
