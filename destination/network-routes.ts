/**
 * Network routing of the reference destination: the number-portability cutover takes the routing
 * authority of migrated MSISDNs (each must belong to a live subscriber here), a rollback hands it
 * back, and a routing lookup answers which services this platform terminates for a number it
 * serves — what the host network's routing asks the recipient network after a port.
 *
 * Defects: `cutover-leaves-unroutable` answers every 10th number of a cutover request `routed`
 * without registering it (its calls and messages find no subscriber here); `rollback-keeps-routes`
 * answers every 4th number of a rollback request `released` but keeps serving it.
 */
import type { DestinationContext } from "./context.ts";
import { NetworkChangeRequestSchema, ROUTED_SERVICES } from "./contract/network-contract.ts";
import { ApiError, parseBody, type Route } from "./http-router.ts";
import { isoFromMs, liveSubscriberByMsisdn, msFromIso } from "./subscriber-store.ts";

interface RouteRow {
  msisdn: string;
  subscriber_id: string;
  since_ms: number;
}

/** The cutover, rollback and routing-lookup routes. */
export function networkRoutes(ctx: DestinationContext): Route[] {
  const leavesUnroutable = ctx.defects.has("cutover-leaves-unroutable");
  const keepsRoutes = ctx.defects.has("rollback-keeps-routes");
  return [
    {
      method: "POST",
      pattern: "/v1/network/cutover",
      access: "bss",
      handle({ body }) {
        const b = parseBody(NetworkChangeRequestSchema, body);
        const atMs = msFromIso(b.at);
        return ctx.store.transaction(() => {
          const items = b.msisdns.map((msisdn, i) => {
            const holder = liveSubscriberByMsisdn(ctx, msisdn);
            if (!holder) {
              return {
                msisdn,
                outcome: "rejected" as const,
                reason: "unknown_number",
              };
            }
            if (!(leavesUnroutable && (i + 1) % 10 === 0)) {
              ctx.store
                .sql(
                  "INSERT OR REPLACE INTO network_routes (msisdn, subscriber_id, since_ms) VALUES (?, ?, ?)",
                )
                .run(msisdn, holder.id, atMs);
            }
            return { msisdn, outcome: "routed" as const };
          });
          return { status: 200, body: { items } };
        });
      },
    },
    {
      method: "POST",
      pattern: "/v1/network/rollback",
      access: "bss",
      handle({ body }) {
        const b = parseBody(NetworkChangeRequestSchema, body);
        return ctx.store.transaction(() => {
          const items = b.msisdns.map((msisdn, i) => {
            const known = ctx.store.sql("SELECT msisdn FROM network_routes WHERE msisdn = ?").get(msisdn);
            if (!known) return { msisdn, outcome: "rejected" as const, reason: "not_routed" };
            if (!(keepsRoutes && (i + 1) % 4 === 0)) {
              ctx.store.sql("DELETE FROM network_routes WHERE msisdn = ?").run(msisdn);
            }
            return { msisdn, outcome: "released" as const };
          });
          return { status: 200, body: { items } };
        });
      },
    },
    {
      method: "GET",
      pattern: "/v1/network/routes/:msisdn",
      access: "bss",
      handle({ params }) {
        const msisdn = params.msisdn as string;
        const route = ctx.store.sql("SELECT * FROM network_routes WHERE msisdn = ?").get(msisdn) as
          | RouteRow
          | undefined;
        const holder = route ? liveSubscriberByMsisdn(ctx, msisdn) : undefined;
        if (!route || !holder || holder.id !== route.subscriber_id) {
          throw new ApiError(404, "not_routed", `this platform does not serve ${msisdn}.`);
        }
        return {
          status: 200,
          body: {
            msisdn,
            subscriberId: holder.id,
            // A suspended line is barred: routed here, no service terminated.
            services: holder.status === "active" ? [...ROUTED_SERVICES] : [],
            ivr: true,
            since: isoFromMs(route.since_ms),
          },
        };
      },
    },
  ];
}
