/**
 * The run journal: an append-only NDJSON file written as the run goes (start, measurements, gates,
 * end). A run killed halfway leaves its journal behind, so there is always a record of what was
 * measured before the stop.
 */
import { appendFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";

export interface Journal {
  readonly file: string | null;
  append(kind: string, data: Record<string, unknown>): void;
}

/** A journal appending to `file` (created with its folder); null writes nothing (library use). */
export function createJournal(file: string | null, clock: () => string): Journal {
  if (file) mkdirSync(dirname(file), { recursive: true });
  let sequence = 0;
  return {
    file,
    append(kind, data) {
      if (!file) return;
      appendFileSync(file, `${JSON.stringify({ seq: sequence++, at: clock(), kind, ...data })}\n`);
    },
  };
}
