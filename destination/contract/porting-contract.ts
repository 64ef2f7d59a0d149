/**
 * Number portability (MNP) of the destination contract: the port-in and port-out requests, the
 * port request the MNP clearinghouse schedules, and the subscriber state answered with it.
 */
import { z } from "zod";
import {
  InstantSchema,
  MsisdnSchema,
  PortInPayloadSchema,
  PortOutPayloadSchema,
} from "../../domain/index.ts";
import { AtSchema } from "./common-contract.ts";
import { DestinationSubscriberStateSchema } from "./subscriber-contract.ts";

/** POST …/port-in: bring a number in from a donor operator. */
export const PortInRequestSchema = PortInPayloadSchema.extend({ at: AtSchema });
/** POST …/port-out: send the subscriber's number to a recipient operator. */
export const PortOutRequestSchema = PortOutPayloadSchema.extend({ at: AtSchema });

/** A port request; it completes when the test clock reaches `completesAt`. */
export const PortRequestSchema = z.object({
  id: z.string(),
  type: z.enum(["port_in", "port_out"]),
  subscriberId: z.string(),
  msisdn: MsisdnSchema,
  counterparty: z.string(),
  status: z.enum(["pending", "completed"]),
  requestedAt: InstantSchema,
  scheduledAt: InstantSchema,
  completesAt: InstantSchema,
  completedAt: InstantSchema.nullable(),
  clearinghouseRef: z.string(),
});

/** The 202 answer of a port-in or port-out: the subscriber state with its pending port. */
export const PortingStateSchema = DestinationSubscriberStateSchema.extend({ porting: PortRequestSchema });

export type PortRequest = z.output<typeof PortRequestSchema>;
