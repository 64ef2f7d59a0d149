/**
 * The sync layer of the parallel run, simulated on a compressed clock: every planned write goes to
 * the legacy BSS (the system of record: per subscriber strictly in source order, a failed write
 * retried before the next) and, once the subscriber's cohort is on the destination, to the
 * destination — at-least-once and possibly out of order:
 *
 * - a write that fails (injected: lost before it left, or applied with its answer lost; or a 5xx,
 *   timeout or reset of the destination itself) is retried later under the same Idempotency-Key;
 * - a write refused `invalid_transition` while an earlier write of the subscriber is still
 *   unacknowledged is parked and sent again, under a new key, once those are acknowledged;
 * - a plan change acknowledged after its same-instant partner that legacy applied second (a write
 *   conflict: on equal instants the later arrival wins) makes the sync layer re-assert legacy's
 *   winner under a new key.
 *
 * Every destination delivery and its answer goes into the shadow model, the contract's expectation
 * of what the destination holds given what it was sent — which is what explains a difference the
 * reconciliation finds (explain.ts).
 */
import type { ProvisioningEvent, RandomStream, Subscriber } from "../../domain/index.ts";
import type {
  ApplyOutcome,
  CapabilitiesOf,
  JudgedDelivery,
  LegacyPeers,
  ShadowModel,
} from "../../harness/index.ts";
import type { PlannedWrite } from "./dual-write-plan.ts";

export interface SyncOptions {
  readonly destinationFailureRate: number;
  readonly legacyFailureRate: number;
  readonly retryBackoffMedianMs: number;
  readonly concurrency: number;
}

type Side = "legacy" | "destination";

interface Action {
  readonly side: Side;
  atMs: number;
  readonly order: number;
  readonly write: WriteState;
  readonly key: string;
  readonly attempt: number;
}

/** A write as the sync layer tracks it. */
export interface WriteState {
  readonly plan: PlannedWrite;
  dualWrite: boolean;
  legacyDone: boolean;
  /** Acknowledged by the destination: applied, or refused for good. */
  destinationAcked: boolean;
  destinationAckOrder: number;
  parked: boolean;
  resends: number;
  /** A destination delivery of it was ever queued. */
  destinationQueued: boolean;
}

/** A subscriber as the sync layer tracks it. */
export interface SubscriberSync {
  readonly subscriber: Subscriber;
  destinationId: string | undefined;
  /** When its cohort was imported (ms), or undefined while it is on legacy only. */
  importedAtMs: number | undefined;
  importRejected: string | undefined;
  readonly writes: WriteState[];
  readonly queue: Action[];
  /** Destination answers the contract did not allow, in order (a refusal given or owed wrongly). */
  readonly wrongAnswers: string[];
}

export interface SyncCounters {
  legacyWrites: number;
  destinationWrites: number;
  legacyRetries: number;
  destinationRetries: number;
  parked: number;
  conflictResolutions: number;
  givenUp: number;
}

/** The sync layer over a population, its planned writes, the destination, the legacy peers and a shadow. */
export class SyncLayer {
  readonly subscribers = new Map<string, SubscriberSync>();
  readonly counters: SyncCounters = {
    legacyWrites: 0,
    destinationWrites: 0,
    legacyRetries: 0,
    destinationRetries: 0,
    parked: 0,
    conflictResolutions: 0,
    givenUp: 0,
  };
  #order = 0;
  #ackOrder = 0;
  readonly #target: CapabilitiesOf<"provisioning">;
  readonly #peers: LegacyPeers;
  readonly #shadow: ShadowModel;
  readonly #faults: RandomStream;
  readonly #options: SyncOptions;
  readonly #signal: AbortSignal;

