/**
 * Idempotency keys: a retried or duplicated write carries the same `Idempotency-Key` and must take
 * effect once. The first answer is stored with a fingerprint of the request (method, path, body);
 * a replay gets the stored status and body back, a different request under the same key gets 409.
 */
import { createHash } from "node:crypto";
import type { Store } from "./database.ts";
import { ApiError, type Reply } from "./http-router.ts";

/** The fingerprint of a write: same method, path and body bytes → same fingerprint. */
export function requestFingerprint(method: string, path: string, rawBody: string): string {
  return createHash("sha256")
    .update(method)
    .update("\n")
    .update(path)
    .update("\n")
    .update(rawBody)
    .digest("hex");
}

/** The stored reply for a key, or undefined; throws 409 when the key was used for another request. */
export function storedReply(store: Store, key: string, fingerprint: string): Reply | undefined {
  const row = store.sql("SELECT fingerprint, status, body FROM idempotency WHERE key = ?").get(key) as
    | { fingerprint: string; status: number; body: string }
    | undefined;
  if (!row) return undefined;
  if (row.fingerprint !== fingerprint) {
    throw new ApiError(
      409,
      "idempotency_key_reused",
      `Idempotency-Key "${key}" was already used for a different request; use a new key for a new request.`,
    );
  }
  return { status: row.status, body: JSON.parse(row.body) };
}

/** Stores the reply given to a keyed write (call inside the write's transaction). */
export function saveReply(store: Store, key: string, fingerprint: string, reply: Reply): void {
  store
    .sql("INSERT OR IGNORE INTO idempotency (key, fingerprint, status, body) VALUES (?, ?, ?, ?)")
    .run(key, fingerprint, reply.status, JSON.stringify(reply.body));
}
