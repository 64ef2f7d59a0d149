/**
 * Invoices and billing runs of the reference destination. A billing run closes every billing
 * period that has ended by the test clock's now and stores one invoice per subscriber and period;
 * the current period can be previewed without closing it.
 */
import { Temporal } from "temporal-polyfill";
import {
  type BillingPeriod,
  billingPeriodAt,
  type CurrencyCode,
  findPlan,
  nextPeriod,
  type Plan,
  type RoundingMode,
} from "../domain/index.ts";
import type { DestinationContext } from "./context.ts";
import { ApiError, type Route } from "./http-router.ts";
import {
  computeInvoiceLines,
  type PlanSegment,
  ratedQuantity,
  type UsageTotals,
} from "./invoice-calculator.ts";
import { completeDuePorts } from "./porting.ts";
import { requireSubscriber, type SubscriberRow } from "./subscriber-store.ts";

interface HistoryRow {
  plan_id: string;
  from_ms: number;
}

function localDate(ms: number, timeZone: string): Temporal.PlainDate {
  return Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone).toPlainDate();
}

function maxDate(a: Temporal.PlainDate, b: Temporal.PlainDate): Temporal.PlainDate {
  return Temporal.PlainDate.compare(a, b) >= 0 ? a : b;
}

function minDate(a: Temporal.PlainDate, b: Temporal.PlainDate): Temporal.PlainDate {
  return Temporal.PlainDate.compare(a, b) <= 0 ? a : b;
}

function planOf(ctx: DestinationContext, planId: string): Plan {
  const plan = findPlan(ctx.catalog, planId);
  if (!plan)
    throw new ApiError(500, "internal", `plan "${planId}" of a stored subscriber is not in the catalog.`);
  return plan;
}

/** The instant this platform started serving the subscriber (migration for imports). */
function startMs(row: SubscriberRow): number {
  return row.migrated_ms ?? row.activated_ms;
}

/** The domain rounding mode of legacy's declared rule (`down` rounds toward zero). */
function roundingOf(rule: string | null): RoundingMode {
  if (rule === "half-even") return "half-even";
  if (rule === "down") return "truncate";
  return "half-up";
}

interface SessionRow {
  service: string;
  quantity: number;
  closed: number | null;
  charging_id: string;
}

/**
 * Usage of the sessions that started in `[fromMs, toMs)`: a session is all records of one charging
 * ID and counts once, in the period of its first record's start, however many periods its records
 * cover. A partial session without a final record is closed by the invoice of that period (the
 * contract's closing policy): its parts so far are the session, rounded up once, and a final
 * invoice marks it closed so later parts are refused.
 */
function sessionUsage(
  ctx: DestinationContext,
  row: SubscriberRow,
  fromMs: number,
  toMs: number,
  status: "final" | "preview",
): UsageTotals {
  // session-split-at-period: each record counts in the period of its own start, so a session across
  // a period boundary is rated (and pays its connect fee) in both.
  const sessions = (ctx.defects.has("session-split-at-period")
    ? ctx.store
        .sql(
          `SELECT u.service, u.charging_id, SUM(u.quantity) AS quantity, s.closed AS closed
             FROM usage_records u LEFT JOIN cdr_sessions s ON s.charging_id = u.charging_id
             WHERE u.subscriber_id = ? AND u.start_ms >= ? AND u.start_ms < ? GROUP BY u.charging_id, u.service`,
        )
        .all(row.id, fromMs, toMs)
    : ctx.store
        .sql(
          `SELECT u.service, u.charging_id, SUM(u.quantity) AS quantity, s.closed AS closed,
               MIN(u.start_ms) AS session_start
             FROM usage_records u LEFT JOIN cdr_sessions s ON s.charging_id = u.charging_id
             WHERE u.subscriber_id = ? GROUP BY u.charging_id, u.service HAVING session_start >= ? AND session_start < ?`,
        )
        .all(row.id, fromMs, toMs)) as unknown as SessionRow[];
  const usage: UsageTotals = { voiceSec: 0, voiceCalls: 0, smsCount: 0, dataBytes: 0 };
  for (const s of sessions) {
    const open = s.closed === 0;
    // Rounded once per session, over every part it has (parts may arrive out of order).
    const rated = ratedQuantity(s.service as "voice", s.quantity);
    if (open && status === "final")
      ctx.store.sql("UPDATE cdr_sessions SET closed = 2 WHERE charging_id = ?").run(s.charging_id);
    if (s.service === "voice") {
      usage.voiceSec += rated;
      // A call of 0 s never connected: no connect fee.
      if (s.quantity > 0) usage.voiceCalls += 1;
    } else if (s.service === "sms") usage.smsCount += rated;
    else if (s.service === "data") usage.dataBytes += rated;
  }
  return usage;
}

