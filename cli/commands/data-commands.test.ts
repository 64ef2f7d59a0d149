import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../command.ts";
import { runCli } from "../main.ts";

const dir = mkdtempSync(join(tmpdir(), "tranche-cli-"));

function fakeIo(env: Record<string, string> = {}) {
  const out = { stdout: "", stderr: "" };
  const io: CliIo = {
    stdout: (t) => {
      out.stdout += t;
    },
    stderr: (t) => {
      out.stderr += t;
    },
    interactive: false,
    env,
    cwd: dir,
    signal: new AbortController().signal,
  };
  return { io, out };
}

describe("generate, inspect and capture commands", { timeout: 60_000 }, () => {
  it("generate base writes the base, its truth file and the LI list, and reports the seed", async () => {
    const { io, out } = fakeIo();
    const file = join(dir, "base.ndjson");
    const code = await runCli(
      [
        "generate",
        "base",
        "--subscribers",
        "500",
        "--country",
        "GB:0.5,US:0.5",
        "--defects",
        "legacy",
        "--out",
        file,
      ],
      io,
    );
    expect(code).toBe(0);
    expect(out.stderr).toMatch(
      /^\[tranche\] seed=20260301 refDate=2026-03-01T00:00:00Z wrote 500 subscribers/,
    );
    expect(readFileSync(file, "utf8").trimEnd().split("\n")).toHaveLength(500);
    expect(readFileSync(`${file}.truth.ndjson`, "utf8")).toContain('"stream":"base"');
    readFileSync(`${file}.li.ndjson`, "utf8");
  });

  it("inspect summarizes a traffic file by type and hour", async () => {
    const file = join(dir, "traffic.ndjson");
    expect(
      await runCli(
        ["generate", "traffic", "--subscribers", "200", "--duration", "86400", "--out", file],
        fakeIo().io,
      ),
    ).toBe(0);
    const { io, out } = fakeIo();
    expect(await runCli(["inspect", file, "--json"], io)).toBe(0);
    const summary = JSON.parse(out.stdout);
    expect(summary.kind).toBe("traffic");
    expect(summary.counts.type.activation).toBe(200);
    expect(Object.keys(summary.byHour).length).toBeGreaterThan(12);
  });

  it("inspect gives the same summary for the CSV and the NDJSON form of a base", async () => {
    const summaries = [];
    for (const format of ["ndjson", "csv"]) {
      const file = join(dir, `same.${format}`);
      const args = [
        "generate",
        "base",
        "--subscribers",
        "800",
        "--country",
        "GB:0.5,DE:0.5",
        "--format",
        format,
      ];
      expect(await runCli([...args, "--out", file], fakeIo().io)).toBe(0);
      const { io, out } = fakeIo();
      expect(await runCli(["inspect", file, "--json"], io)).toBe(0);
      summaries.push(JSON.parse(out.stdout));
    }
    expect(summaries[0].counts.plan).toEqual(summaries[1].counts.plan);
    expect(summaries[1].counts.anchorDay).toEqual(summaries[0].counts.anchorDay);
    expect(summaries[1].counts.kycComplete).toEqual(summaries[0].counts.kycComplete);
    expect(summaries[1].counts.country).toEqual({ GB: expect.any(Number), DE: expect.any(Number) });
    // The planner's strata too: every number read from CSV text as from JSON.
    expect(summaries[1].strata).toEqual(summaries[0].strata);
    expect(summaries[0].strata.rows.reduce((n: number, r: { count: number }) => n + r.count, 0)).toBe(800);
  });

  it("capture import exits 2 with one line naming the file and line of malformed input", async () => {
    const mapping = join(dir, "mapping.json");
    writeFileSync(mapping, JSON.stringify({ version: 1, events: [] }));
    const log = join(dir, "requests.ndjson");
    writeFileSync(log, '{"time":"2026-01-01T00:00:00Z","method":"GET","path":"/x"}\n{"time": oops}\n');
    const { io, out } = fakeIo({ TRANCHE_PSEUDONYM_KEY: "0123456789abcdef0123" });
    expect(
      await runCli(["capture", "import", log, "--mapping", mapping, "--out", join(dir, "events.ndjson")], io),
    ).toBe(2);
    expect(out.stderr).toMatch(/^\[tranche\] could not read .*requests\.ndjson line 2: not valid JSON/);
    expect(out.stderr.trimEnd().split("\n")).toHaveLength(1);
    const noKey = fakeIo();
    expect(
      await runCli(
        ["capture", "import", log, "--mapping", mapping, "--out", join(dir, "e.ndjson")],
        noKey.io,
      ),
    ).toBe(2);
    expect(noKey.out.stderr).toMatch(/TRANCHE_PSEUDONYM_KEY is not set/);
  });
});
