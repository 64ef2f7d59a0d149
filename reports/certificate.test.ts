import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { RunResultSchema } from "../domain/index.ts";
import { sampleRunResult } from "../test/support/run-result.ts";
import { canonicalJson, certify, fingerprintOf, REPORTERS, verifyReport } from "./index.ts";

const json = (r: ReturnType<typeof sampleRunResult>) => REPORTERS.json?.render(r) ?? "";
const written = () => json(certify(sampleRunResult(), (r) => JSON.parse(json(r))));
const check = (text: string, expected?: string) =>
  verifyReport(text, RunResultSchema.parse(JSON.parse(text)), expected);

describe("canonical JSON", () => {
  it("sorts keys at every depth, keeps array order and writes no whitespace", () => {
    expect(canonicalJson({ b: [3, { z: 1, a: "x" }], a: null, c: 1.5 })).toBe(
      '{"a":null,"b":[3,{"a":"x","z":1}],"c":1.5}',
    );
    expect(canonicalJson({ é: 1, e: 2, E: 3 })).toBe('{"E":3,"e":2,"é":1}');
  });
});

describe("certification fingerprint", () => {
  it("is the SHA-256 of the canonical report without certificate.fingerprint", () => {
    const text = written();
    const report = JSON.parse(text);
    const { fingerprint, ...seal } = report.certificate;
    const material = canonicalJson({ ...report, certificate: seal });
    expect(fingerprint).toBe(createHash("sha256").update(material).digest("hex"));
    expect(fingerprintOf(report)).toBe(fingerprint);
    expect(material).toContain('"harnessVersion":"0.1.0"');
    expect(material).toContain('"configFingerprint":"abcdef0123456789"');
    expect(material).toContain('"seed":42');
  });

  it("verifies the report as written, and its expected fingerprint", () => {
    const text = written();
    const fingerprint = JSON.parse(text).certificate.fingerprint;
    expect(check(text)).toEqual({ ok: true, fingerprint });
    expect(check(text, fingerprint.toUpperCase()).ok).toBe(true);
    expect(check(text, "0".repeat(64))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/is not the expected/),
    });
  });

  it("fails when one value is edited, a field is added, or the text is reformatted", () => {
    const text = written();
    const edited = text.replace('"value": 2,', '"value": 0,');
    expect(edited).not.toBe(text);
    expect(check(edited)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/edited after certification/),
    });
    const added = text.replace('"seed": 42,', '"seed": 42,\n  "extra": true,');
    expect(check(added).ok).toBe(false);
    const verdict = text.replace('"verdict": "NOT READY"', '"verdict": "READY"');
    expect(check(verdict).ok).toBe(false);
    const reformatted = `${JSON.stringify(JSON.parse(text))}\n`;
    expect(check(reformatted)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^line 1 is not as tranche wrote it/),
    });
  });

  it("fails on every single edited byte of a report", () => {
    const text = written();
    // Each value-bearing byte flipped in turn (a sample across the file) must fail verification.
    for (let at = 0; at < text.length; at += 97) {
      const ch = text[at] as string;
      const swapped = ch === "1" ? "2" : ch === " " ? "\t" : ch === "a" ? "b" : "1";
      const edited = `${text.slice(0, at)}${swapped}${text.slice(at + 1)}`;
      let parsed: unknown;
      try {
        parsed = RunResultSchema.parse(JSON.parse(edited));
      } catch {
        continue; // no longer a run result: verify reports bad input
      }
      expect(verifyReport(edited, parsed as never).ok, `byte ${at}`).toBe(false);
    }
  });

  it("says when a report carries no certificate", () => {
    const text = json(sampleRunResult());
    expect(check(text)).toMatchObject({ ok: false, reason: expect.stringMatching(/no certificate/) });
  });
});
