import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createPermutation, isLuhnValid, luhnCheckDigit, padDigits, withLuhn } from "./identifiers.ts";

describe("identifiers", () => {
  it("compute the Luhn check digit of known ICCID and IMEI numbers", () => {
    expect(luhnCheckDigit("7992739871")).toBe(3);
    expect(isLuhnValid("490154203237518")).toBe(true);
    expect(isLuhnValid("490154203237519")).toBe(false);
    fc.assert(
      fc.property(fc.stringMatching(/^\d{14,19}$/), (p) => {
        expect(isLuhnValid(withLuhn(p))).toBe(true);
      }),
    );
  });

  it("permute a range without repeats (a bijection for any size and key)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (size, key) => {
          const perm = createPermutation(size, key);
          const seen = new Set<number>();
          for (let i = 0; i < size; i++) {
            const v = perm(i);
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThan(size);
            seen.add(v);
          }
          expect(seen.size).toBe(size);
        },
      ),
      { numRuns: 30 },
    );
  });

  it("pad digits exactly like String#padStart", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 15 }), fc.double({ min: 0, max: 1, noNaN: true }), (width, f) => {
        const value = Math.floor(f * (10 ** width - 1));
        expect(padDigits(value, width)).toBe(String(value).padStart(width, "0"));
      }),
    );
  });
});
