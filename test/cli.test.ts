import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HARNESS_VERSION } from "../harness/index.ts";
import { cli } from "./support/cli.ts";

const dir = () => mkdtempSync(join(tmpdir(), "tranche-cli-"));

describe("tranche --help / --version", () => {
  it("lists the commands", async () => {
    const { code, stdout } = await cli(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/run\s+Run a readiness profile/);
    expect(stdout).toMatch(/generate\s+Generate seeded synthetic data/);
  });

  it("documents run's options", async () => {
    const { stdout } = await cli(["run", "--help"]);
    for (const flag of [
      "--profile",
      "--target",
      "--seed",
      "--subscribers",
      "--out",
      "--json",
      "--traffic",
      "--defects",
      "--serve",
      "--serve-port",
    ]) {
      expect(stdout).toContain(flag);
    }
  });

  it("lists certify, verify and report diff, with their exit codes", async () => {
    const { stdout } = await cli(["--help"]);
    expect(stdout).toMatch(/certify\s+Certify a destination/);
    expect(stdout).toMatch(/verify\s+Verify a certified report\.json/);
    expect(stdout).toMatch(/report\s+Work with written reports/);
    const diff = await cli(["report", "diff", "--help"]);
    expect(diff.stdout).toContain("Exit 0 no regression, 1 B regressed, 2 bad input");
    expect(diff.stdout).toContain("--html <file>");
    expect((await cli(["verify", "--help"])).stdout).toContain(
      "exit 0 verified, 1 edited or not certified, 2 bad input",
    );
    expect((await cli(["certify", "--help"])).stdout).toContain("--target");
  });

  it("prints the harness version", async () => {
    expect((await cli(["--version"])).stdout.trim()).toBe(HARNESS_VERSION);
  });

  it("rejects an unknown command and an unknown flag with exit 2", async () => {
    expect((await cli(["frobnicate"])).code).toBe(2);
    const unknownFlag = await cli(["run", "--nope"]);
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toMatch(/^\[tranche\] .*--nope/);
  });
});

describe("tranche generate", () => {
  it("writes byte-identical files for one seed and different ones for another", async () => {
    const d = dir();
    for (const [name, seed] of [
      ["a", "5"],
      ["b", "5"],
      ["c", "6"],
    ] as const) {
      expect(
        (
          await cli([
            "generate",
            "base",
            "--seed",
            seed,
            "--subscribers",
            "300",
            "--out",
            join(d, `${name}.base`),
          ])
        ).code,
      ).toBe(0);
      expect(
        (
          await cli([
            "generate",
            "traffic",
            "--seed",
            seed,
            "--subscribers",
            "300",
            "--out",
            join(d, `${name}.traffic`),
          ])
        ).code,
      ).toBe(0);
    }
    const read = (f: string) => readFileSync(join(d, f));
    expect(read("a.base").equals(read("b.base"))).toBe(true);
    expect(read("a.traffic").equals(read("b.traffic"))).toBe(true);
    expect(read("a.base").equals(read("c.base"))).toBe(false);
    expect(read("a.traffic").equals(read("c.traffic"))).toBe(false);
  });
});

describe("bad input", () => {
  it("names the event file and line of a malformed event, exit 2", async () => {
    const d = dir();
    const file = join(d, "traffic.ndjson");
    await cli(["generate", "traffic", "--subscribers", "3", "--out", file]);
    const lines = readFileSync(file, "utf8").split("\n");
    lines[2] = lines[2]?.replace(/"at":"[^"]+"/, '"at":"yesterday"') ?? "";
    writeFileSync(file, lines.join("\n"));
    const { code, stderr } = await cli(["run", "--traffic", file, "--out", join(d, "out")]);
    expect(code).toBe(2);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain(`${file} line 3: "at"`);
  });

  it("names a line that is not JSON", async () => {
    const d = dir();
    const file = join(d, "traffic.ndjson");
    writeFileSync(file, "\n{not json\n");
    const { code, stderr } = await cli(["run", "--traffic", file]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${file} line 2 column 2: not valid JSON`);
  });

  it("names the config file and line, exit 2", async () => {
    const d = dir();
    writeFileSync(join(d, "tranche.config.json"), '{\n  "profile": "smoke",\n  "subscribres": 5\n}\n');
    const { code, stderr } = await cli(["run"], { cwd: d });
    expect(code).toBe(2);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain("tranche.config.json line 3");
  });

  it("rejects an unknown profile and a bad seed with exit 2", async () => {
    expect((await cli(["run", "--profile", "nope"], { cwd: dir() })).code).toBe(2);
    expect((await cli(["run", "--seed", "-4"], { cwd: dir() })).code).toBe(2);
  });
});
