import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createStream } from "../domain/index.ts";
import { type Distribution, distributionSchema, meanOf, sample, supportOf } from "./distribution.ts";

const KINDS: Distribution[] = [
  3,
  { dist: "uniform", min: 1, max: 5 },
  { dist: "triangular", min: 0, mode: 1, max: 10 },
  { dist: "pert", min: 0.5, mode: 2, max: 14 },
  { dist: "lognormal", median: 4, sigma: 1 },
  { dist: "beta", alpha: 2, beta: 8 },
  { dist: "beta", alpha: 0.5, beta: 0.5 },
];

describe("distributions", () => {
  it("draw within their support, from any seed", () => {
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom(...KINDS), (seed, d) => {
        const random = createStream(seed, "test").record(0);
        const [lo, hi] = supportOf(d);
        for (let i = 0; i < 50; i++) {
          const x = sample(d, random);
          expect(x).toBeGreaterThanOrEqual(lo);
          expect(x).toBeLessThanOrEqual(hi);
        }
      }),
    );
  });

  it("have the means of their formulas (20,000 draws at a fixed seed)", () => {
    for (const d of KINDS) {
      const random = createStream(1, "means").record(0);
      let sum = 0;
      for (let i = 0; i < 20_000; i++) sum += sample(d, random);
      expect(sum / 20_000).toBeCloseTo(meanOf(d), d === KINDS[4] ? 0 : 1);
    }
  });

  it("say which bound a schema's distribution breaks", () => {
    const probability = distributionSchema(0, 1);
    const issue = (v: unknown) => probability.safeParse(v).error?.issues[0]?.message;
    expect(issue(1.5)).toBe("expected values from 0 to 1, got 1.5");
    expect(issue({ dist: "lognormal", median: 0.1, sigma: 1 })).toMatch(
      /lognormal distribution can draw 0 to Infinity/,
    );
    expect(issue({ dist: "pert", min: 0.2, mode: 0.1, max: 0.3 })).toMatch(/expected min <= mode <= max/);
    expect(issue({ dist: "pert", min: 0, max: 1 })).toBe('field "mode": expected number, received undefined');
    expect(issue({ dist: "gauss" })).toMatch(
      /field "dist": expected "uniform", "triangular", "pert", "lognormal" or "beta", got "gauss"/,
    );
    expect(issue("often")).toMatch(/expected a number or a distribution/);
    expect(probability.safeParse({ dist: "beta", alpha: 2, beta: 3 }).success).toBe(true);
  });
});
