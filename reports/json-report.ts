/**
 * report.json: the canonical run result, schema-versioned, pretty-printed, with `$schema` naming
 * the JSON Schema written beside it (run-result.schema.json).
 */
import { RUN_RESULT_SCHEMA_FILE, type RunResult } from "../domain/index.ts";

export const file = "report.json";

/** Renders the run result as JSON (`$schema` first; a result that carries one keeps its own). */
export function render(result: RunResult): string {
  return `${JSON.stringify({ $schema: RUN_RESULT_SCHEMA_FILE, ...result }, null, 2)}\n`;
}
