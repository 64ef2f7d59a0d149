/**
 * Injected irregularities: the duplicates, retries and late (out-of-order) deliveries a real
 * integration produces, added on purpose at configured rates. Every choice comes from the seeded
 * stream "inject", record i for source event i, so the same seed gives the same disturbed traffic.
 *
 * - duplicate: the same delivery twice in a row (same idempotency key, id suffixed `~dup`).
 * - retry: the same idempotency key sent again a few events later (id suffixed `~retry`), as a
 *   client does after a timeout it did not see answered.
 * - late: the event is delivered some positions later than its timestamp says; it may overtake
 *   later events of its own subscriber (out of order). Activations are never moved: a subscriber
 *   that does not exist yet cannot be reached by the later events at all.
 */
import { createStream, type ProvisioningEvent, TrancheError } from "../../domain/index.ts";

export interface InjectRates {
  /** Share of events delivered twice in a row (0–1). */
  readonly duplicateRate?: number;
  /** Share of events retried a few events later (0–1). */
  readonly retryRate?: number;
  /** Share of non-activation events delivered late, out of order (0–1). */
  readonly lateRate?: number;
  /** Largest displacement, in events, of a retry or a late delivery (default 20). */
  readonly maxDisplacement?: number;
}

export interface InjectSummary {
  readonly duplicates: number;
  readonly retries: number;
  readonly late: number;
}

/** Returns the events with irregularities added, and how many of each. Pure. */
export function injectIrregularities(
  events: readonly ProvisioningEvent[],
  seed: number,
  rates: InjectRates,
): { events: ProvisioningEvent[]; summary: InjectSummary } {
  const duplicateRate = rates.duplicateRate ?? 0;
  const retryRate = rates.retryRate ?? 0;
  const lateRate = rates.lateRate ?? 0;
  for (const [name, value] of Object.entries({ duplicateRate, retryRate, lateRate })) {
    if (!(value >= 0 && value <= 1)) {
      throw new TrancheError("E_CONFIG", `inject.${name} must be between 0 and 1, got ${value}.`);
    }
  }
  const maxShift = Math.max(1, Math.floor(rates.maxDisplacement ?? 20));
  const stream = createStream(seed, "inject");
  // Each output item gets a sort position: the source index, plus a displacement for moved items.
  // Ties keep insertion order (stable sort), so a duplicate stays right after its original.
  const placed: Array<{ position: number; event: ProvisioningEvent }> = [];
  let duplicates = 0;
  let retries = 0;
  let late = 0;
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as ProvisioningEvent;
    const rng = stream.record(i);
    const isLate = event.type !== "activation" && rng.bool(lateRate);
    const shift = rng.int(1, maxShift);
    const isDuplicate = rng.bool(duplicateRate);
    const isRetry = rng.bool(retryRate);
    const retryShift = rng.int(1, maxShift);
    const position = isLate ? i + shift + 0.5 : i;
    if (isLate) late++;
    placed.push({ position, event });
    if (isDuplicate) {
      duplicates++;
      placed.push({ position, event: { ...event, id: `${event.id}~dup` } });
    }
    if (isRetry) {
      retries++;
      placed.push({ position: position + retryShift + 0.25, event: { ...event, id: `${event.id}~retry` } });
    }
  }
  placed.sort((a, b) => a.position - b.position);
  return { events: placed.map((p) => p.event), summary: { duplicates, retries, late } };
}
