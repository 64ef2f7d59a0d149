import { describe, expect, it } from "vitest";
import { syntheticEvents } from "../../test/support/synthetic-events.ts";
import { injectIrregularities } from "./inject-irregularities.ts";

describe("injectIrregularities", () => {
  const events = syntheticEvents(2000, 200);

  it("adds duplicates, retries and late deliveries at about the configured rates, same seed same output", () => {
    const rates = { duplicateRate: 0.05, retryRate: 0.02, lateRate: 0.03 };
    const a = injectIrregularities(events, 11, rates);
    const b = injectIrregularities(events, 11, rates);
    expect(a.events.map((e) => e.id)).toEqual(b.events.map((e) => e.id));
    expect(a.events).toHaveLength(2000 + a.summary.duplicates + a.summary.retries);
    expect(a.summary.duplicates).toBeGreaterThan(60);
    expect(a.summary.duplicates).toBeLessThan(140);
    expect(a.summary.late).toBeGreaterThan(20);
    const c = injectIrregularities(events, 12, rates);
    expect(c.events.map((e) => e.id)).not.toEqual(a.events.map((e) => e.id));
  });

  it("keeps the idempotency key of duplicates and retries, and never moves activations", () => {
    const { events: out } = injectIrregularities(events, 3, {
      duplicateRate: 0.1,
      retryRate: 0.1,
      lateRate: 0.5,
    });
    for (const e of out.filter((x) => x.id.includes("~"))) {
      const original = events.find((x) => x.id === e.id.split("~")[0]);
      expect(e.idempotencyKey).toBe(original?.idempotencyKey);
    }
    const firstOf = new Map<string, string>();
    for (const e of out) if (!firstOf.has(e.subscriberId)) firstOf.set(e.subscriberId, e.type);
    expect([...firstOf.values()].every((t) => t === "activation")).toBe(true);
  });

  it("changes nothing at zero rates", () => {
    expect(injectIrregularities(events, 1, {}).events).toEqual(events);
  });
});
