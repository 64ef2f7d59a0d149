/**
 * Certification fingerprint (`tranche certify`, `tranche verify`). The fingerprint is a SHA-256
 * over the canonical JSON of the whole report — every field, the harness version, seed, reference
 * date, config fingerprint, target, timings, suites, measurements, sections, gates, verdict and
 * score included — with only `certificate.fingerprint` itself left out (it cannot cover itself).
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, strings and numbers as
 * JSON.stringify writes them (the serialization of RFC 8785, JCS). Anyone can recompute it with a
 * JCS implementation and `sha256sum`; docs/reports.md shows how.
 *
 * A fingerprint makes a report tamper-evident against the fingerprint the operator received, not
 * signed: whoever edits a report can compute a new one. The operator compares it with the one the
 * vendor sent through another channel (`tranche verify report.json --fingerprint <hex>`).
 */
import { createHash } from "node:crypto";
import type { Certificate, RunResult } from "../domain/index.ts";

export const CERTIFICATE_COVERS =
  "every field of report.json except certificate.fingerprint: $schema, schemaVersion, runId, harnessVersion, seed, refDate, configFingerprint, profile, target, startedAt, finishedAt, complete, incompleteReason, suites (measurements, notes, sections), gates, verdict, score and the rest of certificate";

/** JSON with object keys sorted at every depth and no whitespace (JCS serialization). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    const text = JSON.stringify(value);
    // undefined, functions and symbols have no JSON form; JSON.stringify drops them in objects.
    return text === undefined ? "null" : text;
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && typeof v !== "function" && typeof v !== "symbol")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** The fingerprint of a report (parsed JSON, any shape): SHA-256 hex of its canonical JSON without `certificate.fingerprint`. */
export function fingerprintOf(report: unknown): string {
  let material = report;
  if (report && typeof report === "object" && !Array.isArray(report)) {
    const { certificate, ...rest } = report as Record<string, unknown>;
    if (certificate && typeof certificate === "object" && !Array.isArray(certificate)) {
      const { fingerprint: _omitted, ...seal } = certificate as Record<string, unknown>;
      material = { ...rest, certificate: seal };
    }
  }
  return createHash("sha256").update(canonicalJson(material), "utf8").digest("hex");
}

/**
 * The run result with its certificate. `asWritten` turns the result into the document that is
 * written (report.json adds `$schema`), so the fingerprint covers exactly what the reader gets.
 */
export function certify(result: RunResult, asWritten: (result: RunResult) => unknown): RunResult {
  const seal: Omit<Certificate, "fingerprint"> = {
    algorithm: "sha256",
    canonicalization: "json-sorted-keys-v1",
    covers: CERTIFICATE_COVERS,
  };
  const unsealed = { ...result, certificate: { ...seal, fingerprint: "0".repeat(64) } };
  return { ...unsealed, certificate: { ...seal, fingerprint: fingerprintOf(asWritten(unsealed)) } };
}

/** What `tranche verify` found. */
export type Verification =
  | { readonly ok: true; readonly fingerprint: string }
  | { readonly ok: false; readonly reason: string };

/**
 * Verifies a written report: `text` is report.json as read, `report` its parsed JSON. Fails when
 * the report carries no certificate, when the recomputed fingerprint differs from the one it
 * carries (any edited value, added or removed field), when the text is not byte for byte the form
 * Tranche writes (an edit that leaves the values alone, e.g. reformatting), or when `expected` is
 * given and differs.
 */
export function verifyReport(text: string, report: RunResult, expected?: string): Verification {
  const carried = report.certificate?.fingerprint;
  if (!carried) return { ok: false, reason: "it carries no certificate (write one with `tranche certify`)" };
  const recomputed = fingerprintOf(JSON.parse(text));
  if (recomputed !== carried) {
    return {
      ok: false,
      reason: `its content does not match its fingerprint (carried ${carried.slice(0, 16)}…, recomputed ${recomputed.slice(0, 16)}…): it was edited after certification`,
    };
  }
  const written = `${JSON.stringify(JSON.parse(text), null, 2)}\n`;
  if (written !== text) {
    const at = firstDifference(written, text);
    const line = text.slice(0, at).split("\n").length;
    return {
      ok: false,
      reason: `line ${line} is not as tranche wrote it (byte ${at} differs): it was edited`,
    };
  }
  if (expected !== undefined && expected.toLowerCase() !== carried) {
    return {
      ok: false,
      reason: `its fingerprint ${carried} is not the expected ${expected}`,
    };
  }
  return { ok: true, fingerprint: carried };
}

function firstDifference(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}
