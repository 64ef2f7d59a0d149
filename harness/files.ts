/** File I/O at the edge: reading input files with errors that name the file. */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { z } from "zod";
import {
  fileProblem,
  inputError,
  type ProvisioningEvent,
  ProvisioningEventSchema,
  parseNdjson,
} from "../domain/index.ts";

/** Reads a whole text file, or throws E_INPUT naming it. */
export async function readTextFile(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw inputError(file, undefined, `${fileProblem(error)}.`);
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
  const events = parseNdjson(ProvisioningEventSchema, text, file);
  if (events.length === 0) {
    throw inputError(
      file,
      undefined,
      "it holds no events (empty or blank lines only): a readiness verdict over zero events is impossible.",
      "Give a traffic file with at least one event, or leave --traffic out to generate traffic from the seed.",
    );
  }
  return { events, digest: createHash("sha256").update(text).digest("hex") };
}
