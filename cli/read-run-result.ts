/**
 * Reading a report.json back (report diff, verify): the text as it is, its JSON, and the run
 * result validated with the run result's schema. Bad input is one E_INPUT line naming the file and
 * the field (or the line of a JSON syntax error) — exit 2.
 */
import { resolve } from "node:path";
import { inputError, type RunResult, RunResultSchema, validate } from "../domain/index.ts";
import { readTextFile } from "../harness/index.ts";

export interface ReadRunResult {
  readonly file: string;
  readonly text: string;
  readonly result: RunResult;
}

/** Reads and validates a run result file. */
export async function readRunResult(file: string, cwd: string): Promise<ReadRunResult> {
  const path = resolve(cwd, file);
  const text = await readTextFile(path);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    const line = position === undefined ? undefined : text.slice(0, Number(position)).split("\n").length;
    throw inputError(file, line, `not valid JSON (${message})`, "Expected a report.json written by tranche.");
  }
  return {
    file,
    text,
    result: validate(RunResultSchema, json, file) as RunResult,
  };
}
