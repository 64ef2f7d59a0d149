/** `tranche export k6` from the command line: a suite's replay plan written out, and refusals named. */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "acorn";
import { describe, expect, it } from "vitest";
import { cli } from "./support/cli.ts";

describe("tranche export k6 (CLI)", () => {
  it("writes script, shards, thresholds and README for a built-in suite", async () => {
    const out = mkdtempSync(join(tmpdir(), "tranche-k6-cli-"));
    const run = await cli([
      "export",
      "k6",
      "--suite",
      "provisioning.replay",
      "--out",
      out,
      "--lanes",
      "4",
      "--seed",
      "9",
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("seed=9");
    expect(run.stderr).toContain("suite=provisioning.replay");
    const script = readFileSync(join(out, "script.js"), "utf8");
    expect(script).toContain("seed: 9");
    expect(script).toContain("suite: provisioning.replay");
    expect(() => parse(script, { ecmaVersion: "latest", sourceType: "module" })).not.toThrow();
    expect(readFileSync(join(out, "shards/lane-003.json"), "utf8").length).toBeGreaterThan(2);
  });

  it("refuses a suite the profile does not run, with one line and exit 2", async () => {
    const out = mkdtempSync(join(tmpdir(), "tranche-k6-cli-"));
    const missing = await cli(["export", "k6", "--suite", "nope.nope", "--out", out]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    expect(missing.stderr).toContain('suite "nope.nope" is not in profile smoke');
  });
});
