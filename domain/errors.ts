/**
 * Tranche's typed errors. Each carries a code (the CLI maps it to an exit code) and a message that
 * reads *what failed → why → what to do*, prefixed `[tranche]`. Anything that is not a
 * TrancheError is a bug and the CLI prints its stack.
 */

export type ErrorCode = "E_CONFIG" | "E_INPUT" | "E_TARGET" | "E_INTERRUPTED" | "E_USAGE";

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

/** Bad data in an input file: names the file, the line and the field. */
export function inputError(
  file: string,
  line: number | undefined,
  detail: string,
  hint?: string,
): TrancheError {
  const where = line === undefined ? file : `${file} line ${line}`;
  return new TrancheError("E_INPUT", `could not read ${where}: ${detail}`, hint);
}
