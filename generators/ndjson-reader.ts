/**
 * Streaming NDJSON input: one validated record per line, with memory flat in the file size.
 * Errors name the file and line (E_INPUT, exit 2).
 */
import type { z } from "zod";
import { describeIssue, inputError, parseJsonObjectLine } from "../domain/index.ts";
import { LineReader } from "./sorted-line-writer.ts";

/** Yields each non-blank line of `file` parsed as JSON and validated by `schema`. */
export function* readNdjsonRecords<S extends z.ZodType>(file: string, schema: S): Generator<z.output<S>> {
  let reader: LineReader;
  try {
    reader = new LineReader(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw inputError(file, undefined, code === "ENOENT" ? "no such file" : (error as Error).message);
  }
  try {
    for (let line = reader.next(); line !== null; line = reader.next()) {
      const text = line.trim();
      if (text === "") continue;
      const value = parseJsonObjectLine(text, file, reader.lineNumber);
      const result = schema.safeParse(value);
      if (!result.success) throw inputError(file, reader.lineNumber, describeIssue(result.error));
      yield result.data;
    }
  } finally {
    reader.close();
  }
}
