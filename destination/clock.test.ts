import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { createTestClock, frozenSource } from "./clock.ts";

describe("test clock", () => {
  it("advances by durations (calendar units in UTC) and seconds, sets forward, refuses to go back", () => {
    const changes: bigint[] = [];
    const clock = createTestClock(frozenSource(Temporal.Instant.from("2026-01-31T00:00:00Z")), 0n, (o) =>
      changes.push(o),
    );
    expect(clock.advance(Temporal.Duration.from("P1M")).toString()).toBe("2026-02-28T00:00:00Z");
    expect(clock.advance(3600).toString()).toBe("2026-02-28T01:00:00Z");
    expect(clock.set(Temporal.Instant.from("2026-03-01T00:00:00Z")).toString()).toBe("2026-03-01T00:00:00Z");
    expect(() => clock.set(Temporal.Instant.from("2026-01-01T00:00:00Z"))).toThrow(/only moves forward/);
    expect(changes).toHaveLength(3);
  });

  it("resumes from a persisted offset", () => {
    const clock = createTestClock(
      frozenSource(Temporal.Instant.from("2026-03-01T00:00:00Z")),
      86_400_000_000_000n,
    );
    expect(clock.now().toString()).toBe("2026-03-02T00:00:00Z");
  });
});
