/** report.json: the canonical run result, schema-versioned, pretty-printed. */
import type { RunResult } from "../domain/index.ts";

export const file = "report.json";

/** Renders the run result as JSON. */
export function render(result: RunResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
