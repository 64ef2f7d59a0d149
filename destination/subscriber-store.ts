/**
 * Subscriber rows of the reference destination: reading, inserting, updating, the public state
 * JSON of the contract, and the per-subscriber event log (used by retention queries and LI).
 */
import type { DestinationContext } from "./context.ts";
import type { DestinationSubscriberState } from "./contract/subscriber-contract.ts";
import { ApiError } from "./http-router.ts";

export interface SubscriberRow {
  seq: number;
  id: string;
  external_id: string;
  msisdn: string;
  imsi: string;
  iccid: string;
  plan_id: string;
  payment_type: string;
  status: string;
  balance_minor: number;
  currency: string;
  anchor_day: number;
  timezone: string;
  activated_ms: number;
  add_ons: string;
  kyc: string;
  kyc_status: string;
  ported_in: number;
  donor: string | null;
  ported_ms: number | null;
  plan_changed_ms: number;
  status_changed_ms: number;
  terminated_ms: number | null;
  cohort_id: string | null;
  migrated_ms: number | null;
  legacy_period_start_ms: number | null;
  legacy_usage: string | null;
  credit_minor: number;
  /** Legacy's declared rounding of its share of the split period (imports only). */
  legacy_rounding: string | null;
  /** Why the line is barred from service (`kyc_required`), or null; set after insert (kyc.ts). */
  barred_reason?: string | null;
  barred_ms?: number | null;
}

/**
 * Renders epoch milliseconds as an ISO instant in UTC ("2026-03-01T10:00:00Z", milliseconds only
 * when non-zero). Date is used as a pure formatter here, never as a clock: it is several times
 * faster than Temporal on the write path.
 */
export function isoFromMs(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : iso;
}

/** Parses an ISO instant (already shape-checked by the body schema) into epoch milliseconds. */
export function msFromIso(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) {
    throw new ApiError(400, "invalid_request", `"${iso}" is not an ISO 8601 instant with an offset.`);
  }
  return ms;
}

type State = DestinationSubscriberState;

/** Maps a row to the contract's subscriber state (the columns hold only values the contract allows). */
export function subscriberState(row: SubscriberRow): State {
  return {
    id: row.id,
    externalId: row.external_id,
    msisdn: row.msisdn,
    imsi: row.imsi,
    iccid: row.iccid,
    planId: row.plan_id,
    paymentType: row.payment_type as State["paymentType"],
    status: row.status as State["status"],
    balanceMinor: row.balance_minor,
    currency: row.currency,
    anchorDay: row.anchor_day,
    timezone: row.timezone,
    activatedAt: isoFromMs(row.activated_ms),
    addOns: JSON.parse(row.add_ons) as string[],
    kycStatus: row.kyc_status as State["kycStatus"],
    portedIn: row.ported_in === 1,
    cohortId: row.cohort_id,
    migratedAt: row.migrated_ms === null ? null : isoFromMs(row.migrated_ms),
    barring:
      row.barred_reason === null || row.barred_reason === undefined
        ? null
        : {
            reason: row.barred_reason as "kyc_required",
            since: isoFromMs(row.barred_ms ?? row.activated_ms),
          },
  };
}

/** Reads one subscriber row, or undefined. */
export function findSubscriber(ctx: DestinationContext, id: string): SubscriberRow | undefined {
  return ctx.store.sql("SELECT * FROM subscribers WHERE id = ?").get(id) as SubscriberRow | undefined;
}

/** Reads one subscriber row or throws 404 `subscriber_not_found`. */
export function requireSubscriber(ctx: DestinationContext, id: string): SubscriberRow {
  const row = findSubscriber(ctx, id);
  if (!row) throw new ApiError(404, "subscriber_not_found", `no subscriber with id "${id}".`);
  return row;
}

