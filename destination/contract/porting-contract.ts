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

/** POST /v1/porting/clearinghouse: the MNP clearinghouse that schedules ports (contract 2.1). */
export const ClearinghouseConfigRequestSchema = z.object({ url: z.url() });
/** GET (and the answer to POST) /v1/porting/clearinghouse: its URL, or null when ports are scheduled locally. */
export const ClearinghouseConfigSchema = z.object({ url: z.url().nullable() });

/**
 * POST …/switching-codes: the subscriber asked for a UK switching code by SMS — a PAC (to 65075:
 * port the number away) or a STAC (to 75075: end the service without porting) — at `at`.
 */
export const SwitchingCodeRequestSchema = z.object({ type: z.enum(["PAC", "STAC"]), at: AtSchema });

/** The code as sent to the subscriber by SMS, with when it was sent and until when it is valid. */
export const SwitchingCodeSchema = z.object({
  code: z.string().describe("PAC: 3 letters + 6 digits (ABC123456); STAC: 6 digits + 3 letters (123456ABC)."),
  type: z.enum(["PAC", "STAC"]),
  subscriberId: z.string(),
  msisdn: MsisdnSchema,
  requestedAt: InstantSchema,
  sentAt: InstantSchema.describe("When the SMS with the code was sent (test clock)."),
  validUntil: InstantSchema,
});

export type SwitchingCode = z.output<typeof SwitchingCodeSchema>;
