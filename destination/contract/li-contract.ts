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

/** One queued IRI record and its X2 delivery status. */
export const LiDeliverySchema = z.object({
  seq: z.number().int(),
  xid: z.string(),
  status: z.enum(["pending", "delivered"]),
  attempts: z.number().int(),
  createdAt: InstantSchema,
  deliveredAt: InstantSchema.nullable(),
  record: z.record(z.string(), z.unknown()),
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
