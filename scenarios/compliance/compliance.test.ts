import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { createStream } from "../../domain/index.ts";
import { createWorld } from "../../harness/index.ts";
import { complianceLines, LINE_BLOCKS, retryingTarget } from "./compliance-lines.ts";
import { planLiRehearsal, targetIdentifiers } from "./li-rehearsal.ts";
import { sequenceFaults } from "./li-suite.ts";

const REF = Temporal.Instant.from("2026-03-01T00:00:00Z");
const world = (seed = 5) =>
  createWorld({
    seed,
    refDate: REF,
    spec: { subscribers: 300, windowSec: 3600, countries: "GB:0.6,DE:0.3,US:0.1" },
  });

describe("X2 sequence faults", () => {
  it("count holes and repeats of a sequence that should be 1…n", () => {
    expect(sequenceFaults([1, 2, 3, 4])).toEqual({ holes: 0, repeats: 0 });
    expect(sequenceFaults([1, 2, 4])).toEqual({ holes: 1, repeats: 0 });
    expect(sequenceFaults([1, 2, 3, 1, 2])).toEqual({ holes: 0, repeats: 2 });
    expect(sequenceFaults([])).toEqual({ holes: 0, repeats: 0 });
  });
});

describe("compliance lines", () => {
  it("never share a number with the world's base or with another suite's block", () => {
    const w = world();
    const base = new Set(w.base().map((s) => s.msisdn));
    const blocks = Object.values(LINE_BLOCKS).map((b) => complianceLines(w, b, 50).map((s) => s.msisdn));
    for (const block of blocks) {
      expect(block).toHaveLength(50);
      expect(block.filter((m) => base.has(m))).toEqual([]);
    }
    expect(new Set(blocks.flat()).size).toBe(200);
  });

  it("give the same LI rehearsal for the same seed, another for another seed", () => {
    const plan = (seed: number) =>
      planLiRehearsal(
        world(seed),
        { targets: 3, legacyRecords: 41 },
        (n) => createStream(seed, `compliance.li/${n}`),
        REF,
      );
    expect(targetIdentifiers(plan(5))).toEqual(targetIdentifiers(plan(5)));
    expect(targetIdentifiers(plan(5))).not.toEqual(targetIdentifiers(plan(6)));
    const tasks = plan(5).tasks;
    expect(tasks.map((t) => t.legacyDelivered)).toEqual([41, 42, 43]);
    expect(tasks.every((t) => t.xid.length >= 8 && t.xid.length <= 64)).toBe(true);
  });
});

describe("retryingTarget", () => {
  it("retries an operation answered with a 5xx, and gives up after its attempts", async () => {
    let calls = 0;
    const flaky = retryingTarget(
      {
        group: {
          async op() {
            calls += 1;
            if (calls < 3) throw new Error("x failed: the destination answered HTTP 503 unavailable.");
            return "ok";
          },
          async down() {
            return { status: 502 };
          },
        },
      },
      3,
    );
    expect(await flaky.group.op()).toBe("ok");
    expect(calls).toBe(3);
    expect(await flaky.group.down()).toEqual({ status: 502 });
  });
});
