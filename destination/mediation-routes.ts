/**
 * Mediation: CDR ingest in batches. A *CDR* (call detail record) is the network's record of one
 * usage event; its *charging ID* names the session it belongs to across network elements. A long
 * session is cut into *partial CDRs* (sequence 1, 2, … with `final: true` on the last), which
 * mediation must correlate back into one session. Every record is answered individually: accepted,
 * or rejected with a reason — never silently dropped. Duplicates (same charging ID + record ID, or
 * same charging ID + partial sequence) are rejected, not rated twice. A partial arriving after the
 * final one is still part of the session when its sequence is below the final's; a session whose
 * final record arrived with sequence numbers missing is listed under `/v1/cdr-sessions/gaps`; a
 * session with no final record is closed by the invoice of its period (billing-routes.ts).
 * Control totals — accepted records, seconds and bytes per UTC day — are kept per batch source.
 */
import type { DestinationContext } from "./context.ts";
import {
  CdrBatchEnvelopeSchema,
  type CdrBatchResult,
  CdrRecordSchema,
  type CdrRejectReason,
  CdrSourceSchema,
} from "./contract/mediation-contract.ts";
import { ApiError, parseBody, type Route } from "./http-router.ts";
import { ratedQuantity } from "./invoice-calculator.ts";
import { isoFromMs, msFromIso, type SubscriberRow } from "./subscriber-store.ts";

type RecordResult = CdrBatchResult["results"][number];

interface SessionRow {
  subscriber_id: string;
  service: string;
  parts: string;
  total: number;
  closed: number;
}

/** The final sequence number of a session, when its final record arrived (kept in `parts` as negative). */
function finalOf(parts: readonly number[]): number | undefined {
  const final = parts.find((p) => p < 0);
  return final === undefined ? undefined : -final;
}

function reject(
  index: number,
  recordId: string | null,
  reason: CdrRejectReason,
  message: string,
): RecordResult {
  return { index, recordId, status: "rejected", reason, message };
}

