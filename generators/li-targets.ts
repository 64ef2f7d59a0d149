/**
 * Lawful-intercept (LI) targets: lines under a warrant that the destination must keep intercepting
 * from the first live event. They are written to a separate, access-controlled file and never marked
 * in the base, so nothing that reads the base (reports, logs) can learn who they are.
 */
import type { Subscriber } from "../domain/index.ts";
import { mix32 } from "../domain/index.ts";
import { padDigits } from "./identifiers.ts";
import { DAY_MS, isoFromEpochMs } from "./iso-time.ts";

export interface LiTarget {
  /** Lawful interception identifier the authority assigned to the warrant. */
  readonly liid: string;
  readonly subscriberId: string;
  readonly msisdn: string;
  readonly imsi: string;
  readonly imei: string;
  readonly warrantFrom: string;
  readonly warrantUntil: string;
}

/** The LI target entry for a line chosen by the "li" stream. */
export function createLiTarget(subscriber: Subscriber, index: number, refMs: number, seed: number): LiTarget {
  const h = mix32(mix32(seed >>> 0) ^ index);
  const fromMs = refMs - (1 + (h % 180)) * DAY_MS;
  return {
    liid: `LIID-${padDigits(h % 1e8, 8)}`,
    subscriberId: subscriber.id,
    msisdn: subscriber.msisdn,
    imsi: subscriber.imsi,
    imei: subscriber.imei,
    warrantFrom: isoFromEpochMs(fromMs),
    warrantUntil: isoFromEpochMs(fromMs + 365 * DAY_MS),
  };
}
