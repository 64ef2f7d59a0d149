/**
 * Mediation: CDR ingest in batches. A *CDR* (call detail record) is the network's record of one
 * usage event; its *charging ID* names the session it belongs to across network elements. A long
 * session is cut into *partial CDRs* (sequence 1, 2, … with `final: true` on the last), which
 * mediation must correlate back into one session. Every record is answered individually: accepted,
 * or rejected with a reason — never silently dropped. Duplicates (same charging ID + record ID, or
 * same charging ID + partial sequence) are rejected, not rated twice.
 */
import type { DestinationContext } from "./context.ts";
import {
  CdrBatchEnvelopeSchema,
  type CdrBatchResult,
  CdrRecordSchema,
  type CdrRejectReason,
} from "./contract/mediation-contract.ts";
import { parseBody, type Route } from "./http-router.ts";
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
  if (quantity === undefined) {
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
  if (startMs < (subscriber.migrated_ms ?? subscriber.activated_ms)) {
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
  let rated = ratedQuantity(cdr.service, quantity);
  let extraSessionTotal: number | undefined;
  if (cdr.partial) {
    const session = ctx.store.sql("SELECT * FROM cdr_sessions WHERE charging_id = ?").get(cdr.chargingId) as
      | SessionRow
      | undefined;
    const parts = session ? (JSON.parse(session.parts) as number[]) : [];
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
    if (session?.closed === 1) {
      return reject(
        index,
        cdr.recordId,
        "partial_after_final",
        "the session's final partial record was already ingested.",
      );
    }
    const total = (session?.total ?? 0) + quantity;
    // Partials are counted raw; the final one adds the session's rounding up to the rating increment.
    rated = cdr.partial.final ? quantity + (ratedQuantity(cdr.service, total) - total) : quantity;
    if (cdr.partial.final && ctx.defects.has("partial-cdr-double-count"))
      extraSessionTotal = ratedQuantity(cdr.service, total);
    const nextParts = JSON.stringify([...parts, cdr.partial.sequence]);
    ctx.store
      .sql(
        `INSERT INTO cdr_sessions (charging_id, subscriber_id, service, parts, total, closed) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(charging_id) DO UPDATE SET parts = excluded.parts, total = excluded.total, closed = excluded.closed`,
      )
      .run(cdr.chargingId, subscriber.id, cdr.service, nextParts, total, cdr.partial.final ? 1 : 0);
  }
  const insert = ctx.store.sql(
    `INSERT INTO usage_records (record_id, charging_id, subscriber_id, msisdn, imsi, service, start_ms, quantity,
      rated_quantity, partial_sequence, partial_final, roaming, cell, received_ms, synthetic, called_number, imei)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  insert.run(
    cdr.recordId,
    cdr.chargingId,
    subscriber.id,
    cdr.msisdn,
    cdr.imsi,
    cdr.service,
    startMs,
    quantity,
    rated,
    cdr.partial?.sequence ?? null,
    cdr.partial ? (cdr.partial.final ? 1 : 0) : null,
    cdr.roaming ? 1 : 0,
    cdr.cell ?? null,
    receivedMs,
    0,
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
    detail: { chargingId: cdr.chargingId, quantity, start: isoFromMs(startMs) },
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
        const { records } = parseBody(CdrBatchEnvelopeSchema, body);
        const queuedBefore = lastIriSeq(ctx);
        const reply = ctx.store.transaction(() => {
          const receivedMs = ctx.clock.now().epochMilliseconds;
          const results = records.map((raw, i) => ingestRecord(ctx, raw, i, receivedMs));
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
  ];
}
