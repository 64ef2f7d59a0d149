/** Validates a written report.json against the published JSON Schema (reports/run-result.schema.json) with Ajv. */
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";

const schema = JSON.parse(
  readFileSync(new URL("../../reports/run-result.schema.json", import.meta.url), "utf8"),
) as object;
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);

/** The Ajv errors of a parsed report.json against the published schema (empty when valid). */
export function schemaErrors(report: unknown): string[] {
  if (validate(report)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}
