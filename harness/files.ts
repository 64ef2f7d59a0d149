/** File I/O at the edge: reading input files with errors that name the file. */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { z } from "zod";
import { inputError, type ProvisioningEvent, ProvisioningEventSchema, parseNdjson } from "../domain/index.ts";

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

/** A traffic file's validated events and the SHA-256 of its bytes (for the config fingerprint), from one read. */
export async function readTrafficFile(
  file: string,
): Promise<{ events: ProvisioningEvent[]; digest: string }> {
  const text = await readTextFile(file);
  return {
    events: parseNdjson(ProvisioningEventSchema, text, file),
    digest: createHash("sha256").update(text).digest("hex"),
  };
}
