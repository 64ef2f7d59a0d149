/** `tranche inspect <file>`: distribution summary of a base, traffic or usage file. */
import { inputError, TrancheError } from "../../domain/index.ts";
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
    const file = positionals[0];
    if (!file) throw new TrancheError("E_USAGE", "no file given.", "Run `tranche inspect <file>`.");
    let reader: LineReader;
    try {
      reader = new LineReader(file);
    } catch {
      throw inputError(file, undefined, "no such file or not readable");
    }
    const summary = createSummary();
    const csv = file.toLowerCase().endsWith(".csv");
    let header: string[] | null = null;
    try {
      for (let line = reader.next(); line !== null; line = reader.next()) {
        if (line.trim() === "") continue;
        let record: unknown;
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
        try {
          record = JSON.parse(line);
        } catch (error) {
          throw inputError(
            file,
            reader.lineNumber,
            `not valid JSON (${(error as Error).message}).`,
            "inspect reads NDJSON files.",
          );
        }
        if (record && typeof record === "object") addToSummary(summary, record as Record<string, unknown>);
      }
    } finally {
      reader.close();
    }
    io.stdout(args.json ? `${JSON.stringify(summary)}\n` : renderSummary(summary, file));
    return 0;
  },
});
