/**
 * Data retention: operators must keep communications data (usage records, provisioning events)
 * for a fixed window — 12 months in the UK — answer queries over it by MSISDN or IMSI and a time
 * range, and purge what is older. The cutoff is `now − window` in calendar months.
 */
import type { Temporal } from "temporal-polyfill";
import type { DestinationContext } from "./context.ts";
import { ApiError, type Route } from "./http-router.ts";
import { isoFromMs, msFromIso } from "./subscriber-store.ts";

/** The instant before which records are purged (calendar months, or 30-day months under the defect). */
export function retentionCutoff(
  now: Temporal.Instant,
  months: number,
  thirtyDayMonths: boolean,
): Temporal.Instant {
  if (thirtyDayMonths) return now.subtract({ hours: 24 * 30 * months });
  return now.toZonedDateTimeISO("UTC").subtract({ months }).toInstant();
}

/** Retention queries and purge. */
export function retentionRoutes(ctx: DestinationContext): Route[] {
  return [
    {
      method: "GET",
      pattern: "/v1/retention/records",
      access: "bss",
      handle({ query }) {
        const msisdn = query.get("msisdn");
        const imsi = query.get("imsi");
        if ((msisdn ? 1 : 0) + (imsi ? 1 : 0) !== 1) {
          throw new ApiError(
            400,
            "invalid_request",
            "give exactly one of ?msisdn= or ?imsi=, with from= and to=.",
          );
        }
        const from = query.get("from");
        const to = query.get("to");
        if (!from || !to)
          throw new ApiError(400, "invalid_request", "give the time range as ?from=…&to=… (ISO instants).");
        const fromMs = msFromIso(from);
        const toMs = msFromIso(to);
        const column = msisdn ? "msisdn" : "imsi";
        const value = (msisdn ?? imsi) as string;
        const usage = ctx.store
          .sql(
            `SELECT record_id, charging_id, subscriber_id, msisdn, imsi, service, start_ms, quantity FROM usage_records
             WHERE ${column} = ? AND start_ms >= ? AND start_ms < ? AND synthetic = 0 ORDER BY start_ms, seq`,
          )
          .all(value, fromMs, toMs) as {
          record_id: string;
          charging_id: string;
          subscriber_id: string;
          msisdn: string;
          imsi: string;
          service: string;
          start_ms: number;
          quantity: number;
        }[];
        const events = ctx.store
          .sql(
            `SELECT subscriber_id, type, at_ms, msisdn, imsi FROM events
             WHERE ${column} = ? AND at_ms >= ? AND at_ms < ? ORDER BY at_ms, seq`,
          )
          .all(value, fromMs, toMs) as {
          subscriber_id: string;
          type: string;
          at_ms: number;
          msisdn: string;
          imsi: string;
        }[];
        return {
          status: 200,
          body: {
            usage: usage.map((u) => ({
              recordId: u.record_id,
              chargingId: u.charging_id,
              subscriberId: u.subscriber_id,
              msisdn: u.msisdn,
              imsi: u.imsi,
              service: u.service,
              start: isoFromMs(u.start_ms),
              quantity: u.quantity,
            })),
            events: events.map((e) => ({
              subscriberId: e.subscriber_id,
              type: e.type,
              at: isoFromMs(e.at_ms),
              msisdn: e.msisdn,
              imsi: e.imsi,
            })),
          },
        };
      },
    },
    {
      method: "POST",
      pattern: "/v1/retention/purge",
      access: "bss",
      handle() {
        const cutoff = retentionCutoff(
          ctx.clock.now(),
          ctx.retentionMonths,
          ctx.defects.has("retention-purges-early"),
        );
        const cutoffMs = cutoff.epochMilliseconds;
        return ctx.store.transaction(() => {
          const usage = ctx.store.sql("DELETE FROM usage_records WHERE start_ms < ?").run(cutoffMs).changes;
          const events = ctx.store.sql("DELETE FROM events WHERE at_ms < ?").run(cutoffMs).changes;
          return {
            status: 200,
            body: {
              cutoff: cutoff.toString(),
              retentionMonths: ctx.retentionMonths,
              purged: { usageRecords: Number(usage), events: Number(events) },
            },
          };
        });
      },
    },
  ];
}
