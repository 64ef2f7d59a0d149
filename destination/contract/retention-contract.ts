/**
 * Data retention of the destination contract: the usage records and events kept for one MSISDN or
 * IMSI in a time range, and the purge of what is older than the retention window — one window per
 * country when the purge names them (contract 2.1), the destination's own window otherwise.
 */
import { z } from "zod";
import { ImeiSchema, ImsiSchema, InstantSchema, MsisdnSchema } from "../../domain/index.ts";

/** GET /v1/retention/records. */
export const RetentionRecordsSchema = z.object({
  usage: z.array(
    z.object({
      recordId: z.string(),
      chargingId: z.string(),
      subscriberId: z.string(),
      msisdn: MsisdnSchema,
      imsi: ImsiSchema,
      imei: ImeiSchema.nullable().optional().describe("Equipment (EU DRD Art. 5(1)(e)); contract 2.1."),
      calledNumber: MsisdnSchema.nullable()
        .optional()
        .describe("Other party of a call or SMS (Art. 5(1)(b)); null for data; contract 2.1."),
      service: z.string(),
      start: InstantSchema,
      quantity: z.number().int(),
      cell: z.string().nullable().optional().describe("Serving cell (Art. 5(1)(f)); contract 2.1."),
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

const PeriodSchema = z
  .string()
  .regex(/^P(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?$/)
  .refine((s) => s !== "P")
  .describe("An ISO 8601 period: P12M, P18M, P10W.");

/** POST /v1/retention/purge: optional windows per country (ISO 3166-1 alpha-2 of the MSISDN's calling code). */
export const RetentionPurgeRequestSchema = z.object({
  windows: z.array(z.object({ country: z.string().regex(/^[A-Z]{2}$/), window: PeriodSchema })).optional(),
});

/** The answer to a purge. */
export const PurgeResultSchema = z.object({
  /** Cutoff of the destination's own window (records of countries the request did not name). */
  cutoff: InstantSchema,
  retentionMonths: z.number().int(),
  windows: z
    .array(
      z.object({
        country: z.string(),
        window: z.string(),
        cutoff: InstantSchema,
        purged: z.object({ usageRecords: z.number().int(), events: z.number().int() }),
      }),
    )
    .optional(),
  purged: z.object({ usageRecords: z.number().int(), events: z.number().int() }),
});

export type RetentionRecords = z.output<typeof RetentionRecordsSchema>;
export type RetentionPurgeRequest = z.input<typeof RetentionPurgeRequestSchema>;
export type PurgeResult = z.output<typeof PurgeResultSchema>;
