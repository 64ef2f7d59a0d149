/**
 * Everything a request handler of the reference destination may touch: the store, the test clock,
 * the active defect profiles, the catalog and the configured peers. Built once per server.
 */
import type { Plan, RoundingMode } from "../domain/index.ts";
import type { TestClock } from "./clock.ts";
import type { Store } from "./database.ts";
import type { ActiveDefects } from "./defects.ts";
import type { LaggingReplica } from "./lagging-replica.ts";

/** Something that reacts to a subscriber's events (the LI X2 delivery queue does). */
export interface EventObserver {
  /** Called inside the write's transaction for every applied event of a subscriber. */
  onSubscriberEvent(event: {
    subscriberId: string;
    type: string;
    atMs: number;
    msisdn: string;
    imsi: string;
    detail: Record<string, unknown>;
  }): void;
  /** Called when LI tasks were created, deactivated or dropped (invalidates cached lookups). */
  tasksChanged(): void;
}

export interface DestinationContext {
  readonly store: Store;
  readonly clock: TestClock;
  readonly defects: ActiveDefects;
  readonly catalog: readonly Plan[];
  /** The contract's rounding mode for proration and rating (half-up unless a defect says otherwise). */
  readonly rounding: RoundingMode;
  /** Data-retention window in calendar months. */
  readonly retentionMonths: number;
  /** Base URL of the MNP clearinghouse peer; without one, porting windows are scheduled locally. */
  readonly mnpUrl: string | undefined;
  readonly observer: EventObserver;
  /** The lagging read replica subscriber reads go through under `stale-reads`; undefined otherwise. */
  readonly replica: LaggingReplica | undefined;
}
