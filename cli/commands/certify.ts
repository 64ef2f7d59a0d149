/**
 * `tranche certify --target …`: the certification profile (every registered suite, the readiness
 * world and gates, a pinned seed) run through the same path as `tranche run`, its result sealed
 * with a SHA-256 fingerprint over the canonical report (docs/reports.md). No config file, seed or
 * load flag applies: a vendor cannot tune what the operator's gate measures. Writes the usual
 * reports — report.json carrying the certificate — and certificate.json, the short statement a
 * vendor sends with it. Exit codes as `run`.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RunResult } from "../../domain/index.ts";
import { exitCodeOf } from "../../harness/index.ts";
import { certify, REPORTERS, renderVerdictTable } from "../../reports/index.ts";
import { TARGET_ARGS } from "../args.ts";
import { defineCommand } from "../command.ts";
import { executeRun } from "../execute-run.ts";
import { resolveRunConfigFrom } from "../resolve-run-config.ts";

/** The file beside report.json that states what was certified. */
export const CERTIFICATE_FILE = "certificate.json";

/** The document `certify` writes beside report.json. */
export function certificateOf(result: RunResult): Record<string, unknown> {
  return {
    report: "report.json",
    fingerprint: result.certificate?.fingerprint,
    algorithm: result.certificate?.algorithm,
    canonicalization: result.certificate?.canonicalization,
    covers: result.certificate?.covers,
    verify: "tranche verify report.json --fingerprint <fingerprint>",
    runId: result.runId,
    profile: result.profile,
    verdict: result.verdict,
    score: result.score,
    harnessVersion: result.harnessVersion,
    seed: result.seed,
    refDate: result.refDate,
    configFingerprint: result.configFingerprint,
    target: result.target.description,
    finishedAt: result.finishedAt,
  };
}

const jsonReporter = REPORTERS.json as (typeof REPORTERS)[string];

export const certifyCommand = defineCommand({
  meta: {
    name: "certify",
    description:
      "Certify a destination: run the certification profile (every suite, fixed seed) and seal the report with a SHA-256 fingerprint",
    usage: "tranche certify --target <url|reference|process:…|container:…> [--out <dir>]",
  },
  args: {
    ...TARGET_ARGS,
    out: { type: "string", description: "Report folder (default: tranche-certificate)", valueHint: "<dir>" },
    json: { type: "boolean", description: "Print only the certified run result as JSON on stdout" },
    strict: { type: "boolean", description: "Exit 1 on READY WITH FINDINGS too" },
  },
  async run({ args, io }) {
    // No config file: certification runs the operator's profile as published, whatever the folder holds.
    const run = resolveRunConfigFrom({ target: args.target, defects: args.defects, out: args.out }, null, {
      cwd: io.cwd,
      defaultProfile: "certification",
      defaultOut: "tranche-certificate",
    });
    const result = await executeRun(run, io, {
      command: "certify",
      quiet: args.json,
      seal: (r) => certify(r, (x) => JSON.parse(jsonReporter.render(x))),
    });
    writeFileSync(
      join(run.config.out, CERTIFICATE_FILE),
      `${JSON.stringify(certificateOf(result), null, 2)}\n`,
    );
    if (args.json) io.stdout(jsonReporter.render(result));
    else {
      io.stdout(renderVerdictTable(result));
      io.stdout(
        `\nCertificate: sha256 ${result.certificate?.fingerprint}\nReports: ${join(run.config.out, "report.json")} (certified), ${CERTIFICATE_FILE}, report.html, junit.xml, summary.md\nVerify: tranche verify ${join(run.config.out, "report.json")} --fingerprint ${result.certificate?.fingerprint}\n`,
      );
    }
    return exitCodeOf(result.verdict, args.strict);
  },
});
