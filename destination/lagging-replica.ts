/**
 * The `stale-reads` defect: subscriber reads served by a read replica that lags the primary by a
 * fixed stretch of wall time (1.5 s by default). A read answers the subscriber as it was that long
 * ago whenever it changed since; writes answer their own fresh state. Reads converge once the
 * subscriber has been quiet for the lag, so a harness that re-reads sees the truth eventually.
 */
import type { SubscriberRow } from "./subscriber-store.ts";

/** How long the replica lags the primary, in ms of wall time. */
export const REPLICA_LAG_MS = 1500;

/** A lagging read replica of the subscriber rows (in memory: a defect, not a feature). */
export interface LaggingReplica {
  /** Called before a subscriber row changes, with the row as it stood. */
  changing(before: SubscriberRow): void;
  /** The row as a lagging read sees it: as it stood `lagMs` ago if it changed since, else `current`. */
  read(current: SubscriberRow): SubscriberRow;
}

/** Creates a replica lagging `lagMs` behind, timed by `nowMs` (a monotonic millisecond clock). */
export function createLaggingReplica(nowMs: () => number, lagMs = REPLICA_LAG_MS): LaggingReplica {
  // Per subscriber, the changes of the last `lagMs`, oldest first: when each happened and the
  // row just before it. The row as of `now - lagMs` is the `before` of the first change after it.
  const recent = new Map<string, { atMs: number; before: SubscriberRow }[]>();
  const prune = (id: string, now: number) => {
    const changes = recent.get(id);
    if (!changes) return undefined;
    while (changes.length > 0 && (changes[0] as { atMs: number }).atMs <= now - lagMs) changes.shift();
    if (changes.length === 0) recent.delete(id);
    return changes.length > 0 ? changes : undefined;
  };
  return {
    changing(before) {
      const now = nowMs();
      const changes = prune(before.id, now) ?? [];
      changes.push({ atMs: now, before });
      recent.set(before.id, changes);
    },
    read(current) {
      return prune(current.id, nowMs())?.[0]?.before ?? current;
    },
  };
}
