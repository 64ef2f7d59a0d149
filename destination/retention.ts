/**
 * Data retention: operators must keep communications data (usage records, provisioning events)
 * for a fixed window — at most 12 months in the UK, 18 months of toll records in the US — answer
 * queries over it by MSISDN or IMSI and a time range, and purge what is older. The window is an
 * ISO 8601 period in calendar arithmetic (UTC); a purge may give one per country (the country of
 * a record is its MSISDN's calling code), the rest falls back to the destination's own window.
 */
import { Temporal } from "temporal-polyfill";
import { COUNTRY_PROFILES } from "../domain/index.ts";
import type { DestinationContext } from "./context.ts";
import { RetentionPurgeRequestSchema } from "./contract/retention-contract.ts";
import { ApiError, parseBody, type Route } from "./http-router.ts";
import { isoFromMs, msFromIso } from "./subscriber-store.ts";

/**
 * The instant before which records are purged: `now − window` in calendar arithmetic, or with
 * every month counted as 30 days under `retention-purges-early`.
 */
export function retentionCutoff(
  now: Temporal.Instant,
  window: string | number,
  thirtyDayMonths: boolean,
): Temporal.Instant {
  const duration = Temporal.Duration.from(typeof window === "number" ? `P${window}M` : window);
  if (thirtyDayMonths) {
    const days = (duration.years * 12 + duration.months) * 30 + duration.weeks * 7 + duration.days;
    return now.subtract({ hours: 24 * days });
  }
  return now.toZonedDateTimeISO("UTC").subtract(duration).toInstant();
}

const DAY_MS = 86_400_000;

interface UsageRow {
  record_id: string;
  charging_id: string;
  subscriber_id: string;
  msisdn: string;
  imsi: string;
  imei: string | null;
  called_number: string | null;
  service: string;
  start_ms: number;
  quantity: number;
  cell: string | null;
}

function query(ctx: DestinationContext, params: URLSearchParams) {
  const msisdn = params.get("msisdn");
  const imsi = params.get("imsi");
  if ((msisdn ? 1 : 0) + (imsi ? 1 : 0) !== 1) {
    throw new ApiError(400, "invalid_request", "give exactly one of ?msisdn= or ?imsi=, with from= and to=.");
  }
  const from = params.get("from");
  const to = params.get("to");
  if (!from || !to)
    throw new ApiError(400, "invalid_request", "give the time range as ?from=…&to=… (ISO instants).");
  const fromMs = msFromIso(from);
  const toMs = msFromIso(to);
  // `retention-range-inclusive`: the end of the range is taken as inclusive.
  const end = ctx.defects.has("retention-range-inclusive") ? "<=" : "<";
  const column = msisdn ? "msisdn" : "imsi";
  const value = (msisdn ?? imsi) as string;
  let usage = ctx.store
    .sql(
      `SELECT u.record_id, u.charging_id, u.subscriber_id, u.msisdn, u.imsi, u.imei, u.called_number, u.service,
         u.start_ms, u.quantity, u.cell, s.migrated_ms FROM usage_records u JOIN subscribers s ON s.id = u.subscriber_id
       WHERE u.${column} = ? AND u.start_ms >= ? AND u.start_ms ${end} ? AND u.synthetic = 0 ORDER BY u.start_ms, u.seq`,
    )
    .all(value, fromMs, toMs) as unknown as (UsageRow & { migrated_ms: number | null })[];
  // `retention-gap-at-cutover`: the migration day's partition is left to legacy, so an imported
  // line's usage between the cutover and the next midnight (UTC) is retained by neither side.
  if (ctx.defects.has("retention-gap-at-cutover")) {
    usage = usage.filter(
      (u) =>
        u.migrated_ms === null ||
        u.start_ms < u.migrated_ms ||
        u.start_ms >= (Math.floor(u.migrated_ms / DAY_MS) + 1) * DAY_MS,
    );
  }
  const events = ctx.store
    .sql(
      `SELECT subscriber_id, type, at_ms, msisdn, imsi FROM events
       WHERE ${column} = ? AND at_ms >= ? AND at_ms ${end} ? ORDER BY at_ms, seq`,
    )
    .all(value, fromMs, toMs) as {
    subscriber_id: string;
    type: string;
    at_ms: number;
    msisdn: string;
    imsi: string;
  }[];
  const dropsLocation = ctx.defects.has("retention-drops-location");
  return {
    usage: usage.map((u) => ({
      recordId: u.record_id,
      chargingId: u.charging_id,
      subscriberId: u.subscriber_id,
      msisdn: u.msisdn,
      imsi: u.imsi,
      imei: u.imei,
      calledNumber: u.called_number,
      service: u.service,
      start: isoFromMs(u.start_ms),
      quantity: u.quantity,
      cell: dropsLocation ? null : u.cell,
    })),
    events: events.map((e) => ({
      subscriberId: e.subscriber_id,
      type: e.type,
      at: isoFromMs(e.at_ms),
      msisdn: e.msisdn,
      imsi: e.imsi,
    })),
  };
}

