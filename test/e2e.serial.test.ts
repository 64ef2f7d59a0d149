/**
 * The whole path, as a user runs it: the real CLI in a child process, the embedded reference
 * destination, the reports on disk; and a destination with a planted defect, served by
 * `tranche destination serve`, caught by the state-mismatch gate.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { measurementOf, type RunResult } from "../domain/index.ts";
import { schemaErrors } from "./support/report-schema.ts";
import { expectCleanVerdict } from "./support/verdict.ts";

const BIN = join(import.meta.dirname, "..", "bin", "tranche.js");
const env = { ...process.env, CI: "true", TRANCHE_TARGET_TOKEN: "reference-bss-token" };

function runCliProcess(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `tranche destination serve` and resolves with the URL it prints. */
function serveDestination(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "destination", "serve", "--port", "0", ...args], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let seen = "";
    const onData = (d: Buffer) => {
      seen += d.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (match?.[1]) resolve({ url: match[1], child });
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`destination exited early (${code}): ${seen}`)));
  });
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGINT");
});

describe("tranche run end to end", () => {
  it("passes the smoke profile against the clean embedded reference destination and writes all reports", async () => {
    const out = mkdtempSync(join(tmpdir(), "tranche-e2e-"));
    const { code, stdout, stderr } = await runCliProcess([
      "run",
      "--profile",
      "smoke",
      "--seed",
      "11",
      "--out",
      out,
    ]);
    expect(stderr).toMatch(/^\[tranche\] run profile=smoke seed=11/);
    for (const file of [
      "report.json",
      "run-result.schema.json",
      "junit.xml",
      "summary.md",
      "report.html",
      "journal.ndjson",
    ]) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    const result = JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as RunResult;
    // The written report names its schema, which is written beside it, and validates against it.
    expect((result as { $schema?: string }).$schema).toBe("run-result.schema.json");
    expect(schemaErrors(result)).toEqual([]);
    expect(result).toMatchObject({ seed: 11, complete: true });
    // READY — or INCOMPLETE for latency alone when this machine kept the harness from its schedule.
    const expectedCode = expectCleanVerdict(result);
    expect(code, stdout + stderr).toBe(expectedCode);
    expect(stdout).toMatch(new RegExp(`^Verdict: ${result.verdict} `));
    expect(result.gates.length).toBeGreaterThanOrEqual(3);
    for (const gate of result.gates) {
      expect(gate.value, gate.id).not.toBeNull();
      expect(typeof gate.threshold).toBe("number");
    }
    const events = measurementOf(result, "provisioning.replay.events_sent")?.value ?? 0;
    expect(events).toBeGreaterThan(200);
  }, 60_000);

  it("exits 1 against a served destination with silent-plan-change and names the subscribers", async () => {
    const { url, child } = await serveDestination(["--defects", "silent-plan-change"]);
    children.push(child);
    const out = mkdtempSync(join(tmpdir(), "tranche-e2e-"));
    const { code, stdout } = await runCliProcess([
      "run",
      "--profile",
      "smoke",
      "--target",
      url,
      "--out",
      out,
      "--json",
    ]);
    expect(code).toBe(1);
    const result = JSON.parse(stdout) as RunResult;
    expect(schemaErrors(result)).toEqual([]);
    expect(result.verdict).toBe("NOT READY");
    const gate = result.gates.find((g) => g.id === "state_mismatches");
    expect(gate?.status).toBe("failed");
    expect(gate?.value).toBeGreaterThan(0);
    expect(gate?.evidence.summary).toMatch(/sub-\d{8}/);
    const items = (gate?.evidence.items ?? []) as Array<{ field: string }>;
    expect(items.every((i) => i.field === "planId")).toBe(true);
    // Every other gate still passes: the defect is caught by the state gate and only it.
    expect(result.gates.filter((g) => g.status === "failed").map((g) => g.id)).toEqual(["state_mismatches"]);
  }, 60_000);
});
