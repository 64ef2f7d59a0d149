import { describe, expect, it } from "vitest";
import { createStream, toSeed } from "./random.ts";

describe("createStream", () => {
  it("gives record i the same values whatever else was drawn", () => {
    const a = createStream(42, "base");
    const b = createStream(42, "base");
    const first = [a.record(7).next(), a.record(7).next()];
    b.record(0).next();
    b.record(100).next();
    expect(b.record(7).next()).toBe(first[0]);
    expect(first[0]).toBe(first[1]);
  });

  it("resets a reused source to exactly the values of a fresh one", () => {
    const s = createStream(42, "base");
    const reused = s.record(3);
    reused.next();
    for (const i of [7, 0, 2 ** 40 + 5]) {
      const fresh = s.record(i);
      const again = s.record(i, reused);
      expect(again).toBe(reused);
      for (let k = 0; k < 5; k++) expect(again.uint32()).toBe(fresh.uint32());
    }
  });

  it("separates seeds and streams", () => {
    const x = createStream(42, "base").record(1).uint32();
    expect(createStream(43, "base").record(1).uint32()).not.toBe(x);
    expect(createStream(42, "traffic").record(1).uint32()).not.toBe(x);
    expect(createStream(42, "base").record(2).uint32()).not.toBe(x);
  });

  it("draws uniform floats in [0, 1) with a plausible mean", () => {
    const s = createStream(1, "u");
    let sum = 0;
    for (let i = 0; i < 20000; i++) {
      const v = s.record(i).next();
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
      sum += v;
    }
    expect(sum / 20000).toBeGreaterThan(0.49);
    expect(sum / 20000).toBeLessThan(0.51);
  });

  it("rejects seeds that are not safe non-negative integers", () => {
    expect(() => toSeed(-1)).toThrow(RangeError);
    expect(() => toSeed(1.5)).toThrow(RangeError);
    expect(toSeed(2 ** 40 + 3).lo).toBe(3);
  });

  it("picks by weight", () => {
    const s = createStream(9, "w");
    let a = 0;
    for (let i = 0; i < 10000; i++)
      if (
        s.record(i).weighted([
          ["a", 3],
          ["b", 1],
        ] as const) === "a"
      )
        a++;
    expect(a / 10000).toBeGreaterThan(0.72);
    expect(a / 10000).toBeLessThan(0.78);
  });
});

describe("seeded streams", () => {
  it("keep the exact values they had when bases were first generated (sfc32 pinned)", () => {
    const draws = (seed: number, name: string, i: number) => {
      const r = createStream(seed, name).record(i);
      return [r.uint32(), r.uint32(), r.next(), r.int(1, 31), r.digits(6)];
    };
    expect(draws(0, "base", 0)).toEqual([4048483743, 3227493841, 0.30223497394276255, 13, "180300"]);
    expect(draws(20260301, "traffic", 12345)).toEqual([
      690824303,
      3635607911,
      0.9455973848239633,
      23,
      "719554",
    ]);
    expect(draws(2 ** 40 + 7, "li", 2 ** 33 + 5)).toEqual([
      1509777213,
      1223026949,
      0.5144247577774393,
      20,
      "777549",
    ]);
  });
});
