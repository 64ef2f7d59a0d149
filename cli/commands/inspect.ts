/** `tranche inspect <file>`: distribution summary of a base, traffic or usage file. */
import { resolve } from "node:path";
import { TrancheError } from "../../domain/index.ts";
import { renderSummary } from "../../generators/index.ts";
import { DEFAULT_REF_DATE } from "../../harness/index.ts";
import { defineCommand, instantArg } from "../command.ts";
import { summarizeFile } from "../summarize-file.ts";

export const inspectCommand = defineCommand({
  meta: {
    name: "inspect",
    description: "Print the distribution summary of a base, traffic or usage file (NDJSON or CSV)",
    usage: "tranche inspect <file> [--json] [--ref-date <iso>]",
  },
  args: {
    json: {
      type: "boolean",
      description: "Print only JSON (a base's includes its planning strata, which `tranche whatif` reads)",
    },
    "ref-date": {
      type: "string",
      description: "The base's extract instant: a line idle 90 days before it counts as inactive",
      valueHint: "<iso>",
      default: DEFAULT_REF_DATE,
    },
  },
  async run({ args, positionals, io }) {
    if (!positionals[0]) throw new TrancheError("E_USAGE", "no file given.", "Run `tranche inspect <file>`.");
    const file = resolve(io.cwd, positionals[0]);
    const refDate = instantArg(args["ref-date"] ?? DEFAULT_REF_DATE, "ref-date").toString();
    const summary = summarizeFile(file, refDate);
    io.stdout(args.json ? `${JSON.stringify(summary)}\n` : renderSummary(summary, file));
    return 0;
  },
});
