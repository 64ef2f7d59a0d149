/** `tranche inspect <file>`: distribution summary of a base, traffic or usage file. */
import { resolve } from "node:path";
import { inputError, parseJsonObjectLine, TrancheError } from "../../domain/index.ts";
import {
  addToSummary,
  createSummary,
  LineReader,
  recordFromColumns,
  renderSummary,
  splitCsvLine,
} from "../../generators/index.ts";
import { defineCommand } from "../command.ts";

export const inspectCommand = defineCommand({
  meta: {
    name: "inspect",
    description: "Print the distribution summary of a base, traffic or usage file (NDJSON or CSV)",
    usage: "tranche inspect <file> [--json]",
  },
  args: { json: { type: "boolean", description: "Print only JSON" } },
  async run({ args, positionals, io }) {
    if (!positionals[0]) throw new TrancheError("E_USAGE", "no file given.", "Run `tranche inspect <file>`.");
    const file = resolve(io.cwd, positionals[0]);
    const reader = new LineReader(file);
    const summary = createSummary();
    const csv = file.toLowerCase().endsWith(".csv");
    let header: string[] | null = null;
    try {
      for (let line = reader.next(); line !== null; line = reader.next()) {
        if (line.trim() === "") continue;
        if (csv) {
          const fields = splitCsvLine(line);
          if (!fields)
            throw inputError(file, reader.lineNumber, "a quoted field is never closed on its line.");
          if (header === null) {
            header = fields;
            continue;
          }
          addToSummary(summary, recordFromColumns(header, fields));
          continue;
        }
        addToSummary(summary, parseJsonObjectLine(line, file, reader.lineNumber));
      }
    } finally {
      reader.close();
    }
    io.stdout(args.json ? `${JSON.stringify(summary)}\n` : renderSummary(summary, file));
    return 0;
  },
});
