/** `tranche report diff A B`: compare two run results; the exit code says whether B regressed. */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { TrancheError } from "../../domain/index.ts";
import { diffRuns, renderDiffHtml, renderDiffText } from "../../reports/index.ts";
import { defineCommand } from "../command.ts";
import { readRunResult } from "../read-run-result.ts";

/** Exit codes of `report diff`. */
export const DIFF_EXIT = { noRegression: 0, regressed: 1, badInput: 2 } as const;

const diff = defineCommand({
  meta: {
    name: "report diff",
    description:
      "Compare two run results (report.json): verdict and gate changes, measurement deltas, new and fixed findings. Exit 0 no regression, 1 B regressed, 2 bad input",
    usage: "tranche report diff <A/report.json> <B/report.json> [--json] [--html <file>]",
  },
  args: {
    json: { type: "boolean", description: "Print the diff as JSON only" },
    html: {
      type: "string",
      description: "Also write the diff as a self-contained HTML page",
      valueHint: "<file>",
    },
  },
  async run({ args, positionals, io }) {
    if (positionals.length !== 2) {
      throw new TrancheError(
        "E_USAGE",
        `report diff takes two report.json files, got ${positionals.length}.`,
        "e.g. tranche report diff before/report.json after/report.json",
      );
    }
    const [fileA, fileB] = positionals as [string, string];
    const a = await readRunResult(fileA, io.cwd);
    const b = await readRunResult(fileB, io.cwd);
    const result = diffRuns(a.result, b.result, { a: fileA, b: fileB });
    if (args.html) writeFileSync(resolve(io.cwd, args.html), renderDiffHtml(result));
    io.stdout(args.json ? `${JSON.stringify(result, null, 2)}\n` : renderDiffText(result));
    return result.regressed ? DIFF_EXIT.regressed : DIFF_EXIT.noRegression;
  },
});

export const reportCommand = defineCommand({
  meta: { name: "report", description: "Work with written reports: diff two runs" },
  args: {},
  subCommands: { diff },
});
