/**
 * Lawful intercept of the destination contract, under the separate LI credential. An *X1 task* is a
 * warrant's technical order, named by an *XID*: intercept these target identifiers (MSISDN or
 * IMSI). *IRI* records describing what a target did are delivered over *X2* to the agency's endpoint.
 */
import { z } from "zod";
import { InstantSchema } from "../../domain/index.ts";
import { listOf } from "./common-contract.ts";

const LiTargetSchema = z.object({ type: z.enum(["msisdn", "imsi"]), value: z.string().min(1) });
const DeliveryTypeSchema = z.enum(["X2Only", "X2andX3"]);

/** POST /v1/li/tasks: activate an X1 task. */
export const LiTaskRequestSchema = z.object({
  xid: z.string().min(8).max(64),
  targets: z.array(LiTargetSchema).min(1),
  deliveryType: DeliveryTypeSchema.default("X2Only"),
  sequenceStart: z
    .number()
    .int()
    .min(1)
    .default(1)
    .describe(
      "Sequence number of the task's first IRI record: a task moved from another platform continues its X2 sequence (contract 2.1).",
    ),
});

/** An X1 task as the destination answers it. */
export const LiTaskSchema = z.object({
  xid: z.string(),
  targets: z.array(LiTargetSchema),
  deliveryType: DeliveryTypeSchema,
  status: z.enum(["active", "inactive"]),
  createdAt: InstantSchema,
  deactivatedAt: InstantSchema.nullable(),
});

/** GET /v1/li/tasks. */
export const LiTaskListSchema = listOf(LiTaskSchema);

/** POST /v1/li/tasks/{xid}/deactivation. */
export const LiDeactivationRequestSchema = z.object({ reason: z.string().min(1).optional() });

/**
 * An IRI record as delivered over X2: its task, a per-XID sequence number (consecutive from the
 * task's `sequenceStart`, never repeated or skipped, across restarts and cohort imports), what the
 * target did and when. ETSI TS 103 221-2 numbers X2 PDUs per context the same way and has no
 * signal for a reset, so a receiver reads a repeated or skipped number as loss.
 */
export const IriRecordSchema = z
  .object({
    xid: z.string(),
    sequence: z.number().int().min(1),
    recordType: z.string(),
    eventType: z.string(),
    at: InstantSchema,
  })
  .loose();

/** One queued IRI record and its X2 delivery status. */
export const LiDeliverySchema = z.object({
  seq: z.number().int(),
  xid: z.string(),
  status: z.enum(["pending", "delivered"]),
  attempts: z.number().int(),
  createdAt: InstantSchema,
  deliveredAt: InstantSchema.nullable(),
  record: IriRecordSchema,
});

/** GET /v1/li/deliveries. */
export const LiDeliveryListSchema = listOf(LiDeliverySchema);

/** POST /v1/li/delivery-config: the X2 endpoint to deliver to. */
export const LiDeliveryConfigRequestSchema = z.object({ url: z.url() });
/** GET (and the answer to POST) /v1/li/delivery-config: the X2 endpoint, or null when none is set. */
export const LiDeliveryConfigSchema = z.object({ url: z.url().nullable() });

export type LiTaskRequest = z.input<typeof LiTaskRequestSchema>;
export type LiTask = z.output<typeof LiTaskSchema>;
export type LiDelivery = z.output<typeof LiDeliverySchema>;
export type IriRecord = z.output<typeof IriRecordSchema>;
