/**
 * `tranche whatif` end to end, as a planner runs it: generate a base, summarize it with inspect,
 * compare the two example policies of docs/whatif/ against a capacity file, in every format; and
 * every kind of bad input answered with one line and exit 2.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cli } from "./support/cli.ts";

const dir = mkdtempSync(join(tmpdir(), "tranche-whatif-"));
const root = new URL("..", import.meta.url).pathname;
const policies = `${join(root, "docs/whatif/cycle-aligned.json")},${join(root, "docs/whatif/weekly-20k.json")}`;
const base = join(dir, "base.ndjson");
const summary = join(dir, "base.summary.json");
const capacity = join(dir, "capacity.json");

beforeAll(async () => {
  expect(
    (
      await cli([
        "generate",
        "base",
        "--seed",
        "5",
        "--subscribers",
        "3000",
        "--country",
        "GB:0.7,DE:0.3",
        "--out",
        base,
      ])
    ).code,
  ).toBe(0);
  const inspected = await cli(["inspect", base, "--json"]);
  writeFileSync(summary, inspected.stdout);
  const curve = (operation: string, knee: number) => ({
    operation,
    kneeRatePerSec: knee,
    points: [{ ratePerSec: knee }],
  });
  writeFileSync(
    capacity,
    JSON.stringify({
      seed: 1,
      refDate: "2026-03-01T00:00:00Z",
      profile: "readiness",
      target: "reference",
      curves: [curve("activation", 60), curve("top_up", 300)],
    }),
  );
}, 60_000);

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe("tranche whatif", () => {
  it("compares two policies from an inspect summary and writes every format", async () => {
    const out = join(dir, "out");
    const run = await cli([
      "whatif",
      "--base",
      summary,
      "--capacity",
      capacity,
      "--policy",
      policies,
      "--runs",
      "200",
      "--out",
      out,
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /^\[tranche\] whatif seed=20260301 runs=200 start=2026-03-01 harness=\S+ base=3000 subscribers/,
    );
    expect(run.stdout).toMatch(/^What if: cycle-aligned 500\/5k\/50k vs weekly 20k\n/);
    expect(run.stdout).toMatch(/split-period bills mean \/ p90 +0 \/ 0 +[\d,]+ \/ [\d,]+/);
    expect(run.stdout).toContain("capacity activation 60/s, top_up 300/s");
    for (const f of ["whatif.txt", "whatif.json", "whatif.csv", "whatif.html"])
      expect(existsSync(join(out, f))).toBe(true);
    const result = JSON.parse(readFileSync(join(out, "whatif.json"), "utf8"));
    expect(result.schemaVersion).toBe(1);
    expect(result.policies.map((p: { policy: { name: string } }) => p.policy.name)).toEqual([
      "cycle-aligned 500/5k/50k",
      "weekly 20k",
    ]);
    const csv = readFileSync(join(out, "whatif.csv"), "utf8").trimEnd().split("\n");
    const cohorts = result.policies.reduce((n: number, p: { cohortCount: number }) => n + p.cohortCount, 0);
    expect(csv).toHaveLength(1 + result.policies.length + cohorts);
    expect(csv[0]).toMatch(
      /^policy,cohort,subscribers,.*revenue_at_risk_minor_EUR,revenue_at_risk_minor_GBP,/,
    );
    expect(csv[1]).toMatch(/^cycle-aligned 500\/5k\/50k,all,3000,3000,/);
  });

  it("reads the base file itself as it reads its summary, and prints only JSON with --json", async () => {
    const args = ["--capacity", capacity, "--policy", policies, "--runs", "50", "--json"];
    const fromSummary = await cli(["whatif", "--base", summary, ...args]);
    const fromBase = await cli(["whatif", "--base", base, ...args]);
    expect(fromBase.code).toBe(0);
    expect(fromBase.stderr).toBe("");
    const a = JSON.parse(fromSummary.stdout);
    const b = JSON.parse(fromBase.stdout);
    expect(b.base.source).toBe(base);
    expect({ ...b, base: { ...b.base, source: "" } }).toEqual({ ...a, base: { ...a.base, source: "" } });
    expect((await cli(["whatif", "--base", summary, ...args])).stdout).toBe(fromSummary.stdout);
  });

  it("prints only CSV with --csv", async () => {
    const run = await cli(["whatif", "--base", summary, "--policy", policies, "--runs", "20", "--csv"]);
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")[0]).toMatch(/^policy,cohort,/);
  });

  it("documents its options", async () => {
    const { stdout } = await cli(["whatif", "--help"]);
    for (const flag of [
      "--base",
      "--policy",
      "--capacity",
      "--assumptions",
      "--runs",
      "--seed",
      "--start",
      "--json",
      "--csv",
      "--out",
    ]) {
      expect(stdout).toContain(flag);
    }
  });

  const bad = async (args: string[]) => {
    const run = await cli(["whatif", ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    return run.stderr;
  };

  it("answers a bad policy file with one line naming the file, the line and the field", async () => {
    const sizes = write("bad-sizes.json", '{\n  "name": "x",\n  "cohorts": { "sizes": [0] }\n}\n');
    expect(await bad(["--base", summary, "--policy", sizes])).toMatch(
      new RegExp(
        `^\\[tranche\\] could not read policy ${sizes} line 3: "cohorts.sizes.0": Too small: expected number to be >0`,
      ),
    );
    const unknown = write(
      "bad-key.json",
      '{\n  "name": "x",\n  "cohorts": { "sizes": [10] },\n  "alignement": "always"\n}\n',
    );
    expect(await bad(["--base", summary, "--policy", unknown])).toMatch(/line 4: unknown field "alignement"/);
    const syntax = write(
      "bad-syntax.json",
      '{\n  "name": "x",\n  "cohorts": { "sizes": [10] }\n  "alignment": "always"\n}\n',
    );
    expect(await bad(["--base", summary, "--policy", syntax])).toMatch(
      /could not read policy .*bad-syntax.json line 4: not valid JSON/,
    );
    const two = write(
      "two.json",
      JSON.stringify({
        policies: [
          { name: "a", cohorts: { sizes: [10] } },
          { name: "b", cohorts: { sizes: [10] }, schedule: { kind: "fixed" } },
        ],
      }),
    );
    expect(await bad(["--base", summary, "--policy", two])).toMatch(/"policies.1.schedule.everyDays": /);
  });

  it("answers bad assumptions, base, capacity and flags the same way", async () => {
    const assumptions = write(
      "assumptions.json",
      JSON.stringify({
        uncertainty: { rollbackProbability: { dist: "pert", min: 0.2, mode: 0.5, max: 1.4 } },
      }),
    );
    expect(await bad(["--base", summary, "--policy", policies, "--assumptions", assumptions])).toMatch(
      /could not read assumptions .*assumptions.json line 1: "uncertainty.rollbackProbability": expected values from 0 to 1; this pert distribution can draw 0.2 to 1.4/,
    );
    const traffic = join(dir, "traffic.ndjson");
    expect(
      (await cli(["generate", "traffic", "--subscribers", "20", "--duration", "600", "--out", traffic])).code,
    ).toBe(0);
    expect(await bad(["--base", traffic, "--policy", policies])).toMatch(
      /traffic.ndjson: this is a traffic file, not a subscriber base/,
    );
    const cap = write(
      "cap.json",
      JSON.stringify({
        seed: 1,
        refDate: "x",
        profile: "p",
        target: "t",
        curves: [{ operation: "activation", kneeRatePerSec: -4, points: [] }],
      }),
    );
    expect(await bad(["--base", summary, "--policy", policies, "--capacity", cap])).toMatch(
      /cap.json: "curves.0.kneeRatePerSec": /,
    );
    expect(await bad(["--policy", policies])).toMatch(/--base is required/);
    expect(await bad(["--base", summary, "--policy", policies, "--start", "1 April"])).toMatch(
      /--start must be a date YYYY-MM-DD/,
    );
    expect(await bad(["--base", summary, "--policy", policies, "--runs", "0"])).toMatch(
      /--runs must be an integer from 1 to 20000/,
    );
    expect(await bad(["--base", join(dir, "missing.json"), "--policy", policies])).toMatch(
      /missing.json: no such file/,
    );
  });
});
