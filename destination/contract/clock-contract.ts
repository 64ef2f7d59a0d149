/**
 * The test clock of the destination contract: simulated business time, moved forward only, so a
 * run can bill whole periods and complete porting windows without waiting for them.
 */
import { z } from "zod";
import { InstantSchema } from "../../domain/index.ts";

/** GET /v1/test/clock. */
export const ClockStateSchema = z.object({ now: InstantSchema });

/** POST /v1/test/clock: advance by an ISO 8601 duration or a number of seconds, or set forward. */
export const ClockRequestSchema = z.union([
  z.object({ advance: z.string().min(2).describe("ISO 8601 duration, e.g. P1D or PT4H.") }),
  z.object({ advanceSeconds: z.number().int().nonnegative() }),
  z.object({ set: InstantSchema }),
]);

/** The answer to a clock move: the new now and how many due ports it completed. */
export const ClockMoveResultSchema = ClockStateSchema.extend({ portsCompleted: z.number().int() });

export type ClockRequest = z.input<typeof ClockRequestSchema>;
