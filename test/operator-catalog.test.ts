/**
 * An operator's own plan catalog (`--catalog FILE`): the generated base buys from it, the shadow
 * model judges by it, and the embedded reference destination sells it — so a run with it is clean,
 * while a destination that sells another catalog refuses the operator's plans and is NOT READY.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startReferenceDestination } from "../destination/index.ts";
import { allCountryPlans, type RunResult } from "../domain/index.ts";
import { cli } from "./support/cli.ts";

/** Every country's plans, renamed and repriced: ids no default catalog has. */
function operatorCatalog(dir: string): string {
  const plans = allCountryPlans().map((p) => ({
    ...p,
    id: `OP-${p.id}`,
    recurringFeeMinor: p.recurringFeeMinor + 1,
  }));
  const file = join(dir, "catalog.json");
  writeFileSync(file, JSON.stringify({ plans }));
  return file;
}

const gateValue = (report: RunResult, id: string) => report.gates.find((g) => g.id === id)?.value;

describe("an operator's catalog", () => {
  it("is sold by the embedded reference destination and judged by the shadow model: no finding", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tranche-catalog-"));
    const run = await cli(["run", "--catalog", operatorCatalog(dir), "--subscribers", "80", "--out", "out"], {
      cwd: dir,
    });
    const report = JSON.parse(readFileSync(join(dir, "out", "report.json"), "utf8")) as RunResult;
    expect(run.code, run.stderr).not.toBe(2);
    for (const gate of ["state_mismatches", "wrongly_accepted", "wrongly_refused", "error_rate"])
      expect(gateValue(report, gate), gate).toBe(0);
    expect(run.stdout + run.stderr).not.toMatch(/unknown_plan/);
  }, 120_000);

  it("makes a destination selling another catalog NOT READY: the operator's plans are refused", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tranche-catalog-"));
    const destination = await startReferenceDestination({});
    try {
      const run = await cli(
        [
          "run",
          "--target",
          destination.url,
          "--catalog",
          operatorCatalog(dir),
          "--subscribers",
          "80",
          "--out",
          "out",
        ],
        { cwd: dir, env: { TRANCHE_TARGET_TOKEN: "reference-bss-token" } },
      );
      const report = JSON.parse(readFileSync(join(dir, "out", "report.json"), "utf8")) as RunResult;
      expect(
        run.code,
        JSON.stringify([report.incompleteReason, report.gates.map((g) => [g.id, g.status, g.value])]),
      ).toBe(1);
      expect(gateValue(report, "wrongly_refused")).toBeGreaterThan(0);
    } finally {
      await destination.close();
    }
  }, 120_000);

  it("that is not a catalog is bad input naming the file (exit 2)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tranche-catalog-"));
    writeFileSync(join(dir, "c.json"), JSON.stringify({ plans: [{ id: "X" }] }));
    const run = await cli(["run", "--catalog", "c.json", "--dry-run"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("c.json");
  });
});
