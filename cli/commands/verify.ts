/**
 * `tranche verify report.json`: recomputes a certified report's fingerprint and fails on any edit.
 * Exit 0 verified, 1 verification failed (edited, not certified, or not the expected
 * fingerprint), 2 bad input (missing file, not JSON, not a run result).
 */
import { TrancheError } from "../../domain/index.ts";
import { verifyReport } from "../../reports/index.ts";
import { defineCommand } from "../command.ts";
import { readRunResult } from "../read-run-result.ts";

export const VERIFY_EXIT = { verified: 0, failed: 1, badInput: 2 } as const;

export const verifyCommand = defineCommand({
  meta: {
    name: "verify",
    description:
      "Verify a certified report.json: recompute its SHA-256 fingerprint; exit 0 verified, 1 edited or not certified, 2 bad input",
    usage: "tranche verify <report.json> [--fingerprint <sha256>]",
  },
  args: {
    fingerprint: {
      type: "string",
      description:
        "The fingerprint you were given (e.g. by the vendor): the report must carry exactly this one",
      valueHint: "<sha256>",
    },
  },
  async run({ args, positionals, io }) {
    if (positionals.length !== 1) {
      throw new TrancheError(
        "E_USAGE",
        `verify takes one report.json, got ${positionals.length}.`,
        "e.g. tranche verify tranche-report/report.json",
      );
    }
    const file = positionals[0] as string;
    const read = await readRunResult(file, io.cwd);
    const outcome = verifyReport(read.text, read.result, args.fingerprint);
    if (!outcome.ok) {
      io.stderr(`[tranche] ${file} does not verify: ${outcome.reason}.\n`);
      return VERIFY_EXIT.failed;
    }
    io.stdout(
      `[tranche] ${file} verified: sha256 ${outcome.fingerprint} (${read.result.profile}, ${read.result.verdict}, seed ${read.result.seed}, harness ${read.result.harnessVersion}, config ${read.result.configFingerprint})\n`,
    );
    return VERIFY_EXIT.verified;
  },
});
