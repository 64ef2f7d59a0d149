/**
 * `tranche report diff` and `tranche verify` as a user calls them, on report.json files written
 * by the reporters: exit codes (diff: 0 no regression, 1 regressed, 2 bad input; verify: 0
 * verified, 1 edited or not certified, 2 bad input), one-line errors naming the file and field.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RunResult } from "../domain/index.ts";
import { certify, REPORTERS, type RunDiff } from "../reports/index.ts";
import { cli } from "./support/cli.ts";
import { sampleRunResult } from "./support/run-result.ts";

const json = (r: RunResult) => REPORTERS.json?.render(r) ?? "";

/** A READY run: every gate passed, fewer mismatches, lower latency. */
function readyRun(): RunResult {
  const base = sampleRunResult();
  return {
    ...base,
    verdict: "READY",
    score: 100,
    gates: base.gates.map((g) => ({
      ...g,
      status: "passed" as const,
      value: g.id === "state_mismatches" ? 0 : g.value,
    })),
    suites: base.suites.map((s) => ({
      ...s,
      measurements: s.measurements.map((m) =>
        m.name.endsWith("state_mismatches")
          ? { ...m, value: 0 }
          : m.name.endsWith("latency_p99_ms")
            ? { ...m, value: 3 }
            : m,
      ),
    })),
  };
}

function files(): { dir: string; a: string; b: string } {
  const dir = mkdtempSync(join(tmpdir(), "tranche-diff-"));
  const a = join(dir, "a.json");
  const b = join(dir, "b.json");
  writeFileSync(a, json(readyRun()));
  writeFileSync(b, json(sampleRunResult()));
  return { dir, a, b };
}

describe("tranche report diff", () => {
  it("exits 1 when B regressed, naming the verdict change, new findings and worse measurements", async () => {
    const { a, b } = files();
    const { code, stdout } = await cli(["report", "diff", a, b]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^Verdict: READY → NOT READY \(worse\)/m);
    expect(stdout).toMatch(
      /^Result: REGRESSED — verdict READY → NOT READY; 2 new findings: state_mismatches \(blocker\)/m,
    );
    expect(stdout).toMatch(
      /provisioning\.replay\.state_mismatches {2}0 → 2 {2}\+2 {2}worse {2}\(gate state_mismatches \(== 0\)\)/,
    );
    expect(stdout).toMatch(
      /provisioning\.replay\.latency_p99_ms {2}3 ms → 4 ms {2}\+1 ms \(\+33\.333%\) {2}worse {2}\(gate p99_latency \(< 800 ms\)\)/,
    );
  });

  it("exits 0 the other way round, listing the fixed findings; --json prints the diff as JSON", async () => {
    const { a, b } = files();
    const text = await cli(["report", "diff", b, a]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Result: no regression/m);
    expect(text.stdout).toMatch(/^Fixed findings:\n {2}state_mismatches \(blocker\)/m);
    const { code, stdout } = await cli(["report", "diff", b, a, "--json"]);
    expect(code).toBe(0);
    const diff = JSON.parse(stdout) as RunDiff;
    expect(diff.regressed).toBe(false);
    expect(diff.verdict).toEqual({ from: "NOT READY", to: "READY", direction: "better" });
    expect(diff.fixedFindings.map((g) => g.id)).toContain("state_mismatches");
    expect(diff.measurements.find((m) => m.name === "provisioning.replay.latency_p99_ms")?.direction).toBe(
      "better",
    );
    // No gate reads it and its name says nothing: only "changed" — or the same here.
    expect(
      diff.measurements.find((m) => m.name === "provisioning.replay.achieved_rate_per_s")?.direction,
    ).toBe("same");
  });

  it("writes the diff as a self-contained HTML page with --html, destination text escaped", async () => {
    const { dir, a, b } = files();
    const page = join(dir, "diff.html");
    expect((await cli(["report", "diff", a, b, "--html", page])).code).toBe(1);
    const html = readFileSync(page, "utf8");
    expect(html).toContain('<div class="verdict" id="regression">REGRESSED</div>');
    expect(html).not.toMatch(/<script|<img|<iframe/i);
    expect(html).toContain("gate_&lt;img src=x onerror=alert(&#39;gate&#39;)&gt;");
  });

  it("rejects a file that is not a run result with one line naming the file and field, exit 2", async () => {
    const { dir, a, b } = files();
    const broken = join(dir, "broken.json");
    const result = JSON.parse(readFileSync(b, "utf8"));
    result.gates[1].status = "maybe";
    writeFileSync(broken, JSON.stringify(result));
    const bad = await cli(["report", "diff", a, broken]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    expect(bad.stderr).toMatch(new RegExp(`^\\[tranche\\] could not read ${broken}: "gates\\.1\\.status"`));
    const notJson = join(dir, "not.json");
    writeFileSync(notJson, '{\n  "runId": \n');
    const syntax = await cli(["report", "diff", notJson, a]);
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toContain(`could not read ${notJson}`);
    const missing = await cli(["report", "diff", join(dir, "none.json"), a]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no such file");
    expect((await cli(["report", "diff", a])).code).toBe(2);
  });
});

describe("tranche verify", () => {
  const certified = () => {
    const dir = mkdtempSync(join(tmpdir(), "tranche-verify-"));
    const file = join(dir, "report.json");
    writeFileSync(file, json(certify(sampleRunResult(), (r) => JSON.parse(json(r)))));
    return file;
  };

  it("verifies a certified report, with the expected fingerprint too", async () => {
    const file = certified();
    const fingerprint = JSON.parse(readFileSync(file, "utf8")).certificate.fingerprint as string;
    const { code, stdout } = await cli(["verify", file]);
    expect(code).toBe(0);
    expect(stdout).toContain(`verified: sha256 ${fingerprint}`);
    expect((await cli(["verify", file, "--fingerprint", fingerprint])).code).toBe(0);
    const other = await cli(["verify", file, "--fingerprint", "f".repeat(64)]);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/is not the expected f{64}/);
  });

  it("fails with one line when one value is edited, exit 1", async () => {
    const file = certified();
    const text = readFileSync(file, "utf8");
    writeFileSync(file, text.replace('"score": 25', '"score": 26'));
    const { code, stderr } = await cli(["verify", file]);
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/does not verify: its content does not match its fingerprint/);
  });

  it("fails on a report without a certificate (exit 1) and on one that is not a run result (exit 2)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tranche-verify-"));
    const plain = join(dir, "plain.json");
    writeFileSync(plain, json(sampleRunResult()));
    expect((await cli(["verify", plain])).code).toBe(1);
    const broken = join(dir, "broken.json");
    writeFileSync(broken, '{"schemaVersion": 2}');
    const bad = await cli(["verify", broken]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/could not read .*broken\.json: "schemaVersion"/);
  });
});
