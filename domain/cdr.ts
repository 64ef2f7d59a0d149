/**
 * Usage records (CDRs, call detail records) as mediation receives them from recording nodes (MSC
 * for voice, SMSC for SMS, PGW for data). A long session is cut into *partial* records sharing one
 * charging ID: `partial.sequence` is the 3GPP record sequence number (1, 2, …) and `partial.final`
 * marks the last; `localSequence` is the recording node's running record number for the served
 * IMSI, so a gap in it means a record was lost. `closeCause` says why the record was closed.
 */
import { z } from "zod";
import { ImeiSchema, ImsiSchema, InstantSchema, MsisdnSchema } from "./fields.ts";

export const CDR_SERVICES = ["voice", "sms", "data"] as const;
export type CdrService = (typeof CDR_SERVICES)[number];

export const CLOSE_CAUSES = ["normal", "partial_time_limit", "partial_volume_limit", "abnormal"] as const;
export type CloseCause = (typeof CLOSE_CAUSES)[number];

/** Where a record sits in its session: 3GPP record sequence number (from 1) and whether it is the last. */
export const CdrPartialSchema = z.object({ sequence: z.number().int().min(1), final: z.boolean() });

/** One canonical usage record, as the generators produce it and mediation receives it. */
export const CdrSchema = z.object({
  recordId: z.string().min(1),
  service: z.enum(CDR_SERVICES),
  /** Served (charged) subscriber. */
  msisdn: MsisdnSchema,
  imsi: ImsiSchema,
  imei: ImeiSchema,
  /** Other party of a call or SMS; null for data. */
  calledNumber: MsisdnSchema.nullable(),
  start: InstantSchema,
  /** Seconds covered by this record (0 for SMS). */
  durationSec: z.number().int().nonnegative(),
  uplinkBytes: z.number().int().nonnegative(),
  downlinkBytes: z.number().int().nonnegative(),
  chargingId: z.string().min(1),
  partial: CdrPartialSchema,
  localSequence: z.number().int().nonnegative(),
  recordingNode: z.string().min(1),
  closeCause: z.enum(CLOSE_CAUSES),
  /** Serving cell as MCC-MNC-area-cell. */
  cell: z.string().min(1),
  /** MCC of the visited network when roaming, else null. */
  roamingMcc: z
    .string()
    .regex(/^\d{3}$/)
    .nullable(),
});

export type Cdr = z.infer<typeof CdrSchema>;