/** Validates, de-duplicates, correlates and stores one record; returns its result. */
function ingestRecord(
  ctx: DestinationContext,
  raw: unknown,
  index: number,
  receivedMs: number,
  source: string,
): RecordResult {
  const parsed = CdrRecordSchema.safeParse(raw);
  const rawId = (raw as { recordId?: unknown } | null)?.recordId;
  const recordIdGuess = typeof rawId === "string" ? rawId : null;
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return reject(
      index,
      recordIdGuess,
      "malformed",
      `"${issue?.path.join(".") ?? "record"}": ${issue?.message ?? "invalid"}`,
    );
  }
  const cdr = parsed.data;
  const quantity = cdr.service === "voice" ? cdr.durationSec : cdr.service === "data" ? cdr.volumeBytes : 1;
  if (quantity === undefined && !ctx.defects.has("accepts-cdr-without-quantity")) {
    const field = cdr.service === "voice" ? "durationSec" : "volumeBytes";
    return reject(index, cdr.recordId, "missing_quantity", `a ${cdr.service} record needs "${field}".`);
  }
  const startMs = msFromIso(cdr.start);
  const subscriber = ctx.store
    .sql("SELECT * FROM subscribers WHERE msisdn = ? ORDER BY seq DESC LIMIT 1")
    .get(cdr.msisdn) as SubscriberRow | undefined;
  if (!subscriber)
    return reject(index, cdr.recordId, "unknown_subscriber", "no subscriber holds this MSISDN.");
  if (subscriber.imsi !== cdr.imsi)
    return reject(index, cdr.recordId, "imsi_mismatch", "the IMSI is not the subscriber's SIM.");
  // A session in progress at an import's cutover is this platform's to rate: only records before
  // the line's activation are refused (usage-before-cutover-rejected refuses from the cutover).
  const servedFrom = ctx.defects.has("usage-before-cutover-rejected")
    ? (subscriber.migrated_ms ?? subscriber.activated_ms)
    : subscriber.activated_ms;
  if (startMs < servedFrom) {
    return reject(
      index,
      cdr.recordId,
      "before_activation",
      "the record starts before the subscriber is served here.",
    );
  }
  if (subscriber.terminated_ms !== null && startMs >= subscriber.terminated_ms) {
    return reject(
      index,
      cdr.recordId,
      "after_termination",
      "the record starts after the subscriber was terminated.",
    );
  }
  const dedup = !ctx.defects.has("cdr-dedup-off");
  if (
    dedup &&
    ctx.store
      .sql("SELECT 1 FROM usage_records WHERE charging_id = ? AND record_id = ? LIMIT 1")
      .get(cdr.chargingId, cdr.recordId)
  ) {
    return reject(
      index,
      cdr.recordId,
      "duplicate_record",
      "this charging ID + record ID was already ingested.",
    );
  }
  const amount = quantity ?? 0;
  let rated = ratedQuantity(cdr.service, amount);
  let extraSessionTotal: number | undefined;
  if (cdr.partial) {
    const session = ctx.store.sql("SELECT * FROM cdr_sessions WHERE charging_id = ?").get(cdr.chargingId) as
      | SessionRow
      | undefined;
    // Sequence numbers seen; the final one is stored negated.
    const stored = session ? (JSON.parse(session.parts) as number[]) : [];
    const parts = stored.map((p) => Math.abs(p));
    const finalSequence = finalOf(stored);
    if (session && (session.subscriber_id !== subscriber.id || session.service !== cdr.service)) {
      return reject(
        index,
        cdr.recordId,
        "session_mismatch",
        "the charging ID belongs to another subscriber or service.",
      );
    }
    if (dedup && parts.includes(cdr.partial.sequence)) {
      return reject(
        index,
        cdr.recordId,
        "duplicate_partial",
        `partial ${cdr.partial.sequence} of this session was already ingested.`,
      );
    }
    // After the final record only the parts below its sequence belong to the session; a session
    // closed by its period's invoice (closed = 2: no final record came) takes nothing more.
    if (
      session &&
      (session.closed === 2 ||
        (finalSequence !== undefined && (cdr.partial.final || cdr.partial.sequence > finalSequence)))
    ) {
      return reject(
        index,
        cdr.recordId,
        "partial_after_final",
        "the session's final partial record was already ingested.",
      );
    }
    const total = (session?.total ?? 0) + amount;
    // Parts are stored raw; the invoice rounds the session once over all of them (billing-routes.ts).
    rated = amount;
    if (cdr.partial.final && ctx.defects.has("partial-cdr-double-count"))
      extraSessionTotal = ratedQuantity(cdr.service, total);
    const nextParts = JSON.stringify([
      ...stored,
      cdr.partial.final ? -cdr.partial.sequence : cdr.partial.sequence,
    ]);
    ctx.store
      .sql(
        `INSERT INTO cdr_sessions (charging_id, subscriber_id, service, parts, total, closed) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(charging_id) DO UPDATE SET parts = excluded.parts, total = excluded.total, closed = excluded.closed`,
      )
      .run(
        cdr.chargingId,
        subscriber.id,
        cdr.service,
        nextParts,
        total,
        cdr.partial.final || finalSequence !== undefined ? 1 : 0,
      );
  }
  const insert = ctx.store.sql(
    `INSERT INTO usage_records (record_id, charging_id, subscriber_id, msisdn, imsi, service, start_ms, quantity,
      rated_quantity, partial_sequence, partial_final, roaming, cell, received_ms, synthetic, source, called_number, imei)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  insert.run(
    cdr.recordId,
    cdr.chargingId,
    subscriber.id,
    cdr.msisdn,
    cdr.imsi,
    cdr.service,
    startMs,
    amount,
    rated,
    cdr.partial?.sequence ?? null,
    cdr.partial ? (cdr.partial.final ? 1 : 0) : null,
    cdr.roaming ? 1 : 0,
    cdr.cell ?? null,
    receivedMs,
    0,
    source,
    cdr.calledNumber ?? null,
    cdr.imei ?? null,
  );
  if (extraSessionTotal !== undefined) {
    insert.run(
      `${cdr.recordId}#session`,
      cdr.chargingId,
      subscriber.id,
      cdr.msisdn,
      cdr.imsi,
      cdr.service,
      startMs,
      extraSessionTotal,
      extraSessionTotal,
      null,
      null,
      cdr.roaming ? 1 : 0,
      cdr.cell ?? null,
      receivedMs,
      1,
      source,
      cdr.calledNumber ?? null,
      cdr.imei ?? null,
    );
  }
  ctx.observer.onSubscriberEvent({
    subscriberId: subscriber.id,
    type: `usage_${cdr.service}`,
    atMs: startMs,
    msisdn: cdr.msisdn,
    imsi: cdr.imsi,
    detail: { chargingId: cdr.chargingId, quantity: amount, start: isoFromMs(startMs) },
  });
  return { index, recordId: cdr.recordId, status: "accepted" };
}

