/**
 * The test clock of the destination contract: read simulated time, advance it or set it forward.
 * Moving the clock completes due porting requests; billing runs are triggered separately.
 */
import { Temporal } from "temporal-polyfill";
import type { DestinationContext } from "./context.ts";
import { ClockRequestSchema } from "./contract/clock-contract.ts";
import { ApiError, parseBody, type Route } from "./http-router.ts";
import { completeDuePorts } from "./porting.ts";

/** GET/POST /v1/test/clock. */
export function testClockRoutes(ctx: DestinationContext): Route[] {
  return [
    {
      method: "GET",
      pattern: "/v1/test/clock",
      access: "bss",
      handle: () => ({ status: 200, body: { now: ctx.clock.now().toString() } }),
    },
    {
      method: "POST",
      pattern: "/v1/test/clock",
      access: "bss",
      handle({ body }) {
        const b = parseBody(ClockRequestSchema, body);
        return ctx.store.transaction(() => {
          try {
            if ("set" in b) ctx.clock.set(Temporal.Instant.from(b.set));
            else if ("advanceSeconds" in b) ctx.clock.advance(b.advanceSeconds);
            else ctx.clock.advance(Temporal.Duration.from(b.advance));
          } catch (error) {
            throw new ApiError(422, "invalid_clock_move", (error as Error).message);
          }
          const completed = completeDuePorts(ctx);
          return { status: 200, body: { now: ctx.clock.now().toString(), portsCompleted: completed } };
        });
      },
    },
  ];
}
