/**
 * Reads every subscriber the shadow model predicts back from the destination and compares it
 * field by field. A read that differs is read again until it matches or a settle window passes:
 * a destination whose reads lag its writes (a replica) converges, and that is a read-consistency
 * finding (stale reads, convergence time), not drift; only a difference that outlasts the window is
 * drift. Reads are idempotent, so a transient failure is retried with backoff; a read that keeps
 * failing means the destination stopped answering. A read that breaks the contract's schema is a
 * contract violation, recorded with its example, and the comparison goes on.
 */
import type { DestinationSubscriberState as SubscriberState } from "../../destination/index.ts";
import { TrancheError } from "../../domain/index.ts";
import type { StateReadCapability } from "../adapters/index.ts";
import type { ExpectedSubscriber } from "./lifecycle-rules.ts";

/**
 * Attempts per state read: a destination that sheds a quarter of its load still answers one read
 * in 10 attempts with probability 1 − 0.25^10 ≈ 0.999999.
 */
const READ_ATTEMPTS = 10;
/** Reads in flight at most: enough that a destination answering in seconds is still read in seconds. */
const MAX_READERS = 256;

export interface FieldMismatch {
  readonly subscriberId: string;
  readonly destinationId: string | null;
  readonly field: string;
  readonly expected: string;
  readonly actual: string;
}

export interface CompareOptions {
  readonly reader: StateReadCapability;
  readonly signal: AbortSignal;
  /** Reads in flight at once. */
  readonly concurrency: number;
  /** How long a differing read may take to converge before it counts as drift (ms). */
  readonly settleMs: number;
  /** Monotonic clock in ms (injected by tests). */
  readonly now?: () => number;
  readonly progress?: (done: number, total: number) => void;
}

export interface Comparison {
  /** Differences that outlasted the settle window: drift. */
  readonly mismatches: readonly FieldMismatch[];
  /** Subscribers whose first read differed and a later one matched, with the time it took. */
  readonly converged: ReadonlyArray<{ readonly subscriberId: string; readonly afterMs: number }>;
  /** Reads whose body broke the contract's schema, with the first problem each. */
  readonly violations: ReadonlyArray<{ readonly subscriberId: string; readonly message: string }>;
  readonly compared: number;
}

/** The fields a read must show as the shadow expects them, in report order. */
export const COMPARED_STATE_FIELDS = [
  "msisdn",
  "imsi",
  "iccid",
  "planId",
  "status",
  "balanceMinor",
  "currency",
  "addOns",
  "kycStatus",
  "portedIn",
] as const;

type Compared = (typeof COMPARED_STATE_FIELDS)[number];

/** The field differences of one read (an absent subscriber is one difference, `existence`). */
export function compareSubscriber(
  expected: ExpectedSubscriber,
  destinationId: string | undefined,
  actual: SubscriberState | undefined,
): FieldMismatch[] {
  const at = { subscriberId: expected.externalId, destinationId: destinationId ?? null };
  if (!actual) return [{ ...at, field: "existence", expected: "present", actual: "missing" }];
  const out: FieldMismatch[] = [];
  for (const field of COMPARED_STATE_FIELDS) {
    const want = allowed(expected, field);
    const got = text((actual as Record<string, unknown>)[field]);
    if (!want.includes(got)) out.push({ ...at, field, expected: want.join(" or "), actual: got });
  }
  return out;
}

/**
 * The values a field may show. A port the destination accepted completes when its test clock
 * reaches the porting window, so until the contract's clock says otherwise both the state before
 * and after the port are right (compliance.mnp checks the port itself).
 */
function allowed(expected: ExpectedSubscriber, field: Compared): string[] {
  const now = text(expected[field]);
  const port = expected.pendingPort;
  if (!port) return [now];
  if (port.type === "port_in" && field === "msisdn") return [now, port.msisdn];
  if (port.type === "port_in" && field === "portedIn") return [now, "true"];
  if (port.type === "port_out" && field === "status") return [now, "terminated"];
  return [now];
}

