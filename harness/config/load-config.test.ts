import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TrancheError } from "../../domain/index.ts";
import { configFingerprint, type ResolvedConfig } from "./config.ts";
import { lineOfKey, loadConfig } from "./load-config.ts";

const dir = () => mkdtempSync(join(tmpdir(), "tranche-config-"));

async function errorOf(promise: Promise<unknown>): Promise<TrancheError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TrancheError) return error;
    throw error;
  }
  throw new Error("expected a TrancheError");
}

describe("loadConfig", () => {
  it("returns null when there is no config file", async () => {
    expect(await loadConfig(undefined, dir())).toBeNull();
  });

  it("loads a TypeScript config written with defineConfig", async () => {
    const d = dir();
    const helper = join(process.cwd(), "harness/config/index.ts");
    writeFileSync(
      join(d, "tranche.config.ts"),
      `import { defineConfig } from ${JSON.stringify(helper)};\nexport default defineConfig({ seed: 7, profile: "smoke", world: { subscribers: 50 } });\n`,
    );
    const loaded = await loadConfig(undefined, d);
    expect(loaded?.config).toEqual({ seed: 7, profile: "smoke", world: { subscribers: 50 } });
  });

  it("names file, line and field of a bad regulation override, and of one without its source", async () => {
    const d = dir();
    const file = join(d, "tranche.config.json");
    writeFileSync(
      file,
      '{\n  "regulation": {\n    "GB": {\n      "retention": { "window": "a year", "source": "notice 17" }\n    }\n  }\n}\n',
    );
    const bad = await errorOf(loadConfig(undefined, d));
    expect(bad.code).toBe("E_CONFIG");
    expect(bad.message).toContain(
      `config ${file} line 4: "regulation.GB.retention.window": expected an ISO 8601 period`,
    );
    writeFileSync(
      file,
      '{\n  "regulation": {\n    "GB": {\n      "retention": { "window": "P6M" }\n    }\n  }\n}\n',
    );
    const unsourced = await errorOf(loadConfig(undefined, d));
    expect(unsourced.message).toContain('line 4: "regulation.GB.retention.source"');
    writeFileSync(
      file,
      '{ "regulation": { "GB": { "retention": { "window": "P6M", "source": "notice 17" } } } }',
    );
    expect((await loadConfig(undefined, d))?.config.regulation?.GB?.retention?.window).toBe("P6M");
  });

  it("names file and line of an unknown field", async () => {
    const d = dir();
    writeFileSync(join(d, "tranche.config.json"), '{\n  "seed": 1,\n  "seeed": 2\n}\n');
    const error = await errorOf(loadConfig(undefined, d));
    expect(error.code).toBe("E_CONFIG");
    expect(error.message).toContain("tranche.config.json line 3");
    expect(error.message).toContain('unknown field "seeed"');
  });

  it("names file, line and field of a wrongly typed value", async () => {
    const d = dir();
    writeFileSync(join(d, "tranche.config.json"), '{\n  "profile": "smoke",\n  "seed": "abc"\n}\n');
    const error = await errorOf(loadConfig(undefined, d));
    expect(error.message).toMatch(/line 3: "seed"/);
  });

  it("names the line of a JSON syntax error", async () => {
    const d = dir();
    writeFileSync(join(d, "tranche.config.json"), '{\n  "seed": 1,\n  "profile" "smoke"\n}\n');
    const error = await errorOf(loadConfig(undefined, d));
    expect(error.message).toMatch(/tranche\.config\.json line 3 column \d+: not valid JSON/);
  });

  it("names the line of a TypeScript syntax error", async () => {
    const d = dir();
    writeFileSync(join(d, "tranche.config.ts"), "export default {\n  seed: 1,\n  profile: 'smoke' +,\n};\n");
    const error = await errorOf(loadConfig(undefined, d));
    expect(error.message).toMatch(/tranche\.config\.ts line 3/);
  });
});

describe("lineOfKey", () => {
  it("finds quoted and bare keys", () => {
    expect(lineOfKey('{\n "a": 1,\n "b": 2 }', "b")).toBe(3);
    expect(lineOfKey("x({\n  seed: 1,\n})", "seed")).toBe(2);
    expect(lineOfKey("{}", "missing")).toBeUndefined();
  });
});

describe("configFingerprint", () => {
  const base: ResolvedConfig = {
    seed: 1,
    refDate: "2026-03-01T00:00:00Z",
    profile: "smoke",
    target: "reference",
    defects: [],
    tokenEnv: "T",
    requestTimeoutMs: 10_000,
    out: "/tmp/a",
    world: { subscribers: 10, windowSec: 60 },
    suites: [{ id: "provisioning.replay", options: { ratePerSec: 10, concurrency: 4 } }],
    gates: [],
    catalogDigest: null,
    trafficDigest: null,
    file: null,
  };

  it("ignores where the report goes but not what the run does", () => {
    expect(configFingerprint({ ...base, out: "/tmp/b" })).toBe(configFingerprint(base));
    expect(configFingerprint({ ...base, seed: 2 })).not.toBe(configFingerprint(base));
    expect(configFingerprint({ ...base, defects: ["silent-plan-change"] })).not.toBe(configFingerprint(base));
  });
});
