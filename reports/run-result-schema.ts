/**
 * The published JSON Schema of report.json, generated from the run result's zod schema so the two
 * cannot disagree. `npm run schema` writes it to reports/run-result.schema.json (shipped with the
 * package, and written beside every report.json); a test fails when the committed file is stale.
 */
import { z } from "zod";
import { RUN_RESULT_SCHEMA_FILE, RUN_RESULT_SCHEMA_VERSION, RunResultSchema } from "../domain/index.ts";

/** The JSON Schema (draft 2020-12) of the run result, as an object. */
export function runResultJsonSchema(): Record<string, unknown> {
  const { $schema, ...body } = z.toJSONSchema(RunResultSchema, { target: "draft-2020-12" }) as Record<
    string,
    unknown
  >;
  return {
    $schema,
    $id: `urn:tranche:run-result:${RUN_RESULT_SCHEMA_VERSION}`,
    title: `Tranche run result, schema version ${RUN_RESULT_SCHEMA_VERSION}`,
    description:
      "report.json: the canonical result of a Tranche run (suites, measurements, gates, verdict). Generated from domain/run-result.ts; do not edit by hand.",
    ...body,
  };
}

/** The JSON Schema as the text of reports/run-result.schema.json. */
export function renderRunResultJsonSchema(): string {
  return `${JSON.stringify(runResultJsonSchema(), null, 2)}\n`;
}

/** The file name report.json's `$schema` names. */
export const SCHEMA_FILE = RUN_RESULT_SCHEMA_FILE;
