/**
 * Tranche's typed errors. Each carries a code (the CLI maps it to an exit code) and a message that
 * reads *what failed → why → what to do*, prefixed `[tranche]`. Anything that is not a
 * TrancheError is a bug and the CLI prints its stack.
 */

export type ErrorCode =
  | "E_CONFIG"
  | "E_INPUT"
  | "E_OUTPUT"
  | "E_TARGET"
  /** A destination answer that breaks the contract (schema, enum, type). */
  | "E_CONTRACT"
  | "E_INTERRUPTED"
  | "E_USAGE";

export class TrancheError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, hint?: string) {
    super(message.startsWith("[tranche]") ? message : `[tranche] ${message}`);
    this.name = "TrancheError";
    this.code = code;
    this.hint = hint;
  }

  /** The one line the CLI prints: message, then the hint if any. */
  oneLine(): string {
    return this.hint ? `${this.message} ${this.hint}` : this.message;
  }
}

/** Bad data in an input file: names the file, the line (and column) and the field. */
export function inputError(
  file: string,
  line: number | { readonly line?: number | undefined; readonly column?: number | undefined } | undefined,
  detail: string,
  hint?: string,
): TrancheError {
  const at = typeof line === "object" ? line : { line, column: undefined };
  const where = `${file}${at.line === undefined ? "" : ` line ${at.line}`}${at.column === undefined ? "" : ` column ${at.column}`}`;
  return new TrancheError("E_INPUT", `could not read ${where}: ${detail}`, hint);
}

/** A file Tranche cannot write: names the path, why, and what to do. */
export function outputError(path: string, why: string, hint?: string): TrancheError {
  return new TrancheError("E_OUTPUT", `could not write ${path}: ${why}.`, hint);
}

/** Plain words for a file-system error code (ENOENT, EISDIR, EACCES, …), for one-line messages. */
export function fileProblem(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file or folder";
    case "EISDIR":
      return "it is a folder, not a file";
    case "ENOTDIR":
      return "a part of the path is a file, not a folder";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EEXIST":
      return "it already exists";
    case "ENOSPC":
      return "no space left on the device";
    case "EROFS":
      return "the file system is read-only";
    default:
      return code
        ? `file system error ${code}`
        : (String((error as Error)?.message ?? error).split("\n")[0] ?? "");
  }
}
