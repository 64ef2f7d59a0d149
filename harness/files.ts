/** File I/O at the edge: reading input files with errors that name the file. */
import { readFile } from "node:fs/promises";
import type { z } from "zod";
import { inputError, parseNdjson } from "../domain/index.ts";

/** Reads a whole text file, or throws E_INPUT naming it. */
export async function readTextFile(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw inputError(file, undefined, code === "ENOENT" ? "no such file" : `${(error as Error).message}`);
  }
}

/** Reads and validates an NDJSON file; errors name the file and line. */
export async function readNdjsonFile<S extends z.ZodType>(schema: S, file: string): Promise<z.output<S>[]> {
  return parseNdjson(schema, await readTextFile(file), file);
}
