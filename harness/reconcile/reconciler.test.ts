import { describe, expect, it } from "vitest";
import type { ReconciliationRow } from "../../domain/index.ts";
import { reconcile } from "./reconciler.ts";
import { createRowSource } from "./row-source.ts";

function rows(n: number): ReconciliationRow[] {
  return Array.from({ length: n }, (_, i) => ({
    key: `sub-${String(i).padStart(8, "0")}`,
    msisdn: `+4477${String(i).padStart(8, "0")}`,
    imsi: `2341500${String(i).padStart(8, "0")}`,
    iccid: `89440000${String(i).padStart(11, "0")}`,
    planId: "PREPAID-S",
    paymentType: "prepaid",
    status: "active",
    balanceMinor: i,
    currency: "GBP",
    anchorDay: 1 + (i % 28),
    timezone: "Europe/London",
    addOns: [],
  }));
}

describe("reconcile (checksums over key ranges, bisection where they differ)", () => {
  it("finds exactly the drifted, missing and extra keys, with the fields that differ", async () => {
    const legacy = rows(5000);
    const destination = legacy
      .slice(0, 4999)
      .map((r, i) => (i % 700 === 3 ? { ...r, planId: "PREPAID-M" } : r));
    destination.push({ ...(legacy[0] as ReconciliationRow), key: "extra-1" });
    const result = await reconcile(createRowSource(legacy), createRowSource(destination), {
      segments: 16,
      leafRows: 32,
    });
    const expected = [
      ...legacy.filter((_, i) => i % 700 === 3).map((r) => [r.key, "planId"]),
      ["extra-1", "existence"],
      [(legacy[4999] as ReconciliationRow).key, "existence"],
    ].sort((x, y) => ((x[0] as string) < (y[0] as string) ? -1 : 1));
    expect(result.differences.map((d) => [d.key, d.fields.join()])).toEqual(expected);
    expect(result.legacyRows).toBe(5000);
    expect(result.destinationRows).toBe(5000);
  });

  it("costs one round of checksums on identical sides and fetches only differing ranges", async () => {
    const legacy = rows(20_000);
    const same = await reconcile(createRowSource(legacy), createRowSource(legacy.slice().reverse()));
    expect(same.differences).toEqual([]);
    expect(same.checksumCalls).toBe(1);
    expect(same.rowsFetched).toBe(0);
    const drifted = legacy.map((r, i) => (i === 12_345 ? { ...r, balanceMinor: r.balanceMinor + 1 } : r));
    const one = await reconcile(createRowSource(legacy), createRowSource(drifted), {
      segments: 32,
      leafRows: 64,
    });
    expect(one.differences.map((d) => d.key)).toEqual(["sub-00012345"]);
    expect(one.rowsFetched).toBeLessThanOrEqual(2 * 64);
  });
});
