/**
 * X2 delivery: pushes queued IRI records (see li-tasks.ts) to the configured LI delivery endpoint
 * in batches, in queue order. A record stays `pending` until the endpoint answers 2xx; failures are
 * retried with backoff, so an unreachable collector delays delivery but never loses a record.
 * Record contents are never logged: they carry target identifiers.
 */
import type { ClockSource } from "./clock.ts";
import type { Store } from "./database.ts";
import { X2_URL_META } from "./li-tasks.ts";

export interface X2Delivery {
  /** Schedules a drain of the pending queue soon (idempotent). */
  kick(): void;
  /** Stops retries and waits for the drain in progress. */
  close(): Promise<void>;
}

const BATCH = 200;
const RETRY_MS = [200, 500, 1000, 2000, 5000];

/** Starts the delivery worker over the store's `li_deliveries` queue. */
export function createX2Delivery(
  store: Store,
  clock: ClockSource,
  fetchImpl: typeof fetch = fetch,
  /** `x2-no-retry`: a batch the endpoint refused is marked delivered and never sent again. */
  dropFailed = false,
): X2Delivery {
  let scheduled = false;
  let closed = false;
  let running: Promise<void> | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let failures = 0;

  async function drain(): Promise<void> {
    while (!closed) {
      const url = store.getMeta(X2_URL_META);
      if (!url) return;
      const rows = store
        .sql("SELECT seq, record FROM li_deliveries WHERE status = 'pending' ORDER BY seq LIMIT ?")
        .all(BATCH) as { seq: number; record: string }[];
      if (rows.length === 0) return;
      const payload = `{"records":[${rows.map((r) => r.record).join(",")}]}`;
      let ok = false;
      try {
        const response = await fetchImpl(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: payload,
          signal: AbortSignal.timeout(5000),
        });
        await response.arrayBuffer();
        ok = response.ok;
      } catch {
        ok = false;
      }
      if (closed && !store.db.isOpen) return;
      const seqs = rows.map((r) => r.seq);
      const placeholders = seqs.map(() => "?").join(",");
      if (ok || dropFailed) {
        store
          .sql(
            `UPDATE li_deliveries SET status = 'delivered', attempts = attempts + 1, delivered_ms = ? WHERE seq IN (${placeholders})`,
          )
          .run(clock.now().epochMilliseconds, ...seqs);
        failures = 0;
      } else {
        store
          .sql(`UPDATE li_deliveries SET attempts = attempts + 1 WHERE seq IN (${placeholders})`)
          .run(...seqs);
        const wait = RETRY_MS[Math.min(failures, RETRY_MS.length - 1)] as number;
        failures += 1;
        retryTimer = setTimeout(kick, wait);
        retryTimer.unref();
        return;
      }
    }
  }

  function kick(): void {
    if (scheduled || closed) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      if (running || closed) {
        if (running && !closed) running.then(() => kick());
        return;
      }
      running = drain().finally(() => {
        running = undefined;
      });
    });
  }

  return {
    kick,
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      await running;
    },
  };
}
