/**
 * The shadow model: Tranche's own, independent expectation of each subscriber's state. It takes
 * every delivery in the order the destination received it, with the destination's answer, and
 * (1) judges the answer against the contract's rules — an acceptance the rules require, a refusal
 * they require, a failure, a consequence of an earlier failure — and (2) follows what the
 * destination said it did: an accepted event takes effect, a refused or failed one does not. After
 * the replay, every subscriber's expected state is compared with the destination's read: a 200 OK
 * that left the wrong plan, balance or status is drift that only this comparison can see.
 *
 * Idempotency (contract): a delivery whose Idempotency-Key was already answered gets the stored
 * answer and changes nothing; the same key on a different request must be refused (409
 * `idempotency_key_reused`); 5xx answers are not stored, so a retry after one is a new delivery.
 */
import { DEFAULT_CATALOG, type Plan, type ProvisioningEvent } from "../../domain/index.ts";
import { applyRule, type ExpectedSubscriber, type Refusal, type WorldView } from "./lifecycle-rules.ts";

/** How one delivery went, as far as the shadow model needs to know. */
export type DeliveryOutcome = "applied" | "reported-failure" | "unknown";

/** What the destination answered, in the terms the shadow judges. */
export interface DeliveryAnswer {
  /** HTTP status, 0 when no answer arrived. */
  readonly status: number;
  /** The replay's failure kind, when the delivery failed. */
  readonly failure?: { readonly kind: string } | undefined;
}

/** The verdict on one delivery. */
export type Judgement =
  /** Accepted, as the rules require. */
  | "ok"
  /** Refused, as the rules require (not an error). */
  | "expected_rejection"
  /** Accepted although the rules require a refusal. */
  | "wrongly_accepted"
  /** Refused although the rules require acceptance. */
  | "wrongly_refused"
  /** Failed without an answer the contract allows: 5xx, connection refused. */
  | "failed"
  /** No answer known (timeout, reset): the subscriber's state cannot be predicted. */
  | "unknown"
  /** Could not be delivered because of an earlier failure of the same subscriber (no destination id). */
  | "consequential"
  /** Answered 2xx with a body that breaks the contract (taken as applied). */
  | "unparseable"
  /** Cut off by the harness's own stop, or never sent. */
  | "not_delivered";

export interface JudgedDelivery {
  readonly eventId: string;
  readonly subscriberId: string;
  readonly operation: string;
  readonly judgement: Judgement;
  /** The refusal the rules required, when they required one. */
  readonly refusal: Refusal | null;
  /** True for a delivery whose key was already answered (a duplicate or a retry). */
  readonly replayOfKey: boolean;
  readonly status: number;
}

interface KeyRecord {
  readonly signature: string;
  /** The stored answer: null for an acceptance, else the refusal the destination gave. */
  readonly refusal: Refusal | null;
}

/** The shadow of a replay: expected states, judgements, and who cannot be predicted. */
export class ShadowModel {
  readonly #subscribers = new Map<string, ExpectedSubscriber>();
  readonly #msisdns = new Map<string, string>();
  readonly #imsis = new Map<string, string>();
  readonly #pendingPorts = new Set<string>();
  readonly #keys = new Map<string, KeyRecord>();
  readonly #indeterminate = new Set<string>();
  readonly #judged: JudgedDelivery[] = [];
  readonly #world: WorldView;

