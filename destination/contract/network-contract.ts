/**
 * Network routing of the destination contract (2.1.0): the number-portability cutover moves the
 * routing authority of migrated MSISDNs to the destination, a rollback hands it back, and the
 * destination answers routing lookups for the numbers it serves (what the host network's routing
 * asks a recipient network: which services it terminates for a number).
 */
import { z } from "zod";
import { InstantSchema, MsisdnSchema } from "../../domain/index.ts";
import { AtSchema } from "./common-contract.ts";

/** Most numbers one cutover or rollback request may carry. */
export const MAX_NETWORK_BATCH = 1000;

export const ROUTED_SERVICES = ["voice", "sms", "data"] as const;

/** POST /v1/network/cutover and /v1/network/rollback. */
export const NetworkChangeRequestSchema = z.object({
  msisdns: z.array(MsisdnSchema).min(1).max(MAX_NETWORK_BATCH),
  at: AtSchema,
});

/** Per number: `routed` / `released`, or `rejected` with a reason (`unknown_number`, `not_routed`). */
export const NetworkChangeResultSchema = z.object({
  items: z.array(
    z.object({
      msisdn: MsisdnSchema,
      outcome: z.enum(["routed", "released", "rejected"]),
      reason: z.string().optional(),
    }),
  ),
});

/** GET /v1/network/routes/{msisdn}: what the destination terminates for a number it serves. */
export const NetworkRouteSchema = z.object({
  msisdn: MsisdnSchema,
  subscriberId: z.string(),
  services: z.array(z.enum(ROUTED_SERVICES)),
  ivr: z.boolean(),
  since: InstantSchema,
});

export type NetworkChangeResult = z.output<typeof NetworkChangeResultSchema>;
export type NetworkRoute = z.output<typeof NetworkRouteSchema>;
