/**
 * Reads every subscriber the shadow model predicts from the destination and compares it field by
 * field. Reads are idempotent, so a transient failure is retried with backoff; a read that keeps
 * failing means the destination stopped answering, and the caller's suite ends incomplete.
 */
import { type SubscriberState, TrancheError } from "../../domain/index.ts";
import type { StateReadCapability } from "../adapters/index.ts";
import { compareState, type FieldMismatch } from "./shadow-model.ts";

/**
 * Attempts per state read: a destination that sheds a quarter of its load still answers one read
 * in 10 attempts with probability 1 − 0.25^10 ≈ 0.999999.
 */
const READ_ATTEMPTS = 10;
/** Reads in flight at most: enough that a destination answering in seconds is still read in seconds. */
const MAX_READERS = 256;

export interface CompareOptions {
  readonly reader: StateReadCapability;
  readonly signal: AbortSignal;
  /** Reads in flight at once. */
  readonly concurrency: number;
  readonly progress?: (done: number, total: number) => void;
}

/** Reads one subscriber's state, retrying transient failures (50 ms doubling, at most 1 s). */
async function readWithRetry(
  options: CompareOptions,
  destinationId: string,
): Promise<SubscriberState | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await options.reader.readSubscriber(destinationId, options.signal);
    } catch (error) {
      const transient = error instanceof TrancheError && error.code === "E_TARGET";
      if (!transient || attempt >= READ_ATTEMPTS || options.signal.aborted) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** (attempt - 1))));
    }
  }
}

/**
 * Compares every expected subscriber (by legacy id) with the destination's state, reading the ids
 * in sorted order; `identities` maps legacy ids to destination ids learned from activations.
 */
export async function compareWithDestination(
  expected: ReadonlyMap<string, SubscriberState>,
  identities: ReadonlyMap<string, string>,
  options: CompareOptions,
): Promise<FieldMismatch[]> {
  const ids = [...expected.keys()].sort();
  const mismatches: FieldMismatch[][] = new Array(ids.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < ids.length && !options.signal.aborted) {
      const index = next++;
      const id = ids[index] as string;
      const destinationId = identities.get(id);
      const actual = destinationId ? await readWithRetry(options, destinationId) : undefined;
      mismatches[index] = compareState(expected.get(id) as SubscriberState, destinationId, actual);
      options.progress?.(++done, ids.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(MAX_READERS, options.concurrency)) }, worker));
  return mismatches.flat().filter(Boolean);
}
