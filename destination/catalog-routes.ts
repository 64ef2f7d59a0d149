/**
 * GET /v1/catalog: the plans this destination sells (by default every country profile's plans —
 * GB in GBP, DE in EUR, US in USD — or the operator's own catalog file). Activation, plan change,
 * cohort import and invoicing all read the same catalog, so what is published is what is accepted.
 */
import type { DestinationContext } from "./context.ts";
import type { Route } from "./http-router.ts";

/** The catalog route (BSS credential). */
export function catalogRoutes(ctx: DestinationContext): Route[] {
  const body = { items: ctx.catalog };
  return [{ method: "GET", pattern: "/v1/catalog", access: "bss", handle: () => ({ status: 200, body }) }];
}
