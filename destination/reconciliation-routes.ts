/**
 * Reconciliation routes of the reference destination: range checksums over the canonical
 * reconciliation row and the streamed (NDJSON) state export of a key range, both scoped by an
 * optional key prefix. Rows are the subscriber records, one per legacy id (the newest record when
 * a legacy id was activated again); the bucket of each key is indexed (`recon_keys`), the row hash
 * is computed from the current state on each request.
 *
 * Defects: `silent-drift` posts every top-up one minor unit short in the account ledger these
 * routes read (the subscriber API keeps answering the full balance); `slow-reconciliation` scans
 * the subscribers row by row at 50 ms a row of the requested range.
 */
import {
  type BucketRange,
  keyBucket,
  type RangeChecksum,
  type ReconciliationRow,
  rangeProblem,
  rowHash,
  segmentChecksums,
} from "../domain/index.ts";
import type { DestinationContext } from "./context.ts";
import { MAX_CHECKSUM_SEGMENTS } from "./contract/reconciliation-contract.ts";
import { ApiError, type Route, type RouteRequest } from "./http-router.ts";
import type { SubscriberRow } from "./subscriber-store.ts";

/** Milliseconds per row of the range under `slow-reconciliation`. */
export const SLOW_RECONCILIATION_MS_PER_ROW = 50;

function parseRange(query: URLSearchParams): { range: BucketRange; prefix: string } {
  const from = Number(query.get("from") ?? "0");
  const to = Number(query.get("to") ?? String(2 ** 32));
  const problem = rangeProblem(from, to);
  if (problem) throw new ApiError(400, "invalid_request", `"from"/"to": ${problem}.`);
  return { range: { from, to }, prefix: query.get("prefix") ?? "" };
}

/**
 * Buckets of the legacy ids, kept in `recon_keys` (indexed): filled for every id not there yet, so
 * a data directory written before 2.1 is indexed on its first reconciliation request.
 */
function indexKeys(ctx: DestinationContext): void {
  const from = indexedUpTo.get(ctx.store) ?? 0;
  const fresh = ctx.store
    .sql("SELECT seq, external_id AS id FROM subscribers WHERE seq > ? ORDER BY seq")
    .all(from) as Array<{ seq: number; id: string }>;
  if (fresh.length === 0) return;
  const insert = ctx.store.sql("INSERT OR IGNORE INTO recon_keys (external_id, bucket) VALUES (?, ?)");
  ctx.store.transaction(() => {
    for (const { id } of fresh) insert.run(id, keyBucket(id));
  });
  indexedUpTo.set(ctx.store, (fresh.at(-1) as { seq: number }).seq);
}

/** Subscriber rows already in `recon_keys`, by store (rows are never deleted). */
const indexedUpTo = new WeakMap<object, number>();

/** The reconciliation rows of a bucket range whose key starts with `prefix`. */
function rowsOf(
  ctx: DestinationContext,
  prefix: string,
  range: BucketRange,
): Array<{ row: ReconciliationRow; bucket: number }> {
  indexKeys(ctx);
  const records = ctx.store
    .sql(
      `SELECT s.*, k.bucket AS recon_bucket FROM recon_keys k JOIN subscribers s ON s.external_id = k.external_id
       WHERE k.bucket >= ? AND k.bucket < ? AND substr(k.external_id, 1, ?) = ? ORDER BY s.seq`,
    )
    .all(range.from, range.to, prefix.length, prefix) as unknown as Array<
    SubscriberRow & { recon_bucket: number }
  >;
  const shortfall = ctx.defects.has("silent-drift") ? topUpCounts(ctx) : undefined;
  // One row per legacy id: the newest record when a legacy id was activated again.
  const byKey = new Map<string, { row: ReconciliationRow; bucket: number }>();
  for (const r of records) {
    byKey.set(r.external_id, {
      bucket: r.recon_bucket,
      row: {
        key: r.external_id,
        msisdn: r.msisdn,
        imsi: r.imsi,
        iccid: r.iccid,
        planId: r.plan_id,
        paymentType: r.payment_type,
        status: r.status,
        balanceMinor: r.balance_minor - (shortfall?.get(r.id) ?? 0),
        currency: r.currency,
        anchorDay: r.anchor_day,
        timezone: r.timezone,
        addOns: JSON.parse(r.add_ons) as string[],
      },
    });
  }
  return [...byKey.values()];
}

/** Top-ups per subscriber (the `silent-drift` ledger posts each one minor unit short). */
function topUpCounts(ctx: DestinationContext): Map<string, number> {
  const rows = ctx.store
    .sql("SELECT subscriber_id AS id, COUNT(*) AS n FROM events WHERE type = 'top_up' GROUP BY subscriber_id")
    .all() as Array<{ id: string; n: number }>;
  return new Map(rows.map((r) => [r.id, r.n]));
}

async function slowScan(ctx: DestinationContext, rows: number): Promise<void> {
  if (!ctx.defects.has("slow-reconciliation") || rows === 0) return;
  await new Promise((resolve) => setTimeout(resolve, rows * SLOW_RECONCILIATION_MS_PER_ROW));
}

/** The routes of range checksums and the state export. */
export function reconciliationRoutes(ctx: DestinationContext): Route[] {
  return [
    {
      method: "GET",
      pattern: "/v1/reconciliation/checksums",
      access: "bss",
      async handle({ query }: RouteRequest) {
        const { range, prefix } = parseRange(query);
        const segments = Number(query.get("segments") ?? "1");
        if (!Number.isInteger(segments) || segments < 1 || segments > MAX_CHECKSUM_SEGMENTS) {
          throw new ApiError(
            400,
            "invalid_request",
            `"segments": expected an integer from 1 to ${MAX_CHECKSUM_SEGMENTS}.`,
          );
        }
        const rows = rowsOf(ctx, prefix, range);
        await slowScan(ctx, rows.length);
        const items: RangeChecksum[] = segmentChecksums(
          rows.map((r) => ({ bucket: r.bucket, hash: rowHash(r.row) })),
          range,
          segments,
        );
        return { status: 200, body: { items } };
      },
    },
    {
      method: "GET",
      pattern: "/v1/reconciliation/rows",
      access: "bss",
      handle({ query }: RouteRequest) {
        const { range, prefix } = parseRange(query);
        const rows = rowsOf(ctx, prefix, range).sort(
          (a, b) => a.bucket - b.bucket || (a.row.key < b.row.key ? -1 : 1),
        );
        const text = rows.map((r) => JSON.stringify(r.row)).join("\n");
        return {
          status: 200,
          body: null,
          raw: { contentType: "application/x-ndjson", text: text.length > 0 ? `${text}\n` : "" },
        };
      },
    },
  ];
}
