/**
 * The destination's clock. Business time inside the reference destination (billing runs, porting
 * timers, retention cutoffs, LI record timestamps) comes from an injected source plus an offset
 * that the test clock endpoint moves, the way a staged BSS exposes a test clock so that a billing
 * cycle can be simulated in seconds. The offset is persisted, so a restart keeps simulated time.
 */
import { Temporal } from "temporal-polyfill";

/** Anything that can tell the current instant. */
export interface ClockSource {
  now(): Temporal.Instant;
}

/** A clock whose time can be set or advanced (never moved backwards). */
export interface TestClock extends ClockSource {
  /** Moves the clock forward by a duration (ISO 8601, e.g. "P1D", "PT4H") or a number of seconds. */
  advance(by: Temporal.Duration | number): Temporal.Instant;
  /** Sets the clock to an instant at or after the current one. */
  set(to: Temporal.Instant): Temporal.Instant;
  /** Nanoseconds added to the source; persisted by the destination. */
  offsetNs(): bigint;
}

/** Default start of the reference destination's clock when none is injected. */
export const DEFAULT_CLOCK_START = "2026-03-01T00:00:00Z";

/** A source frozen at one instant: simulated time moves only when the test clock is moved. */
export function frozenSource(at: Temporal.Instant): ClockSource {
  return { now: () => at };
}

/** Wraps a source in a settable test clock starting at the given offset. */
export function createTestClock(
  source: ClockSource,
  initialOffsetNs = 0n,
  onChange: (offsetNs: bigint) => void = () => {},
): TestClock {
  let offset = initialOffsetNs;
  const current = () => Temporal.Instant.fromEpochNanoseconds(source.now().epochNanoseconds + offset);
  const moveTo = (target: Temporal.Instant): Temporal.Instant => {
    const here = current();
    if (Temporal.Instant.compare(target, here) < 0) {
      throw new RangeError(`the test clock only moves forward: ${target} is before ${here}`);
    }
    offset += target.epochNanoseconds - here.epochNanoseconds;
    onChange(offset);
    return current();
  };
  return {
    now: current,
    offsetNs: () => offset,
    set: moveTo,
    advance(by) {
      const duration = typeof by === "number" ? Temporal.Duration.from({ seconds: by }) : by;
      // Calendar units (P1M, P1D) are applied in UTC, so "P1M" from 31 January lands on 28/29 February.
      return moveTo(current().toZonedDateTimeISO("UTC").add(duration).toInstant());
    },
  };
}