/** How long a target's CDR batch waits under `li-target-cdr-delay` (a synchronous X2 round trip). */
const LI_SYNC_DELAY_MS = 400;

/** The newest queued IRI record's number (0 when none). */
function lastIriSeq(ctx: DestinationContext): number {
  return (ctx.store.sql("SELECT COALESCE(MAX(seq), 0) AS n FROM li_deliveries").get() as { n: number }).n;
}

/** POST /v1/cdr-batches: per-record accept/reject. */
export function mediationRoutes(ctx: DestinationContext): Route[] {
  return [
    {
      method: "POST",
      pattern: "/v1/cdr-batches",
      access: "bss",
      handle({ body }) {
        const { records, source } = parseBody(CdrBatchEnvelopeSchema, body);
        const queuedBefore = lastIriSeq(ctx);
        const reply = ctx.store.transaction(() => {
          const receivedMs = ctx.clock.now().epochMilliseconds;
          let results = records.map((raw, i) => ingestRecord(ctx, raw, i, receivedMs, source));
          // cdr-result-missing: records of unknown subscribers are dropped without an answer.
          if (ctx.defects.has("cdr-result-missing"))
            results = results.filter((r) => r.reason !== "unknown_subscriber");
          // cdr-reject-without-reason: rejections answer no reason.
          if (ctx.defects.has("cdr-reject-without-reason"))
            results = results.map((r) =>
              r.status === "rejected" ? { index: r.index, recordId: r.recordId, status: r.status } : r,
            );
          const accepted = results.filter((r) => r.status === "accepted").length;
          return { status: 200, body: { accepted, rejected: results.length - accepted, results } };
        });
        // `li-target-cdr-delay`: a batch with a target's record waits for a synchronous X2 push.
        if (ctx.defects.has("li-target-cdr-delay") && lastIriSeq(ctx) > queuedBefore) {
          return new Promise((resolve) => setTimeout(() => resolve(reply), LI_SYNC_DELAY_MS));
        }
        return reply;
      },
    },
    {
      method: "GET",
      pattern: "/v1/cdr-control-totals",
      access: "bss",
      handle({ query }) {
        const source = CdrSourceSchema.safeParse(query.get("source") ?? "default");
        if (!source.success)
          throw new ApiError(400, "invalid_request", `"source": ${source.error.issues[0]?.message}`);
        const rows = ctx.store
          .sql(
            `SELECT start_ms, service, quantity FROM usage_records WHERE source = ? AND synthetic = 0 ORDER BY start_ms`,
          )
          .all(source.data) as { start_ms: number; service: string; quantity: number }[];
        const days = new Map<
          string,
          { date: string; records: number; durationSec: number; volumeBytes: number }
        >();
        for (const r of rows) {
          const date = new Date(r.start_ms).toISOString().slice(0, 10);
          const day = days.get(date) ?? { date, records: 0, durationSec: 0, volumeBytes: 0 };
          day.records += 1;
          if (r.service === "voice") day.durationSec += r.quantity;
          if (r.service === "data") day.volumeBytes += r.quantity;
          days.set(date, day);
        }
        return { status: 200, body: { source: source.data, items: [...days.values()] } };
      },
    },
    {
      method: "GET",
      pattern: "/v1/cdr-sessions/gaps",
      access: "bss",
      handle() {
        if (ctx.defects.has("cdr-gaps-unreported")) return { status: 200, body: { items: [] } };
        const rows = ctx.store
          .sql(
            `SELECT c.charging_id, c.service, c.parts, s.msisdn FROM cdr_sessions c JOIN subscribers s ON s.id = c.subscriber_id
             WHERE c.closed = 1 ORDER BY c.charging_id`,
          )
          .all() as { charging_id: string; service: string; parts: string; msisdn: string }[];
        const items = [];
        for (const r of rows) {
          const stored = JSON.parse(r.parts) as number[];
          const finalSequence = finalOf(stored);
          if (finalSequence === undefined) continue;
          const seen = new Set(stored.map((p) => Math.abs(p)));
          const missing: number[] = [];
          for (let s = 1; s < finalSequence; s++) if (!seen.has(s)) missing.push(s);
          if (missing.length > 0)
            items.push({
              chargingId: r.charging_id,
              msisdn: r.msisdn,
              service: r.service,
              finalSequence,
              missing,
            });
        }
        return { status: 200, body: { items } };
      },
    },
  ];
}
