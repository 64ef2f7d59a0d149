/**
 * Helpers for suites that set a destination up before they judge it (imports, activations, clock
 * moves, billing runs): a 5xx answer is not stored under its Idempotency-Key and applies nothing
 * (the contract), so such a call is retried a few times before the suite gives up; and a bounded
 * pool for calls that may run side by side.
 */
import { TrancheError } from "../domain/index.ts";

const ATTEMPTS = 6;

/** Runs `call`, retrying while it fails with a 5xx answer; the last failure is thrown. */
export async function retryUnavailable<T>(call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const unavailable =
        error instanceof TrancheError && error.code === "E_TARGET" && /HTTP 5\d\d/.test(error.message);
      if (!unavailable || attempt >= ATTEMPTS || signal?.aborted) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25 * attempt));
    }
  }
}

/** Runs `apply` (a provisioning write answering a status) again while it answers 5xx or nothing. */
export async function applyUntilAnswered<T extends { readonly status: number }>(
  apply: () => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const answer = await apply();
    if ((answer.status < 500 && answer.status !== 0) || attempt >= ATTEMPTS || signal?.aborted) return answer;
    await new Promise((resolve) => setTimeout(resolve, 25 * attempt));
  }
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function forEachLimit<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}
