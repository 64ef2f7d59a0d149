/**
 * Request-rate meter for the load defects (`slow-under-load`, `leaks-5xx-under-load`): counts
 * requests in the last second in ten 100 ms buckets over a monotonic time source. Injecting the
 * time source keeps the penalty arithmetic testable without waiting on a real clock.
 */

export interface LoadMeter {
  /** Counts one request at `nowMs` and returns the requests seen in the last second, this one included. */
  hit(nowMs: number): number;
}

const BUCKET_MS = 100;
const BUCKETS = 10;

/** Creates an empty meter. */
export function createLoadMeter(): LoadMeter {
  const counts = new Array<number>(BUCKETS).fill(0);
  let currentBucket = 0;
  return {
    hit(nowMs) {
      const bucket = Math.floor(nowMs / BUCKET_MS);
      if (bucket !== currentBucket) {
        const gap = Math.min(BUCKETS, Math.max(0, bucket - currentBucket));
        for (let i = 1; i <= gap; i++) counts[(currentBucket + i) % BUCKETS] = 0;
        currentBucket = bucket;
      }
      const slot = bucket % BUCKETS;
      counts[slot] = (counts[slot] ?? 0) + 1;
      let total = 0;
      for (const c of counts) total += c;
      return total;
    },
  };
}

/** Extra latency of `slow-under-load`: `perRpsMs` (default 2) ms per request/s above the threshold, capped at 2 s. */
export function overloadDelayMs(ratePerSec: number, thresholdPerSec: number, perRpsMs = 2): number {
  return ratePerSec <= thresholdPerSec ? 0 : Math.min(2000, perRpsMs * (ratePerSec - thresholdPerSec));
}

/** Extra latency of `slows-over-time`: 50 ms per second since the first request, capped at 3 s (a leak). */
export function leakDelayMs(sinceFirstRequestMs: number): number {
  return Math.min(3000, Math.max(0, Math.floor(sinceFirstRequestMs / 20)));
}

/** Whether `leaks-5xx-under-load` fails this request: every fourth request above the threshold. */
export function overloadFails(ratePerSec: number, thresholdPerSec: number, requestNumber: number): boolean {
  return ratePerSec > thresholdPerSec && requestNumber % 4 === 0;
}
