/**
 * Input text as users' tools write it: a UTF-8 byte-order mark at the start (Windows tools write
 * one), CRLF line endings, and JSON that may be malformed. Errors name the file, line and column
 * and what was expected — never the input itself: a capture or a base carries MSISDNs, names and
 * addresses, and an error message ends up in terminals and CI logs.
 */
import { inputError } from "./errors.ts";

const BOM = "\uFEFF";

/** The text without a leading byte-order mark. */
export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/** One line without its line ending (CR of a CRLF included). */
export function stripLineEnd(line: string): string {
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}

/** The lines of a text (BOM removed; LF or CRLF endings). */
export function textLines(text: string): string[] {
  return stripBom(text).split("\n").map(stripLineEnd);
}

/** The 1-based line and column of character offset `position` in `text`. */
export function lineAndColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < position; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: position - lineStart + 1 };
}

/**
 * What a JSON.parse error says, without the excerpt of the input V8 quotes in it, and where: the
 * character offset when V8 gives one.
 */
export function describeJsonError(error: unknown): { reason: string; position: number | null } {
  const message = String((error as Error)?.message ?? error).split("\n")[0] ?? "";
  const at = /at position (\d+)/.exec(message);
  const reason = message
    .replace(/, ".*$/s, "") // V8: `Unexpected token 'x', "…input…" is not valid JSON`
    .replace(/ in JSON at position \d+.*$/, "")
    .replace(/ at position \d+.*$/, "")
    .trim();
  return { reason: reason || "malformed", position: at ? Number(at[1]) : null };
}

/**
 * Parses a JSON document (or one NDJSON line, `lineNumber` given); on failure throws E_INPUT naming
 * the file, line and column of the error and what was expected, without quoting the input.
 */
export function parseJsonInput(text: string, file: string, lineNumber?: number, hint?: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const { reason, position } = describeJsonError(error);
    const where =
      position === null
        ? { line: lineNumber, column: undefined }
        : lineNumber === undefined
          ? lineAndColumn(text, position)
          : { line: lineNumber, column: position + 1 };
    throw inputError(
      file,
      where,
      `not valid JSON (${reason}).`,
      hint ??
        (lineNumber === undefined
          ? "The file must be one JSON document."
          : "Each line must be one JSON object."),
    );
  }
}

/** Parses one NDJSON line that must be a JSON object; throws E_INPUT naming file and line otherwise. */
export function parseJsonObjectLine(text: string, file: string, lineNumber: number): Record<string, unknown> {
  const value = parseJsonInput(text, file, lineNumber);
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const kind = value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
    throw inputError(
      file,
      lineNumber,
      `the line is ${kind}, not a JSON object.`,
      "Each line must be one JSON object.",
    );
  }
  return value as Record<string, unknown>;
}