  constructor(input: {
    population: readonly Subscriber[];
    writes: readonly PlannedWrite[];
    importAtMs: ReadonlyMap<string, number>;
    target: CapabilitiesOf<"provisioning">;
    peers: LegacyPeers;
    shadow: ShadowModel;
    faults: RandomStream;
    options: SyncOptions;
    signal: AbortSignal;
  }) {
    this.#target = input.target;
    this.#peers = input.peers;
    this.#shadow = input.shadow;
    this.#faults = input.faults;
    this.#options = input.options;
    this.#signal = input.signal;
    for (const s of input.population) {
      this.subscribers.set(s.id, {
        subscriber: s,
        destinationId: undefined,
        importedAtMs: undefined,
        importRejected: undefined,
        writes: [],
        queue: [],
        wrongAnswers: [],
      });
    }
    for (const plan of input.writes) {
      const sub = this.subscribers.get(plan.event.subscriberId);
      if (!sub) continue;
      const importAt = input.importAtMs.get(sub.subscriber.id);
      const write: WriteState = {
        plan,
        dualWrite: importAt !== undefined && plan.atMs >= importAt,
        legacyDone: false,
        destinationAcked: false,
        destinationAckOrder: -1,
        parked: false,
        resends: 0,
        destinationQueued: false,
      };
      sub.writes.push(write);
      this.#push(sub, {
        side: "legacy",
        atMs: plan.legacyAtMs,
        write,
        key: plan.event.idempotencyKey,
        attempt: 0,
      });
      if (write.dualWrite) {
        write.destinationQueued = true;
        this.#push(sub, {
          side: "destination",
          atMs: plan.destinationAtMs,
          write,
          key: plan.event.idempotencyKey,
          attempt: 0,
        });
      }
    }
  }

  /** Delivers every action due at or before `untilMs`, subscribers in parallel, each in time order. */
  async drain(untilMs: number): Promise<void> {
    const due = [...this.subscribers.values()].filter(
      (s) => (s.queue[0]?.atMs ?? Number.POSITIVE_INFINITY) <= untilMs,
    );
    let next = 0;
    const worker = async () => {
      while (next < due.length && !this.#signal.aborted) {
        const sub = due[next++] as SubscriberSync;
        for (let a = sub.queue[0]; a && a.atMs <= untilMs && !this.#signal.aborted; a = sub.queue[0]) {
          sub.queue.shift();
          await this.#run(sub, a);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#options.concurrency, due.length) }, worker));
  }

  /** Whether a subscriber has writes still on their way to either side. */
  inFlight(id: string): boolean {
    return (
      (this.subscribers.get(id)?.queue.length ?? 0) > 0 ||
      (this.subscribers.get(id)?.writes.some((w) => w.parked) ?? false)
    );
  }

  /** Marks a cohort imported: writes from now on (and legacy writes not yet landed) go to both sides. */
  imported(id: string, destinationId: string, atMs: number): void {
    const sub = this.subscribers.get(id);
    if (!sub) return;
    sub.destinationId = destinationId;
    sub.importedAtMs = atMs;
    for (const w of sub.writes) {
      if (w.dualWrite || w.legacyDone) continue;
      // In the legacy queue at the import: it missed the snapshot, so it is mirrored once it lands.
      w.dualWrite = true;
    }
  }

  /** A write made on the destination only (a canary drift), delivered now and judged by the shadow. */
  async destinationOnly(id: string, event: ProvisioningEvent): Promise<ApplyOutcome | undefined> {
    const sub = this.subscribers.get(id);
    if (!sub?.destinationId) return undefined;
    for (let attempt = 0; attempt < 10; attempt++) {
      const outcome = await this.#target.provisioning.apply(event, sub.destinationId, this.#signal);
      this.#judge(sub, this.#shadow.deliver(event, outcome));
      if (!retriable(outcome)) return outcome;
    }
    return undefined;
  }

  /** Keeps the answers the contract did not allow (a refusal owed or given wrongly), per subscriber. */
  #judge(sub: SubscriberSync, judged: JudgedDelivery): void {
    if (
      judged.judgement === "wrongly_refused" ||
      judged.judgement === "wrongly_accepted" ||
      judged.judgement === "unparseable"
    ) {
      sub.wrongAnswers.push(
        `${judged.operation} ${judged.judgement.replace("_", " ")} (HTTP ${judged.status})`,
      );
    }
  }

  #push(sub: SubscriberSync, action: Omit<Action, "order">): void {
    const a: Action = { ...action, order: this.#order++ };
    const q = sub.queue;
    let i = q.length;
    while (
      i > 0 &&
      ((q[i - 1] as Action).atMs > a.atMs ||
        ((q[i - 1] as Action).atMs === a.atMs && (q[i - 1] as Action).order > a.order))
    )
      i--;
    q.splice(i, 0, a);
  }

  #backoff(write: WriteState, side: Side, attempt: number): number {
    const rng = this.#faults.record(
      3_000_000 + write.plan.seq * 64 + attempt * 2 + (side === "legacy" ? 1 : 0),
    );
    return Math.max(1000, Math.round(rng.logNormal(this.#options.retryBackoffMedianMs, 0.8)));
  }

  #fault(write: WriteState, side: Side, attempt: number): number {
    return this.#faults.record(write.plan.seq * 64 + attempt * 2 + (side === "legacy" ? 1 : 0)).next();
  }

  async #run(sub: SubscriberSync, a: Action): Promise<void> {
    if (a.side === "legacy") return this.#legacy(sub, a);
    return this.#destination(sub, a);
  }

  async #legacy(sub: SubscriberSync, a: Action): Promise<void> {
    const { write } = a;
    if (this.#fault(write, "legacy", a.attempt) < this.#options.legacyFailureRate) {
      // Legacy unavailable: retried before any later write of this subscriber (source order holds).
      this.counters.legacyRetries += 1;
      const retryAt = a.atMs + this.#backoff(write, "legacy", a.attempt);
      let bump = 1;
      for (const other of sub.queue)
        if (other.side === "legacy" && other.atMs <= retryAt) other.atMs = retryAt + bump++;
      sub.queue.sort((x, y) => x.atMs - y.atMs || x.order - y.order);
      this.#push(sub, { ...a, atMs: retryAt, attempt: a.attempt + 1 });
      return;
    }
    await this.#peers.writeLegacy(write.plan.event);
    this.counters.legacyWrites += 1;
    write.legacyDone = true;
    if (write.dualWrite && sub.destinationId && !write.destinationQueued) {
      // Mirrored after the import snapshot missed it: at its planned skew, or now if that has passed.
      write.destinationQueued = true;
      this.#push(sub, {
        side: "destination",
        atMs: Math.max(a.atMs + 1, write.plan.destinationAtMs),
        write,
        key: write.plan.event.idempotencyKey,
        attempt: 0,
      });
    }
  }

  async #destination(sub: SubscriberSync, a: Action): Promise<void> {
    const { write } = a;
    if (!sub.destinationId) return;
    const event: ProvisioningEvent = { ...write.plan.event, idempotencyKey: a.key };
    const roll = this.#fault(write, "destination", a.attempt);
    const retry = () => {
      if (a.attempt >= MAX_ATTEMPTS) {
        // Given up: the write stays unacknowledged, and the subscriber's difference says so.
        this.counters.givenUp += 1;
        return;
      }
      this.counters.destinationRetries += 1;
      this.#push(sub, {
        ...a,
        atMs: a.atMs + this.#backoff(write, "destination", a.attempt),
        attempt: a.attempt + 1,
      });
    };
    if (roll < this.#options.destinationFailureRate / 2) return retry(); // lost before it left
    const outcome = await this.#target.provisioning.apply(event, sub.destinationId, this.#signal);
    this.counters.destinationWrites += 1;
    this.#judge(sub, this.#shadow.deliver(event, outcome));
    if (roll < this.#options.destinationFailureRate || retriable(outcome)) return retry(); // answer lost, or 5xx
    if (outcome.failure?.message.includes("invalid_transition") && this.#earlierUnacked(sub, write)) {
      write.parked = true;
      this.counters.parked += 1;
      return;
    }
    write.parked = false;
    write.destinationAcked = true;
    write.destinationAckOrder = this.#ackOrder++;
    if (outcome.status >= 200 && outcome.status < 300) this.#resolveConflict(sub, write, a.atMs);
    for (const parked of sub.writes) {
      if (!parked.parked || this.#earlierUnacked(sub, parked)) continue;
      parked.parked = false;
      parked.resends += 1;
      this.#push(sub, {
        side: "destination",
        atMs: a.atMs + 1,
        write: parked,
        key: `${parked.plan.event.idempotencyKey}~p${parked.resends}`,
        attempt: 0,
      });
    }
  }

  /** Whether an earlier (by business instant) destination write of the subscriber is still unacknowledged. */
  #earlierUnacked(sub: SubscriberSync, write: WriteState): boolean {
    return sub.writes.some(
      (w) => w !== write && w.dualWrite && !w.destinationAcked && !w.parked && w.plan.atMs < write.plan.atMs,
    );
  }

  /** A plan change acknowledged after its same-instant partner that legacy applied second: re-assert legacy's winner. */
  #resolveConflict(sub: SubscriberSync, write: WriteState, nowMs: number): void {
    if (write.plan.event.type !== "plan_change") return;
    for (const other of sub.writes) {
      if (
        other === write ||
        other.plan.event.type !== "plan_change" ||
        other.plan.atMs !== write.plan.atMs ||
        other.plan.seq < write.plan.seq ||
        !other.destinationAcked ||
        other.destinationAckOrder > write.destinationAckOrder
      )
        continue;
      other.resends += 1;
      this.counters.conflictResolutions += 1;
      this.#push(sub, {
        side: "destination",
        atMs: nowMs + 1000,
        write: other,
        key: `${other.plan.event.idempotencyKey}~c${other.resends}`,
        attempt: 0,
      });
    }
  }
}

/** Deliveries of one write before the sync layer gives up on it. */
const MAX_ATTEMPTS = 12;

/** A delivery that did not take effect for certain: retried under the same key. */
function retriable(outcome: ApplyOutcome): boolean {
  const kind = outcome.failure?.kind;
  return (
    kind === "http_5xx" ||
    kind === "timeout" ||
    kind === "reset" ||
    kind === "refused" ||
    kind === "unparseable"
  );
}
