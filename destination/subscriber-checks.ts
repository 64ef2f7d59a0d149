/**
 * The checks the subscriber lifecycle shares: the plan exists and suits the payment type, the
 * currency is the subscriber's (or the plan's), the time zone is known, the status allows the
 * operation, and a status change is not older than the last one (event-time order, `at`).
 */
import { Temporal } from "temporal-polyfill";
import { findPlan, type Plan, SUBSCRIBER_STATUSES } from "../domain/index.ts";
import type { DestinationContext } from "./context.ts";
import { ApiError } from "./http-router.ts";
import { isoFromMs, type SubscriberRow } from "./subscriber-store.ts";

/** Every status but terminated: a live subscriber holds its MSISDN and IMSI. */
export const LIVE_STATUSES: readonly string[] = SUBSCRIBER_STATUSES.filter((s) => s !== "terminated");

/** Checks that a plan exists and suits the subscriber's payment type (422 otherwise). */
export function requirePlan(ctx: DestinationContext, planId: string, paymentType: string): Plan {
  const plan = findPlan(ctx.catalog, planId);
  if (!plan) {
    throw new ApiError(422, "unknown_plan", `plan "${planId}" is not in the catalog (GET /v1/catalog).`);
  }
  if (plan.paymentType !== paymentType) {
    throw new ApiError(
      422,
      "payment_type_mismatch",
      `plan "${planId}" is ${plan.paymentType}, the subscriber is ${paymentType}.`,
    );
  }
  return plan;
}

/** Checks that money is in the subscriber's currency (422 `currency_mismatch` otherwise). */
export function requireCurrency(row: SubscriberRow, currency: string): void {
  if (row.currency !== currency) {
    throw new ApiError(
      422,
      "currency_mismatch",
      `subscriber ${row.id} is billed in ${row.currency}, not ${currency}.`,
    );
  }
}

const knownTimeZones = new Set<string>();

/** Checks that a time-zone identifier is known (422 otherwise); known ones are remembered. */
export function requireTimeZone(timeZone: string): void {
  if (knownTimeZones.has(timeZone)) return;
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timeZone);
  } catch {
    throw new ApiError(422, "unknown_timezone", `"${timeZone}" is not an IANA time zone.`);
  }
  knownTimeZones.add(timeZone);
}

/** The 409 `invalid_transition` for an operation the subscriber's status does not allow. */
export function invalidTransition(row: SubscriberRow, action: string): ApiError {
  return new ApiError(
    409,
    "invalid_transition",
    `cannot ${action} subscriber ${row.id}: status is ${row.status}.`,
  );
}

/** Checks that the subscriber's current status is one of `allowed` (409 `invalid_transition`). */
export function requireStatus(row: SubscriberRow, allowed: readonly string[], action: string): void {
  if (!allowed.includes(row.status)) throw invalidTransition(row, action);
}

/**
 * Refuses a status change older than the subscriber's last one with 409 `stale_event` (equal
 * instants are not stale); under `reorder-drift` the check is skipped, so arrival order wins.
 */
export function refuseStaleStatusChange(
  ctx: DestinationContext,
  row: SubscriberRow,
  atMs: number,
  action: string,
): void {
  if (atMs < row.status_changed_ms && !ctx.defects.has("reorder-drift")) {
    throw new ApiError(
      409,
      "stale_event",
      `cannot ${action} subscriber ${row.id}: a newer status change (at ${isoFromMs(row.status_changed_ms)}) is already applied.`,
    );
  }
}