/** Subscribers with this external (legacy) id, oldest first. */
export function subscribersByExternalId(ctx: DestinationContext, externalId: string): SubscriberRow[] {
  return ctx.store
    .sql("SELECT * FROM subscribers WHERE external_id = ? ORDER BY seq")
    .all(externalId) as unknown as SubscriberRow[];
}

/** The live (non-terminated) subscriber holding an MSISDN, if any. */
export function liveSubscriberByMsisdn(ctx: DestinationContext, msisdn: string): SubscriberRow | undefined {
  return ctx.store
    .sql("SELECT * FROM subscribers WHERE msisdn = ? AND status != 'terminated' LIMIT 1")
    .get(msisdn) as SubscriberRow | undefined;
}

export type NewSubscriber = Omit<SubscriberRow, "seq" | "id">;

/** Inserts a subscriber, assigning the destination's own id (S0000001, …). */
export function insertSubscriber(ctx: DestinationContext, row: NewSubscriber): SubscriberRow {
  const next =
    ((ctx.store.sql("SELECT COALESCE(MAX(seq), 0) AS n FROM subscribers").get() as { n: number }).n ?? 0) + 1;
  const id = `S${String(next).padStart(7, "0")}`;
  ctx.store
    .sql(
      `INSERT INTO subscribers (seq, id, external_id, msisdn, imsi, iccid, plan_id, payment_type, status,
        balance_minor, currency, anchor_day, timezone, activated_ms, add_ons, kyc, kyc_status, ported_in, donor,
        ported_ms, plan_changed_ms, status_changed_ms, terminated_ms, cohort_id, migrated_ms,
        legacy_period_start_ms, legacy_usage, credit_minor, legacy_rounding)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      next,
      id,
      row.external_id,
      row.msisdn,
      row.imsi,
      row.iccid,
      row.plan_id,
      row.payment_type,
      row.status,
      row.balance_minor,
      row.currency,
      row.anchor_day,
      row.timezone,
      row.activated_ms,
      row.add_ons,
      row.kyc,
      row.kyc_status,
      row.ported_in,
      row.donor,
      row.ported_ms,
      row.plan_changed_ms,
      row.status_changed_ms,
      row.terminated_ms,
      row.cohort_id,
      row.migrated_ms,
      row.legacy_period_start_ms,
      row.legacy_usage,
      row.credit_minor,
      row.legacy_rounding,
    );
  ctx.store
    .sql("INSERT INTO plan_history (subscriber_id, plan_id, from_ms) VALUES (?, ?, ?)")
    .run(id, row.plan_id, row.migrated_ms ?? row.activated_ms);
  return { ...row, seq: next, id };
}

type Updatable = Partial<Omit<SubscriberRow, "seq" | "id">>;

/** Updates some columns of a subscriber and returns the new row. */
export function updateSubscriber(
  ctx: DestinationContext,
  row: SubscriberRow,
  changes: Updatable,
): SubscriberRow {
  const keys = Object.keys(changes) as (keyof Updatable)[];
  if (keys.length === 0) return row;
  ctx.replica?.changing(row);
  const assignments = keys.map((k) => `${k} = ?`).join(", ");
  const values = keys.map((k) => changes[k] ?? null);
  ctx.store.sql(`UPDATE subscribers SET ${assignments} WHERE id = ?`).run(...values, row.id);
  return { ...row, ...changes };
}

/** Appends to the subscriber's event log and lets the observer (LI) see the event. */
export function recordEvent(
  ctx: DestinationContext,
  row: SubscriberRow,
  type: string,
  atMs: number,
  detail: Record<string, unknown>,
): void {
  ctx.store
    .sql("INSERT INTO events (subscriber_id, type, at_ms, msisdn, imsi, detail) VALUES (?, ?, ?, ?, ?, ?)")
    .run(row.id, type, atMs, row.msisdn, row.imsi, JSON.stringify(detail));
  ctx.observer.onSubscriberEvent({
    subscriberId: row.id,
    type,
    atMs,
    msisdn: row.msisdn,
    imsi: row.imsi,
    detail,
  });
}
