/** Expression gates in the config file: accepted when they parse, a config error naming gate and position when not. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../harness/config/index.ts";
import { cli } from "./support/cli.ts";

const configWith = (gates: unknown[]) => {
  const dir = mkdtempSync(join(tmpdir(), "tranche-gates-"));
  writeFileSync(join(dir, "tranche.config.json"), `${JSON.stringify({ gates }, null, 2)}\n`);
  return dir;
};

describe("gates in the config file", () => {
  it("accepts expression gates with operation, abortOnFail and delay", async () => {
    const gate = {
      id: "p99_top_up",
      description: "p99 top-up",
      expression: "max_over(1m, p(99)) < 500ms",
      operation: "top_up",
      severity: "major",
      abortOnFail: true,
      abortDelayMs: 30000,
    };
    const loaded = await loadConfig(undefined, configWith([gate]));
    expect(loaded?.config.gates).toEqual([gate]);
  });

  it("rejects a malformed expression with exit 2, naming the gate and the position", async () => {
    const dir = configWith([
      { id: "p99_bad", description: "bad", expression: "p(99) 800ms", severity: "major" },
    ]);
    const run = await cli(["run", "--target", "http://127.0.0.1:9"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('gate "p99_bad": expected a comparator');
    expect(run.stderr).toContain("at position 7");
  });
});
