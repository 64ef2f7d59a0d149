import { describe, expect, it } from "vitest";
import { createStream } from "../domain/index.ts";
import { syntheticEvents } from "../test/support/synthetic-events.ts";
import { injectIrregularities } from "./traffic-irregularities.ts";

describe("injectIrregularities over a given event list", () => {
  const events = syntheticEvents(2000, 200);
  const rates = { duplicateRate: 0.05, retryRate: 0.02, lateRate: 0.03, outOfOrderRate: 0.05 };

  it("adds duplicates, retries, late and out-of-order deliveries at about the configured rates; same stream, same output", () => {
    const a = injectIrregularities(events, 11, rates);
    const b = injectIrregularities(events, 11, rates);
    expect(a.events.map((e) => e.id)).toEqual(b.events.map((e) => e.id));
    expect(a.summary.duplicates).toBeGreaterThan(60);
    expect(a.summary.duplicates).toBeLessThan(140);
    expect(a.summary.late).toBeGreaterThan(20);
    expect(a.events.length).toBeGreaterThan(2000 + a.summary.duplicates);
    const c = injectIrregularities(events, 11, rates, createStream(11, "another"));
    expect(c.events.map((e) => e.id)).not.toEqual(a.events.map((e) => e.id));
  });

  it("keeps the idempotency key of duplicates and retries, and orders the result by delivery time", () => {
    const { events: out } = injectIrregularities(events, 3, {
      duplicateRate: 0.1,
      retryRate: 0.1,
      lateRate: 0.5,
    });
    for (const e of out.filter((x) => x.id.includes("~"))) {
      const original = events.find((x) => x.id === e.id.split("~")[0]);
      expect(e.idempotencyKey).toBe(original?.idempotencyKey);
    }
    const times = out.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("changes nothing at zero rates", () => {
    expect(injectIrregularities(events, 1, {}).events).toEqual(events);
  });
});