/** The E.164 prefix of a country code (`GB` → `+44`). */
function prefixOf(country: string): string {
  const profile = COUNTRY_PROFILES[country];
  if (!profile)
    throw new ApiError(422, "unknown_country", `no numbering plan known for country "${country}".`);
  return `+${profile.callingCode}`;
}

function purge(ctx: DestinationContext, body: unknown) {
  const request = parseBody(RetentionPurgeRequestSchema, body ?? {});
  const now = ctx.clock.now();
  const early = ctx.defects.has("retention-purges-early");
  // `retention-purge-by-receipt`: usage is purged by when it arrived, not when it happened.
  const usageColumn = ctx.defects.has("retention-purge-by-receipt") ? "received_ms" : "start_ms";
  const windows = (request.windows ?? []).map((w) => ({
    country: w.country,
    window: w.window,
    prefix: prefixOf(w.country),
    cutoff: retentionCutoff(now, w.window, early),
  }));
  const fallback = retentionCutoff(now, ctx.retentionMonths, early);
  const like = "msisdn LIKE ? || '%'";
  return ctx.store.transaction(() => {
    const perCountry = windows.map((w) => {
      const ms = w.cutoff.epochMilliseconds;
      const usage = ctx.store
        .sql(`DELETE FROM usage_records WHERE ${like} AND ${usageColumn} < ?`)
        .run(w.prefix, ms).changes;
      const events = ctx.store
        .sql(`DELETE FROM events WHERE ${like} AND at_ms < ?`)
        .run(w.prefix, ms).changes;
      return {
        country: w.country,
        window: w.window,
        cutoff: w.cutoff.toString(),
        purged: { usageRecords: Number(usage), events: Number(events) },
      };
    });
    const others = windows.map(() => `NOT (${like})`).join(" AND ");
    const rest = others.length > 0 ? ` AND ${others}` : "";
    const prefixes = windows.map((w) => w.prefix);
    const cutoffMs = fallback.epochMilliseconds;
    const usage = ctx.store
      .sql(`DELETE FROM usage_records WHERE ${usageColumn} < ?${rest}`)
      .run(cutoffMs, ...prefixes).changes;
    const events = ctx.store
      .sql(`DELETE FROM events WHERE at_ms < ?${rest}`)
      .run(cutoffMs, ...prefixes).changes;
    const total = (key: "usageRecords" | "events", own: number) =>
      perCountry.reduce((sum, c) => sum + c.purged[key], own);
    return {
      status: 200,
      body: {
        cutoff: fallback.toString(),
        retentionMonths: ctx.retentionMonths,
        windows: perCountry,
        purged: {
          usageRecords: total("usageRecords", Number(usage)),
          events: total("events", Number(events)),
        },
      },
    };
  });
}

/** Retention queries and purge. */
export function retentionRoutes(ctx: DestinationContext): Route[] {
  return [
    {
      method: "GET",
      pattern: "/v1/retention/records",
      access: "bss",
      handle: ({ query: params }) => ({ status: 200, body: query(ctx, params) }),
    },
    {
      method: "POST",
      pattern: "/v1/retention/purge",
      access: "bss",
      handle: ({ body }) => purge(ctx, body),
    },
  ];
}
