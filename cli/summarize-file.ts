/**
 * Reads a base, traffic or usage file (NDJSON, or CSV by extension) into its distribution summary,
 * streaming: memory stays flat in the file size. `inspect` prints the summary; `whatif` plans from
 * a base's strata. Errors name the file and line (E_INPUT, exit 2).
 */
import { inputError, parseJsonObjectLine } from "../domain/index.ts";
import {
  addToSummary,
  createSummary,
  finishSummary,
  LineReader,
  recordFromColumns,
  type Summary,
  splitCsvLine,
} from "../generators/index.ts";

/** The summary of `file`; `refDate` is the instant a base's idle time is measured against. */
export function summarizeFile(file: string, refDate: string): Summary {
  const reader = new LineReader(file);
  const summary = createSummary(refDate);
  const csv = file.toLowerCase().endsWith(".csv");
  let header: string[] | null = null;
  try {
    for (let line = reader.next(); line !== null; line = reader.next()) {
      if (line.trim() === "") continue;
      if (csv) {
        const fields = splitCsvLine(line);
        if (!fields) throw inputError(file, reader.lineNumber, "a quoted field is never closed on its line.");
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
  return finishSummary(summary);
}