/** Legacy credit not yet used by the subscriber's earlier invoices. */
function creditLeft(
  ctx: DestinationContext,
  row: SubscriberRow,
  periodStartMs: number,
  first: boolean,
): number {
  if (row.credit_minor <= 0) return 0;
  // credit-remainder-lost: only the first invoice sees the credit; what it could not use is gone.
  if (ctx.defects.has("credit-remainder-lost")) return first ? row.credit_minor : 0;
  const earlier = ctx.store
    .sql("SELECT document FROM invoices WHERE subscriber_id = ? AND period_start_ms < ?")
    .all(row.id, periodStartMs) as { document: string }[];
  let used = 0;
  for (const { document } of earlier) {
    for (const line of (JSON.parse(document) as { lines: { kind: string; amountMinor: number }[] }).lines)
      if (line.kind === "credit") used -= line.amountMinor;
  }
  return Math.max(0, row.credit_minor - used);
}

/** Builds the invoice document of one subscriber and period from the store. */
export function buildInvoice(
  ctx: DestinationContext,
  row: SubscriberRow,
  period: BillingPeriod,
  status: "final" | "preview",
) {
  const tz = row.timezone;
  const periodStartMs = period.start.epochMilliseconds;
  const periodEndMs = period.end.epochMilliseconds;
  const startsInPeriod = startMs(row) >= periodStartMs && startMs(row) < periodEndMs;
  const imported = row.migrated_ms !== null;
  const billFrom =
    imported && startsInPeriod && ctx.defects.has("double-recurring-on-import")
      ? period.start.toPlainDate()
      : maxDate(period.start.toPlainDate(), localDate(startMs(row), tz));
  const billTo =
    row.terminated_ms === null
      ? period.end.toPlainDate()
      : minDate(period.end.toPlainDate(), localDate(row.terminated_ms, tz));
  const history = ctx.store
    .sql("SELECT plan_id, from_ms FROM plan_history WHERE subscriber_id = ? ORDER BY from_ms, seq")
    .all(row.id) as unknown as HistoryRow[];
  const segments: PlanSegment[] = [];
  let usagePlanId = history[0]?.plan_id ?? row.plan_id;
  // The split period: the segment from the cutover is the remainder of legacy's part.
  const split = imported && startsInPeriod && !ctx.defects.has("double-recurring-on-import");
  const legacyRounding = roundingOf(row.legacy_rounding);
  history.forEach((h, i) => {
    if (h.from_ms < periodEndMs) usagePlanId = h.plan_id;
    const next = history[i + 1];
    const from = maxDate(i === 0 ? billFrom : localDate(h.from_ms, tz), billFrom);
    const to = minDate(next ? localDate(next.from_ms, tz) : billTo, billTo);
    if (Temporal.PlainDate.compare(from, to) < 0)
      segments.push({
        plan: planOf(ctx, h.plan_id),
        from,
        to,
        ...(split && i === 0 ? { legacyRounding } : {}),
      });
  });
  const usage = sessionUsage(
    ctx,
    row,
    startsInPeriod ? Number.MIN_SAFE_INTEGER : periodStartMs,
    periodEndMs,
    status,
  );
  const legacyUsage =
    imported && startsInPeriod && row.legacy_usage && !ctx.defects.has("allowance-ignores-legacy-usage")
      ? (JSON.parse(row.legacy_usage) as { voiceSec: number; smsCount: number; dataBytes: number })
      : { voiceSec: 0, smsCount: 0, dataBytes: 0 };
  const oneOffs = ctx.store
    .sql(
      "SELECT description, amount_minor FROM charges WHERE subscriber_id = ? AND at_ms >= ? AND at_ms < ? ORDER BY at_ms, seq",
    )
    .all(row.id, periodStartMs, periodEndMs) as { description: string; amount_minor: number }[];
  const { lines, totalMinor } = computeInvoiceLines({
    period,
    currency: row.currency as CurrencyCode,
    segments,
    usagePlan: planOf(ctx, usagePlanId),
    usage,
    legacyUsage,
    oneOffs: oneOffs.map((o) => ({ description: o.description, amountMinor: o.amount_minor })),
    creditMinor: imported ? creditLeft(ctx, row, periodStartMs, startsInPeriod) : 0,
    rounding: ctx.rounding,
    thirtyDayMonths: ctx.defects.has("proration-30-day"),
    splitOwnShare: ctx.defects.has("split-rounds-own-share"),
  });
  return {
    id: `INV-${row.id}-${period.start.toPlainDate().toString().replaceAll("-", "")}`,
    subscriberId: row.id,
    period: { start: period.start.toInstant().toString(), end: period.end.toInstant().toString() },
    currency: row.currency,
    lines,
    totalMinor,
    status,
  };
}

