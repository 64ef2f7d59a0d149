/**
 * Idempotency keys: a retried or duplicated write carries the same `Idempotency-Key` and must take
 * effect once. The first answer below 500 is stored with a fingerprint of the request; the same
 * request under the key gets the stored status and body back, a different request gets 409.
 * "The same request" is the same method, path and JSON body *value*: the fingerprint hashes a
 * canonical form of the body (keys sorted at every level, no whitespace), so a client that
 * re-serializes a retry with another key order or spacing is still recognised.
 */
import { createHash } from "node:crypto";
import type { Store } from "./database.ts";
import { ApiError, type Reply } from "./http-router.ts";

/**
 * A key as the client sent it, and the credential it was sent with: each credential (BSS, LI) has
 * its own key space, one for all of its POST endpoints, so the two never see each other's keys.
 */
export interface ScopedKey {
  readonly scope: string;
  readonly key: string;
}

const storageKey = (k: ScopedKey) => `${k.scope}:${k.key}`;

/** A JSON value as canonical text: object keys sorted recursively, no whitespace. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * The fingerprint of a write. `body` is the parsed JSON body (hashed in canonical form), or
 * undefined when the body is empty or not JSON, in which case its bytes are hashed.
 */
export function requestFingerprint(method: string, path: string, rawBody: string, body: unknown): string {
  const content = body === undefined ? `raw:${rawBody}` : `json:${canonicalJson(body)}`;
  return createHash("sha256")
    .update(method)
    .update("\n")
    .update(path)
    .update("\n")
    .update(content)
    .digest("hex");
}

/**
 * The stored reply for a key, or undefined. A different request under the key gets 409
 * `idempotency_key_reused`, unless `checkRequest` is false (the `idempotency-body-unchecked`
 * defect), when it gets the stored answer of the first request.
 */
export function storedReply(
  store: Store,
  key: ScopedKey,
  fingerprint: string,
  checkRequest = true,
): Reply | undefined {
  const row = store
    .sql("SELECT fingerprint, status, body FROM idempotency WHERE key = ?")
    .get(storageKey(key)) as { fingerprint: string; status: number; body: string } | undefined;
  if (!row) return undefined;
  if (row.fingerprint !== fingerprint && checkRequest) {
    throw new ApiError(
      409,
      "idempotency_key_reused",
      `Idempotency-Key "${key.key}" was already used for a different request; use a new key for a new request.`,
    );
  }
  return { status: row.status, body: JSON.parse(row.body) };
}

/** Stores the reply given to a keyed write (call inside the write's transaction). */
export function saveReply(store: Store, key: ScopedKey, fingerprint: string, reply: Reply): void {
  store
    .sql("INSERT OR IGNORE INTO idempotency (key, fingerprint, status, body) VALUES (?, ?, ?, ?)")
    .run(storageKey(key), fingerprint, reply.status, JSON.stringify(reply.body));
}
