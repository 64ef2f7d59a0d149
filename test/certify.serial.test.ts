/**
 * `tranche certify` against the embedded reference destination, as a vendor runs it: the
 * certification profile runs every registered suite at its pinned seed, report.json carries the
 * certificate and validates against the published JSON Schema, certificate.json names the same
 * fingerprint, `tranche verify` accepts the report — and rejects it once one value is edited.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RunResult } from "../domain/index.ts";
import { CERTIFICATION_SEED, SUITE_IDS } from "../scenarios/index.ts";
import { cli } from "./support/cli.ts";
import { schemaErrors } from "./support/report-schema.ts";
import { expectCleanVerdict } from "./support/verdict.ts";

describe("tranche certify", () => {
  it("certifies every suite at the pinned seed; verify passes, then fails on one edited value", async () => {
    const out = mkdtempSync(join(tmpdir(), "tranche-certify-"));
    const certified = await cli(["certify", "--target", "reference", "--out", out]);
    expect(certified.stderr).toMatch(/^\[tranche\] certify profile=certification seed=20260301 /);
    const file = join(out, "report.json");
    const text = readFileSync(file, "utf8");
    const report = JSON.parse(text) as RunResult;
    // The clean reference destination: READY, or INCOMPLETE only for latency on a loaded machine.
    expect(certified.code, certified.stderr).toBe(expectCleanVerdict(report));
    expect(schemaErrors(report)).toEqual([]);
    expect(report.seed).toBe(CERTIFICATION_SEED);
    expect(report.suites.map((s) => s.id)).toEqual([...SUITE_IDS]);
    const fingerprint = report.certificate?.fingerprint as string;
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(certified.stdout).toContain(`Certificate: sha256 ${fingerprint}`);
    const certificate = JSON.parse(readFileSync(join(out, "certificate.json"), "utf8"));
    expect(certificate).toMatchObject({ fingerprint, seed: CERTIFICATION_SEED, profile: "certification" });
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain(`id="fingerprint">${fingerprint}<`);

    expect((await cli(["verify", file, "--fingerprint", fingerprint])).code).toBe(0);
    const edited = text.replace(
      /events_sent",\n(\s+)"value": (\d+)/,
      (_, space, n) => `events_sent",\n${space}"value": ${Number(n) + 1}`,
    );
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);
    const verify = await cli(["verify", file]);
    expect(verify.code).toBe(1);
    expect(verify.stderr.trim().split("\n")).toHaveLength(1);
    expect(verify.stderr).toContain("does not verify");
  }, 120_000);

  it("takes no seed, config or load flags", async () => {
    expect((await cli(["certify", "--seed", "5"])).code).toBe(2);
    expect((await cli(["certify", "--rate", "5"])).code).toBe(2);
  });
});
