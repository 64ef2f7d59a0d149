import { Temporal } from "temporal-polyfill";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StallingServer, startStallingServer } from "../../test/support/stalling-server.ts";
import { createContractAdapter } from "../adapters/index.ts";
import { asStatGate } from "../gates/stat-gate.ts";
import { searchCapacity } from "./capacity-search.ts";

let server: StallingServer;
beforeAll(async () => {
  // One request at a time, 4 ms each: about 250 requests/s at most.
  server = await startStallingServer({ serviceMs: 4 });
});
afterAll(async () => {
  await server.close();
});

describe("capacity search", () => {
  it("finds the knee below the destination's capacity and keeps the curve", async () => {
    const adapter = createContractAdapter({ baseUrl: server.url, token: "t", connections: 64 });
    try {
      const curves = await searchCapacity({
        adapter: adapter.capabilities.provisioning,
        operations: ["top_up"],
        ratesPerSec: [50, 100, 150, 600, 800, 1000],
        stepSec: 1.5,
        gates: [{ id: "p99", description: "p99", expression: "p(99) < 400ms", severity: "major" }],
        concurrency: 64,
        seed: 1,
        refDate: Temporal.Instant.from("2026-03-01T00:00:00Z"),
        poolSize: 20,
      });
      const [curve] = curves;
      expect(curve?.operation).toBe("top_up");
      expect(curve?.kneeRatePerSec).toBe(150);
      // Stops after two failing steps in a row: 1,000/s is never tried.
      expect(curve?.points.map((p) => p.ratePerSec)).toEqual([50, 100, 150, 600, 800]);
      expect(curve?.points[3]?.passed).toBe(false);
      expect(curve?.points[3]?.failedGates[0]).toMatch(/^p99: p\(99\)/);
      expect(curve?.points[3]?.p99Ms).toBeGreaterThanOrEqual(400);
    } finally {
      await adapter.close();
    }
  }, 30_000);

  it("refuses to search without an SLO gate over run statistics", async () => {
    await expect(
      searchCapacity({
        adapter: createContractAdapter({ baseUrl: server.url, token: "t" }).capabilities.provisioning,
        operations: ["activation"],
        ratesPerSec: [10],
        stepSec: 1,
        gates: [{ id: "state", description: "s", expression: "state_mismatches == 0", severity: "blocker" }],
        concurrency: 4,
        seed: 1,
        refDate: Temporal.Instant.from("2026-03-01T00:00:00Z"),
      }),
    ).rejects.toThrow(/at least one SLO gate/);
  });
});

describe("asStatGate", () => {
  it("turns field-form latency and error gates into expression gates", () => {
    const base = { description: "d", severity: "major" as const, comparator: "<" as const, unit: "ms" };
    expect(
      asStatGate({
        ...base,
        id: "a",
        measurement: "provisioning.replay.latency_p99_ms.activation",
        threshold: 800,
      }),
    ).toMatchObject({
      expression: "p(99) < 800ms",
      operation: "activation",
      suite: "provisioning.replay",
    });
    expect(
      asStatGate({ ...base, id: "b", measurement: "x.y.latency_p999_ms", threshold: 900 }).expression,
    ).toBe("p(99.9) < 900ms");
    expect(
      asStatGate({ ...base, id: "c", measurement: "x.y.error_rate_pct", threshold: 1, unit: "%" }),
    ).toMatchObject({ expression: "rate(errors) < 1%", suite: "x.y" });
    expect(
      asStatGate({ ...base, id: "d", measurement: "x.y.state_mismatches", threshold: 0 }).expression,
    ).toBeUndefined();
  });
});

describe("tranche capacity (CLI)", () => {
  it("steps a process target and prints the curves as JSON", async () => {
    const { cli } = await import("../../test/support/cli.ts");
    const run = await cli([
      "capacity",
      "--target",
      "process:node docker/stand-in-destination.mjs",
      "--operations",
      "top_up",
      "--rates",
      "20,40",
      "--step-sec",
      "1",
      "--json",
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { curves: Array<{ operation: string; kneeRatePerSec: number }> };
    expect(out.curves).toEqual([expect.objectContaining({ operation: "top_up", kneeRatePerSec: 40 })]);
  }, 30_000);
});
