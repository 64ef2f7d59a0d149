/**
 * Traffic of any country profile replays clean: `generate traffic --country DE,US` produces EUR and
 * USD subscribers on DE and US plans, which the reference destination sells and the shadow model
 * knows, so the provisioning gates find nothing against the clean reference destination.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ProvisioningEvent, RunResult } from "../domain/index.ts";
import { cli } from "./support/cli.ts";

describe("traffic of DE and US subscribers", () => {
  it("replays against the clean reference destination with no provisioning finding", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tranche-country-"));
    const generated = await cli(
      ["generate", "traffic", "--country", "DE,US", "--subscribers", "120", "--out", "t.ndjson"],
      { cwd: dir },
    );
    expect(generated.code, generated.stderr).toBe(0);
    const events = readFileSync(join(dir, "t.ndjson"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as ProvisioningEvent);
    const currencies = new Set(
      events.flatMap((e) => (e.type === "activation" ? [(e.payload as { currency: string }).currency] : [])),
    );
    expect([...currencies].sort()).toEqual(["EUR", "USD"]);

    const run = await cli(["run", "--traffic", "t.ndjson", "--out", "out"], { cwd: dir });
    expect(run.code, run.stderr).not.toBe(2);
    const report = JSON.parse(readFileSync(join(dir, "out", "report.json"), "utf8")) as RunResult;
    const failed = report.gates.filter((g) => g.status === "failed").map((g) => g.id);
    expect(failed).toEqual([]);
    const value = (id: string) => report.gates.find((g) => g.id === id)?.value;
    for (const gate of ["state_mismatches", "wrongly_refused", "wrongly_accepted", "error_rate"])
      expect(value(gate), gate).toBe(0);
  }, 120_000);
});
