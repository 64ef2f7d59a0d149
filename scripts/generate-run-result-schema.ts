/**
 * Writes reports/run-result.schema.json from the run result's zod schema (`npm run schema`).
 * reports/run-result-schema.test.ts fails while the committed file differs from what this writes.
 */
import { writeFileSync } from "node:fs";
import { renderRunResultJsonSchema } from "../reports/index.ts";

const target = new URL("../reports/run-result.schema.json", import.meta.url);
writeFileSync(target, renderRunResultJsonSchema());
process.stdout.write(`[tranche] wrote ${target.pathname}\n`);
