import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { ByteBuffer } from "./byte-buffer.ts";
import { epochMsFromIso, isoFromEpochMs, writeIsoInstant } from "./iso-time.ts";

describe("fast ISO instants", () => {
  it("format exactly like Temporal.Instant#toString for any millisecond from 1900 to 2200", () => {
    fc.assert(
      fc.property(fc.integer({ min: -2_208_988_800_000, max: 7_258_118_400_000 }), (ms) => {
        expect(isoFromEpochMs(ms)).toBe(Temporal.Instant.fromEpochMilliseconds(ms).toString());
      }),
      { numRuns: 2000 },
    );
  });

  it("are written as bytes exactly as they are formatted as strings", () => {
    const out = new ByteBuffer(64);
    fc.assert(
      fc.property(fc.integer({ min: -2_208_988_800_000, max: 7_258_118_400_000 }), (ms) => {
        writeIsoInstant(out, ms);
        expect(out.text()).toBe(isoFromEpochMs(ms));
        out.truncate(0);
      }),
      { numRuns: 5000 },
    );
    for (const ms of [0, 1, 10, 100, 120, 999, 1000, 86_399_999, 1_772_323_200_000]) {
      writeIsoInstant(out, ms);
      expect(out.text()).toBe(isoFromEpochMs(ms));
      out.truncate(0);
    }
  });

  it("parse back what they format, and offsets the way Temporal does", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 7_258_118_400_000 }), (ms) => {
        expect(epochMsFromIso(isoFromEpochMs(ms))).toBe(ms);
      }),
    );
    const text = "2026-03-29T01:30:00.250+02:00";
    expect(epochMsFromIso(text)).toBe(Temporal.Instant.from(text).epochMilliseconds);
    expect(epochMsFromIso("2026-03-01 10:00")).toBeNaN();
  });
});
