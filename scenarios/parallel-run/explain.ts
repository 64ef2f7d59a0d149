/**
 * Why a key differs between legacy and the destination. The shadow model knows what the contract
 * makes of every delivery the destination received; a destination row equal to that expectation
 * differs from legacy for a reason the sync layer knows — a write still on its way, a canary drift
 * planted on purpose, or the contract's outcome of the order the writes arrived in — and is
 * *explained*. A row the contract does not explain (a write not persisted, a stale plan applied, a
 * ledger short by a unit, an answer the contract did not allow) is *unexplained*: silent drift.
 */
import { type ReconciliationRow, rowDifferences, type Subscriber } from "../../domain/index.ts";
import type { RowDifference, ShadowModel } from "../../harness/index.ts";
import type { SyncLayer } from "./sync-layer.ts";

export interface Explanation {
  readonly key: string;
  readonly explained: boolean;
  readonly reason: string;
  /** Fields of the destination's row that differ from legacy. */
  readonly fields: readonly string[];
  /** Fields of the destination's row that differ from the contract's expectation (unexplained only). */
  readonly unexpected: readonly string[];
}

/** The row the contract expects the destination to hold for `subscriber`, or undefined. */
export function expectedRow(shadow: ShadowModel, subscriber: Subscriber): ReconciliationRow | undefined {
  const x = shadow.subscribers.get(subscriber.id);
  if (!x) return undefined;
  return {
    key: subscriber.id,
    msisdn: x.msisdn,
    imsi: x.imsi,
    iccid: x.iccid,
    planId: x.planId,
    paymentType: x.paymentType,
    status: x.status,
    balanceMinor: x.balanceMinor,
    currency: x.currency,
    anchorDay: subscriber.billing.anchorDay,
    timezone: subscriber.billing.timezone,
    addOns: [...x.addOns],
  };
}

/** Explains one difference the reconciliation found. */
export function explain(
  diff: RowDifference,
  sync: SyncLayer,
  shadow: ShadowModel,
  canaryPending: (key: string) => boolean,
): Explanation {
  const sub = sync.subscribers.get(diff.key);
  const base = { key: diff.key, fields: diff.fields };
  if (!sub)
    return { ...base, explained: false, reason: "a key outside the parallel run", unexpected: ["existence"] };
  if (sub.importRejected) {
    return {
      ...base,
      explained: true,
      reason: `not migrated: the import was rejected (${sub.importRejected})`,
      unexpected: [],
    };
  }
  if (sub.wrongAnswers.length > 0) {
    return {
      ...base,
      explained: false,
      reason: `the destination answered against the contract: ${sub.wrongAnswers[0]}`,
      unexpected: diff.fields,
    };
  }
  if (shadow.indeterminate.has(diff.key)) {
    return { ...base, explained: true, reason: "a write got no answer (indeterminate)", unexpected: [] };
  }
  const expected = expectedRow(shadow, sub.subscriber);
  if (!expected || !diff.destination) {
    return {
      ...base,
      explained: false,
      reason: diff.destination ? "on the destination without a migration" : "missing on the destination",
      unexpected: ["existence"],
    };
  }
  const unexpected = rowDifferences(expected, diff.destination);
  if (unexpected.length > 0) {
    return {
      ...base,
      explained: false,
      reason: `the destination holds ${unexpected.map((f) => `${f} ${show(diff.destination?.[f as keyof ReconciliationRow])}`).join(", ")} where the contract gives ${unexpected.map((f) => show(expected[f as keyof ReconciliationRow])).join(", ")}`,
      unexpected,
    };
  }
  if (canaryPending(diff.key))
    return {
      ...base,
      explained: true,
      reason: "canary drift (planted on the destination only)",
      unexpected: [],
    };
  if (sync.inFlight(diff.key))
    return {
      ...base,
      explained: true,
      reason: "writes in flight (skew, retry or parked write)",
      unexpected: [],
    };
  return {
    ...base,
    explained: true,
    reason: "the contract's outcome of the order the writes arrived in",
    unexpected: [],
  };
}

function show(value: unknown): string {
  return Array.isArray(value) ? `[${value.join(",")}]` : String(value);
}