function text(value: unknown): string {
  return Array.isArray(value) ? JSON.stringify(value) : String(value);
}

type ReadResult =
  | { readonly kind: "state"; readonly state: SubscriberState | undefined }
  | { readonly kind: "violation"; readonly message: string };

/** Reads one subscriber, retrying transient failures (50 ms doubling, at most 1 s). */
async function readWithRetry(options: CompareOptions, destinationId: string): Promise<ReadResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { kind: "state", state: await options.reader.readSubscriber(destinationId, options.signal) };
    } catch (error) {
      if (error instanceof TrancheError && error.code === "E_CONTRACT") {
        return { kind: "violation", message: error.message.replace(/^\[tranche\] /, "") };
      }
      const transient = error instanceof TrancheError && error.code === "E_TARGET";
      if (!transient || attempt >= READ_ATTEMPTS || options.signal.aborted) throw error;
      await sleep(Math.min(1000, 50 * 2 ** (attempt - 1)));
    }
  }
}

/** The live subscriber among those sharing a legacy id, else the newest (a re-activation after a termination). */
export function liveIdOf(found: readonly SubscriberState[]): string | undefined {
  const live = found.filter((s) => s.status !== "terminated");
  return (live.at(-1) ?? found.at(-1))?.id;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Compares every expected subscriber (by legacy id) with the destination's state, reading the ids
 * in sorted order; `identities` maps legacy ids to destination ids learned from the replay.
 */
export async function compareWithDestination(
  expected: ReadonlyMap<string, ExpectedSubscriber>,
  identities: ReadonlyMap<string, string>,
  options: CompareOptions,
): Promise<Comparison> {
  const now = options.now ?? (() => performance.now());
  const ids = [...expected.keys()].sort();
  const mismatches: FieldMismatch[][] = new Array(ids.length);
  const converged: Array<{ subscriberId: string; afterMs: number }> = [];
  const violations: Array<{ subscriberId: string; message: string }> = [];
  let next = 0;
  let done = 0;
  const compareOne = async (id: string): Promise<FieldMismatch[]> => {
    const want = expected.get(id) as ExpectedSubscriber;
    // A subscriber whose activation answer was unusable and that had no later write: find it by
    // its legacy id, as any later write would have.
    let destinationId = identities.get(id);
    if (!destinationId) {
      try {
        destinationId = liveIdOf(await options.reader.findByExternalId(id, options.signal));
      } catch (error) {
        if (!(error instanceof TrancheError && error.code === "E_CONTRACT")) throw error;
        violations.push({ subscriberId: id, message: error.message.replace(/^\[tranche\] /, "") });
        return [];
      }
    }
    if (!destinationId) return compareSubscriber(want, undefined, undefined);
    const startedMs = now();
    let wait = 50;
    for (let attempt = 0; ; attempt++) {
      const read = await readWithRetry(options, destinationId);
      if (read.kind === "violation") {
        violations.push({ subscriberId: id, message: read.message });
        return [];
      }
      const diff = compareSubscriber(want, destinationId, read.state);
      const elapsed = now() - startedMs;
      if (diff.length === 0) {
        if (attempt > 0) converged.push({ subscriberId: id, afterMs: Math.round(elapsed) });
        return diff;
      }
      if (elapsed >= options.settleMs || options.signal.aborted) return diff;
      await sleep(Math.min(wait, Math.max(1, options.settleMs - elapsed)));
      wait = Math.min(1000, wait * 2);
    }
  };
  const worker = async () => {
    while (next < ids.length && !options.signal.aborted) {
      const index = next++;
      mismatches[index] = await compareOne(ids[index] as string);
      options.progress?.(++done, ids.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(MAX_READERS, options.concurrency)) }, worker));
  converged.sort((a, b) => (a.subscriberId < b.subscriberId ? -1 : 1));
  violations.sort((a, b) => (a.subscriberId < b.subscriberId ? -1 : 1));
  return { mismatches: mismatches.flat().filter(Boolean), converged, violations, compared: ids.length };
}
