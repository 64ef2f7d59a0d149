/**
 * The files `tranche whatif` reads, each validated with its schema: the base (a base file or its
 * `inspect --json` summary), the capacity (a `tranche capacity --out` file or a report.json), the
 * policy files and the assumptions file. Bad input is one line naming the file, the line where it
 * can be known, the field and what was expected (exit 2).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { z } from "zod";
import { inputError, TrancheError } from "../../domain/index.ts";
import { LineReader } from "../../generators/index.ts";
import { lineOfKey } from "../../harness/index.ts";
import {
  type Assumptions,
  AssumptionsSchema,
  type BaseStats,
  baseStatsFromStrata,
  type Capacity,
  type CohortPolicy,
  CohortPolicySchema,
  readBaseStats,
  readCapacity,
} from "../../planner/index.ts";
import { summarizeFile } from "../summarize-file.ts";

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw inputError(file, undefined, code === "ENOENT" ? "no such file" : (error as Error).message);
  }
}

/** Parses JSON text; a syntax error names the line. */
function parseJson(text: string, file: string, code: "E_INPUT" | "E_CONFIG", what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message.split("\n")[0] ?? "";
    const position = /position (\d+)/.exec(message);
    const line = position ? text.slice(0, Number(position[1])).split("\n").length : undefined;
    throw new TrancheError(
      code,
      `could not read ${what} ${file}${line ? ` line ${line}` : ""}: not valid JSON (${message}).`,
    );
  }
}

/** The first line of a file that is not blank, or null. */
function firstLine(file: string): string | null {
  let reader: LineReader;
  try {
    reader = new LineReader(file);
  } catch {
    throw inputError(file, undefined, "no such file or not readable");
  }
  try {
    for (let line = reader.next(); line !== null; line = reader.next()) if (line.trim() !== "") return line;
    return null;
  } finally {
    reader.close();
  }
}

/**
 * The base's statistics: a `.json` file or a one-line summary is read as `tranche inspect --json`
 * output; anything else as a base file (NDJSON, or CSV by extension), summarized as it streams by.
 */
export function readBaseInput(path: string, cwd: string, refDate: string): BaseStats {
  const file = resolve(cwd, path);
  if (file.toLowerCase().endsWith(".json"))
    return readBaseStats(parseJson(readText(file), file, "E_INPUT", "base summary"), file);
  const line = firstLine(file);
  if (line === null)
    throw inputError(
      file,
      undefined,
      "the file is empty.",
      "Give a base file or its `tranche inspect --json` summary.",
    );
  if (!file.toLowerCase().endsWith(".csv")) {
    let first: unknown;
    try {
      first = JSON.parse(line);
    } catch {
      first = undefined;
    }
    if (first && typeof first === "object" && "kind" in first && "counts" in first)
      return readBaseStats(first, file);
  }
  const summary = summarizeFile(file, refDate);
  if (summary.kind !== "base" || !summary.strata) {
    throw inputError(
      file,
      undefined,
      `this is a ${summary.kind} file, not a subscriber base.`,
      "Give a base file or its `tranche inspect --json` summary.",
    );
  }
  return baseStatsFromStrata(summary.strata, file);
}

/** The destination's capacity from a capacity file or a run result. */
export function readCapacityInput(path: string, cwd: string): Capacity {
  const file = resolve(cwd, path);
  return readCapacity(parseJson(readText(file), file, "E_INPUT", "capacity"), file);
}

/** Validates a config-like file's value; the error names the file, the line of the field when it is unique, and the field. */
function validateConfig<S extends z.ZodType>(
  schema: S,
  value: unknown,
  text: string,
  file: string,
  what: string,
  prefix: readonly (string | number)[] = [],
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [...prefix, ...(issue?.path ?? [])].map(String);
  const unknownKey = issue?.code === "unrecognized_keys" ? (issue as { keys: string[] }).keys[0] : undefined;
  const key = unknownKey ?? [...path].reverse().find((p) => !/^\d+$/.test(p));
  // A key written more than once (several policies in one file) has no one line to point at.
  const occurrences =
    key === undefined
      ? 0
      : text.split(new RegExp(`["']${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["']\\s*:`)).length - 1;
  const line = key !== undefined && occurrences === 1 ? lineOfKey(text, key) : undefined;
  const where = `${what} ${file}${line ? ` line ${line}` : ""}`;
  const field = unknownKey
    ? `unknown field "${[...path, unknownKey].join(".")}"`
    : `"${path.join(".") || "(top level)"}": ${issue?.message}`;
  throw new TrancheError(
    "E_CONFIG",
    `could not read ${where}: ${field}.`,
    "See docs/whatif.md for the fields.",
  );
}

/** The policies of the given files: each file holds one policy, or `{ "policies": [ … ] }`. */
export function readPolicyFiles(paths: readonly string[], cwd: string): CohortPolicy[] {
  const policies: CohortPolicy[] = [];
  for (const path of paths) {
    const file = resolve(cwd, path);
    const text = readText(file);
    const value = parseJson(text, file, "E_CONFIG", "policy");
    if (value && typeof value === "object" && !Array.isArray(value) && "policies" in value) {
      const list = (value as { policies: unknown }).policies;
      if (!Array.isArray(list) || list.length === 0) {
        throw new TrancheError(
          "E_CONFIG",
          `could not read policy ${file}: "policies": expected a non-empty list of policies.`,
        );
      }
      for (const [i, item] of list.entries()) {
        policies.push(validateConfig(CohortPolicySchema, item, text, file, "policy", ["policies", i]));
      }
    } else {
      policies.push(validateConfig(CohortPolicySchema, value, text, file, "policy"));
    }
  }
  return policies;
}

/** The assumptions of `path`, or the built-in ones. */
export function readAssumptionsFile(path: string | undefined, cwd: string): Assumptions {
  if (!path) return AssumptionsSchema.parse({});
  const file = resolve(cwd, path);
  const text = readText(file);
  return validateConfig(
    AssumptionsSchema,
    parseJson(text, file, "E_CONFIG", "assumptions"),
    text,
    file,
    "assumptions",
  );
}
