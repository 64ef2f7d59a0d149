/** `tranche export k6` and `tranche check --state` from the command line: files written, refusals named. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "acorn";
import { describe, expect, it } from "vitest";
import { resolveRunConfigFrom } from "../cli/resolve-run-config.ts";
import { cli } from "./support/cli.ts";

const TARGET = "http://127.0.0.1:9";

async function exported(extra: string[] = []): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), "tranche-k6-cli-"));
  const run = await cli([
    "export",
    "k6",
    "--suite",
    "provisioning.replay",
    "--target",
    TARGET,
    "--out",
    out,
    "--lanes",
    "4",
    "--seed",
    "9",
    ...extra,
  ]);
  expect(run.code, run.stderr).toBe(0);
  return out;
}

describe("tranche export k6 (CLI)", () => {
  it("writes script, shards, thresholds, manifest, README and k8s manifests for a built-in suite", async () => {
    const out = await exported();
    const script = readFileSync(join(out, "script.js"), "utf8");
    expect(script).toContain("seed: 9");
    expect(script).toContain("suite: provisioning.replay");
    expect(() => parse(script, { ecmaVersion: "latest", sourceType: "module" })).not.toThrow();
    expect(readFileSync(join(out, "shards/lane-003.json"), "utf8").length).toBeGreaterThan(2);
    const manifest = JSON.parse(readFileSync(join(out, "tranche-export.json"), "utf8"));
    expect(manifest.flags).toEqual({ target: TARGET, seed: "9" });
    expect(readFileSync(join(out, "k8s/testrun.yaml"), "utf8")).toContain("parallelism: 1");
  });

  it("fingerprints the config for the URL target, as tranche run does for it", async () => {
    const out = await exported();
    const header = readFileSync(join(out, "script.js"), "utf8").slice(0, 600);
    const resolved = (target: string) =>
      resolveRunConfigFrom({ seed: "9", target }, null, { cwd: out, defaultProfile: "smoke" }).fingerprint;
    expect(header).toContain(`configFingerprint: ${resolved(TARGET)}`);
    expect(resolved(TARGET)).not.toBe(resolved("reference"));
    const reference = await cli([
      "export",
      "k6",
      "--suite",
      "provisioning.replay",
      "--target",
      "reference",
      "--out",
      out,
    ]);
    expect(reference.code).toBe(2);
    expect(reference.stderr).toContain("--target must be the destination's http(s) URL");
  });

  it("refuses a suite the profile does not run, with one line and exit 2", async () => {
    const out = mkdtempSync(join(tmpdir(), "tranche-k6-cli-"));
    const missing = await cli(["export", "k6", "--suite", "nope.nope", "--target", TARGET, "--out", out]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    expect(missing.stderr).toContain('suite "nope.nope" is not in profile smoke');
  });
});

const env = { TRANCHE_TARGET_TOKEN: "t0ken" };

describe("tranche check --state (CLI)", () => {
  it("needs the token variable k6 used: no default token against a URL", async () => {
    const out = await exported();
    const run = await cli(["check", "--state", "--export", out, out]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("TRANCHE_TARGET_TOKEN is not set");
  });

  it("needs the export folder and at least one k6 output", async () => {
    const out = await exported();
    const bare = await cli(["check", "--state"]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain("--state and --export are required");
    const none = await cli(["check", "--state", "--export", out], { env });
    expect(none.code).toBe(2);
    expect(none.stderr.trim().split("\n")).toHaveLength(1);
    expect(none.stderr).toContain("no k6 output given");
  });

  it("names the folder without a manifest, and a manifest whose plan is not the one its flags give", async () => {
    const empty = mkdtempSync(join(tmpdir(), "tranche-k6-cli-"));
    const missing = await cli(["check", "--state", "--export", empty, empty]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`could not read ${join(empty, "tranche-export.json")}`);

    const out = await exported();
    const file = join(out, "tranche-export.json");
    const manifest = JSON.parse(readFileSync(file, "utf8"));
    writeFileSync(file, JSON.stringify({ ...manifest, planDigest: "0".repeat(64) }));
    const output = join(out, "empty.json");
    writeFileSync(output, "");
    const other = await cli(["check", "--state", "--export", out, output], { env });
    expect(other.code).toBe(2);
    expect(other.stderr.trim().split("\n")).toHaveLength(1);
    expect(other.stderr).toContain("the export has");
  });

  it("names file and line of an output that is not k6's JSON", async () => {
    const out = await exported();
    const output = join(out, "bad.json");
    writeFileSync(output, '{"metric":"tranche_answers","type":"Point"\n');
    const bad = await cli(["check", "--state", "--export", out, output], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`could not read ${output} line 1: is not JSON.`);
  });
});