  constructor(catalog: readonly Plan[] = DEFAULT_CATALOG) {
    const plans = new Map(catalog.map((p) => [p.id, p]));
    this.#world = {
      plan: (id) => plans.get(id),
      msisdnHolder: (msisdn) => this.#msisdns.get(msisdn),
      imsiHolder: (imsi) => this.#imsis.get(imsi),
      portPending: (msisdn) => this.#pendingPorts.has(msisdn),
      isTimeZone,
    };
  }

  /** Takes one delivery with the destination's answer (undefined: not sent) and returns its judgement. */
  deliver(event: ProvisioningEvent, answer: DeliveryAnswer | undefined): JudgedDelivery {
    const judged = this.#judge(event, answer);
    this.#judged.push(judged);
    return judged;
  }

  #judge(event: ProvisioningEvent, answer: DeliveryAnswer | undefined): JudgedDelivery {
    const base = { eventId: event.id, subscriberId: event.subscriberId, operation: event.type };
    const kind = answer?.failure?.kind;
    const status = answer?.status ?? 0;
    if (!answer || kind === "interrupted") {
      return { ...base, judgement: "not_delivered", refusal: null, replayOfKey: false, status };
    }
    if (kind === "no_identity") {
      return { ...base, judgement: "consequential", refusal: null, replayOfKey: false, status };
    }
    const signature = signatureOf(event);
    const known = this.#keys.get(event.idempotencyKey);
    if (known) {
      // The stored answer, and nothing applied again; the same key on another request is refused.
      const same = known.signature === signature;
      const refusal: Refusal | null = same ? known.refusal : { status: 409, code: "idempotency_key_reused" };
      const judgement = this.#classify(kind, status, refusal);
      if (judgement === "unknown") this.#indeterminate.add(event.subscriberId);
      return { ...base, judgement, refusal, replayOfKey: true, status };
    }
    const current = this.#subscribers.get(event.subscriberId);
    const rule = applyRule(current, event, this.#world);
    const judgement = this.#classify(kind, status, rule.refusal);
    if (judgement === "failed") {
      // Not applied, not stored: a retry with the same key is a new delivery.
      return { ...base, judgement, refusal: rule.refusal, replayOfKey: false, status };
    }
    if (judgement === "unknown") {
      // Perhaps applied, perhaps not: the subscriber is left out of the comparison, and a retry of
      // the key is judged as a new delivery (a stored answer and a first application are both right).
      this.#indeterminate.add(event.subscriberId);
      if (rule.next) this.#apply(event.subscriberId, current, rule.next);
      return { ...base, judgement, refusal: rule.refusal, replayOfKey: false, status };
    }
    const accepted = status >= 200 && status < 300;
    // The answer is stored with the key: a 2xx as an acceptance, a 4xx as the refusal it was.
    this.#keys.set(event.idempotencyKey, {
      signature,
      refusal: accepted ? null : (rule.refusal ?? { status, code: "refused" }),
    });
    if (accepted && rule.next) this.#apply(event.subscriberId, current, rule.next);
    return { ...base, judgement, refusal: rule.refusal, replayOfKey: false, status };
  }

  #classify(kind: string | undefined, status: number, refusal: Refusal | null): Judgement {
    if (kind === "http_5xx" || kind === "refused") return "failed";
    if (kind === "timeout" || kind === "reset") return "unknown";
    if (kind === "unparseable") return refusal ? "wrongly_accepted" : "unparseable";
    if (status >= 400 && status < 500) return refusal ? "expected_rejection" : "wrongly_refused";
    return refusal ? "wrongly_accepted" : "ok";
  }

  #apply(id: string, before: ExpectedSubscriber | undefined, after: ExpectedSubscriber): void {
    const live = (s: ExpectedSubscriber | undefined) => s !== undefined && s.status !== "terminated";
    if (before && live(before)) {
      this.#msisdns.delete(before.msisdn);
      this.#imsis.delete(before.imsi);
      if (before.pendingPort?.type === "port_in") this.#pendingPorts.delete(before.pendingPort.msisdn);
    }
    if (live(after)) {
      this.#msisdns.set(after.msisdn, id);
      this.#imsis.set(after.imsi, id);
      if (after.pendingPort?.type === "port_in") this.#pendingPorts.add(after.pendingPort.msisdn);
    }
    this.#subscribers.set(id, after);
  }

  /** Expected state per legacy subscriber id (subscribers the rules let exist). */
  get subscribers(): ReadonlyMap<string, ExpectedSubscriber> {
    return this.#subscribers;
  }

  /** Subscribers whose state cannot be predicted: a write of theirs got no answer. */
  get indeterminate(): ReadonlySet<string> {
    return this.#indeterminate;
  }

  /** Every judged delivery, in delivery order. */
  get judged(): readonly JudgedDelivery[] {
    return this.#judged;
  }
}

/** Replays deliveries through a new shadow model (pure). `answerOf` gives the destination's answer. */
export function buildShadowState(
  events: readonly ProvisioningEvent[],
  catalog: readonly Plan[] = DEFAULT_CATALOG,
  answerOf: (event: ProvisioningEvent) => DeliveryAnswer | undefined = (event) => ({
    status: event.type === "activation" ? 201 : 200,
  }),
): ShadowModel {
  const model = new ShadowModel(catalog);
  for (const event of events) model.deliver(event, answerOf(event));
  return model;
}

/** What a request is, for "same key, same request": type, subscriber and payload. */
function signatureOf(event: ProvisioningEvent): string {
  return JSON.stringify([event.type, event.subscriberId, event.payload]);
}

const zones = new Map<string, boolean>();

/** Whether an IANA time-zone identifier is known to this runtime. */
function isTimeZone(zone: string): boolean {
  let known = zones.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    zones.set(zone, known);
  }
  return known;
}
