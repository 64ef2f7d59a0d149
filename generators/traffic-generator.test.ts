import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import {
  EVENT_TYPES,
  type EventType,
  type ProvisioningEvent,
  ProvisioningEventSchema,
  parseCountryMix,
} from "../domain/index.ts";
import { generateBase } from "./base-generator.ts";
import { generateTraffic, generateTrafficWithTruth } from "./traffic.ts";

const refDate = Temporal.Instant.from("2026-03-01T00:00:00Z");
const countries = parseCountryMix("GB:0.6,DE:0.3,US:0.1");
const base = (seed: number, count: number) => [...generateBase({ seed, refDate, count, countries })];

/** Replays one line's events in file order and returns the first causal violation, if any. */
function violation(events: readonly ProvisioningEvent[]): string | null {
  let state: "none" | "active" | "suspended" | "closed" = "none";
  for (const e of events) {
    if (state === "none" && e.type !== "activation") return `${e.id}: ${e.type} before activation`;
    if (state === "closed") return `${e.id}: ${e.type} after termination/port-out`;
    if (state === "suspended" && !["top_up", "resumption", "termination"].includes(e.type))
      return `${e.id}: ${e.type} while suspended`;
    if (e.type === "activation") state = "active";
    if (e.type === "suspension") state = "suspended";
    if (e.type === "resumption") state = "active";
    if (e.type === "termination" || e.type === "port_out") state = "closed";
  }
  return null;
}

function byLine(events: readonly ProvisioningEvent[]): Map<string, ProvisioningEvent[]> {
  const lines = new Map<string, ProvisioningEvent[]>();
  for (const e of events) lines.set(e.subscriberId, [...(lines.get(e.subscriberId) ?? []), e]);
  return lines;
}

describe("provisioning traffic", { timeout: 60_000 }, () => {
  it("is causally consistent, sorted and valid for any seed and any types restriction", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.subarray([...EVENT_TYPES]), (seed, types) => {
        const events = generateTraffic(
          {
            seed,
            from: refDate,
            durationSec: 7 * 86_400,
            eventsPerSubscriber: 6,
            types: types as EventType[],
          },
          base(seed, 150),
        );
        const allowed = new Set<string>(["activation", ...types]);
        // Compare instants, not strings: "…48Z" sorts after "…48.667Z" as text.
        let last = Number.NEGATIVE_INFINITY;
        for (const e of events) {
          expect(ProvisioningEventSchema.safeParse(e).success).toBe(true);
          expect(allowed.has(e.type)).toBe(true);
          expect("occurredAt" in e).toBe(false);
          const ms = Temporal.Instant.from(e.at).epochMilliseconds;
          expect(ms).toBeGreaterThanOrEqual(last);
          last = ms;
        }
        for (const line of byLine(events).values()) expect(violation(line)).toBeNull();
        expect(new Set(events.map((e) => e.idempotencyKey)).size).toBe(events.length);
      }),
      { numRuns: 25 },
    );
  });

  it("covers all eleven event types when unrestricted", () => {
    const events = generateTraffic(
      { seed: 5, from: refDate, durationSec: 14 * 86_400, eventsPerSubscriber: 8 },
      base(5, 2000),
    );
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(EVENT_TYPES));
  });

  it("injects irregularities only when configured, and marks every one in the truth", () => {
    const lines = base(9, 1500);
    const options = { seed: 9, from: refDate, durationSec: 2 * 86_400, eventsPerSubscriber: 6 };
    expect(generateTrafficWithTruth(options, lines).truth).toEqual([]);
    const { events, truth } = generateTrafficWithTruth(
      {
        ...options,
        irregularities: {
          duplicateRate: 0.05,
          retryRate: 0.05,
          outOfOrderRate: 0.3,
          outOfOrderWindowSec: 3600,
          lateRate: 0.03,
          maxClockSkewMs: 5000,
        },
      },
      lines,
    );
    const marked = new Map(truth.map((t) => [t.id, t.kind]));
    for (const kind of ["duplicate", "retry", "out_of_order", "late", "clock_skew"])
      expect([...marked.values()]).toContain(kind);
    const keys = new Map<string, number>();
    for (const e of events) {
      const n = (keys.get(e.idempotencyKey) ?? 0) + 1;
      keys.set(e.idempotencyKey, n);
      if (n > 1) expect(["duplicate", "retry"]).toContain(marked.get(e.id));
    }
    for (const line of byLine(events).values()) {
      let prev = -1;
      for (const e of line.filter((x) => !x.id.includes("~"))) {
        const seq = Number(e.id.slice(-2));
        if (seq < prev) expect(["out_of_order", "late"]).toContain(marked.get(e.id));
        prev = Math.max(prev, seq);
      }
    }
  });

  it("follows the day: night hours quiet, evenings busy; top-ups spike at the month start", () => {
    const lines = base(11, 4000).filter((s) => s.country === "GB");
    const events = generateTraffic(
      { seed: 11, from: refDate, durationSec: 28 * 86_400, eventsPerSubscriber: 20 },
      lines,
    );
    const followOns = events.filter((e) => e.type !== "activation");
    const hour = (e: ProvisioningEvent) => Number(e.at.slice(11, 13));
    const night = followOns.filter((e) => hour(e) >= 2 && hour(e) < 5).length;
    const evening = followOns.filter((e) => hour(e) >= 18 && hour(e) < 21).length;
    expect(evening).toBeGreaterThan(night * 10);
    const topUpShare = (days: (d: number) => boolean) => {
      const xs = followOns.filter((e) => days(Number(e.at.slice(8, 10))));
      return xs.filter((e) => e.type === "top_up").length / xs.length;
    };
    expect(topUpShare((d) => d <= 2)).toBeGreaterThan(topUpShare((d) => d >= 10 && d <= 20) * 1.5);
  });

  it("hits a configured peak rate in the busiest hour within 25%", () => {
    const lines = base(12, 3000);
    const events = generateTraffic(
      { seed: 12, from: refDate, durationSec: 3 * 86_400, peakEventsPerSec: 0.5 },
      lines,
    );
    const perHour = new Map<string, number>();
    for (const e of events) perHour.set(e.at.slice(0, 13), (perHour.get(e.at.slice(0, 13)) ?? 0) + 1);
    const peak = Math.max(...perHour.values()) / 3600;
    expect(peak).toBeGreaterThan(0.5 * 0.75);
    expect(peak).toBeLessThan(0.5 * 1.25);
  });
});
