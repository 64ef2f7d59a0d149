/**
 * Runtime validation over zod schemas with one-line, file-and-line error messages. Used for every
 * input file the harness reads and every destination response it checks.
 */
import type { z } from "zod";
import { inputError } from "./errors.ts";
import { parseJsonObjectLine, textLines } from "./input-text.ts";

/** Formats the first zod issue as `"field.path" expected … (got …)`. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid value";
  const path = issue.path.length > 0 ? `"${issue.path.join(".")}"` : "record";
  return `${path}: ${issue.message}`;
}

/** Validates one value; on failure throws an E_INPUT error naming `source` and `line`. */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  source: string,
  line?: number,
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw inputError(source, line, describeIssue(result.error));
  return result.data;
}

/**
 * Parses NDJSON text into validated records: a leading BOM and CRLF endings are accepted, blank
 * lines skipped; a line that is not a JSON object, or not valid, is an error naming the line.
 */
export function parseNdjson<S extends z.ZodType>(schema: S, text: string, source: string): z.output<S>[] {
  const out: z.output<S>[] = [];
  const lines = textLines(text);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.trim();
    if (!line) continue;
    out.push(validate(schema, parseJsonObjectLine(line, source, i + 1), source, i + 1));
  }
  return out;
}