/** Closes every ended period without an invoice; returns the number of invoices created. */
export function runBilling(ctx: DestinationContext): number {
  completeDuePorts(ctx);
  const now = ctx.clock.now();
  const nowMs = now.epochMilliseconds;
  let created = 0;
  const rows = ctx.store.sql("SELECT * FROM subscribers ORDER BY seq").all() as unknown as SubscriberRow[];
  for (const row of rows) {
    let period = billingPeriodAt(
      Temporal.Instant.fromEpochMilliseconds(startMs(row)),
      row.anchor_day,
      row.timezone,
    );
    while (period.end.epochMilliseconds <= nowMs) {
      if (row.terminated_ms !== null && row.terminated_ms < period.start.epochMilliseconds) break;
      const exists = ctx.store
        .sql("SELECT 1 FROM invoices WHERE subscriber_id = ? AND period_start_ms = ?")
        .get(row.id, period.start.epochMilliseconds);
      if (!exists) {
        const invoice = buildInvoice(ctx, row, period, "final");
        ctx.store
          .sql(
            "INSERT INTO invoices (id, subscriber_id, period_start_ms, document, created_ms) VALUES (?, ?, ?, ?, ?)",
          )
          .run(invoice.id, row.id, period.start.epochMilliseconds, JSON.stringify(invoice), nowMs);
        created += 1;
      }
      period = nextPeriod(period, row.anchor_day, row.timezone);
    }
  }
  return created;
}

/** Billing-run trigger and invoice reads. */
export function billingRoutes(ctx: DestinationContext): Route[] {
  return [
    {
      method: "POST",
      pattern: "/v1/billing-runs",
      access: "bss",
      handle() {
        const created = ctx.store.transaction(() => runBilling(ctx));
        return { status: 200, body: { runAt: ctx.clock.now().toString(), invoicesCreated: created } };
      },
    },
    {
      method: "GET",
      pattern: "/v1/subscribers/:id/invoices",
      access: "bss",
      handle({ params }) {
        const row = requireSubscriber(ctx, params.id as string);
        const docs = ctx.store
          .sql("SELECT document FROM invoices WHERE subscriber_id = ? ORDER BY period_start_ms")
          .all(row.id) as { document: string }[];
        return { status: 200, body: { items: docs.map((d) => JSON.parse(d.document) as unknown) } };
      },
    },
    {
      method: "GET",
      pattern: "/v1/subscribers/:id/invoices/current",
      access: "bss",
      handle({ params }) {
        const row = requireSubscriber(ctx, params.id as string);
        // The open period at the test clock's now, or the first one when the subscriber starts later.
        const nowMs = Math.max(ctx.clock.now().epochMilliseconds, startMs(row));
        const period = billingPeriodAt(
          Temporal.Instant.fromEpochMilliseconds(nowMs),
          row.anchor_day,
          row.timezone,
        );
        return { status: 200, body: buildInvoice(ctx, row, period, "preview") };
      },
    },
  ];
}
