import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { RUN_RESULT_SCHEMA_VERSION } from "../domain/index.ts";
import { sampleRunResult } from "../test/support/run-result.ts";
import { REPORTERS, renderRunResultJsonSchema } from "./index.ts";

const committed = readFileSync(new URL("./run-result.schema.json", import.meta.url), "utf8");

describe("the published JSON Schema of report.json", () => {
  it("is what the zod schema generates (run `npm run schema` when this fails)", () => {
    expect(committed, "reports/run-result.schema.json is stale: run `npm run schema`").toBe(
      renderRunResultJsonSchema(),
    );
  });

  it("accepts a written report.json and rejects one with a wrong field", () => {
    const schema = JSON.parse(committed) as { $id: string };
    expect(schema.$id).toBe(`urn:tranche:run-result:${RUN_RESULT_SCHEMA_VERSION}`);
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
    const written = JSON.parse(REPORTERS.json?.render(sampleRunResult()) ?? "{}");
    expect(validate(written), JSON.stringify(validate.errors)).toBe(true);
    written.gates[0].status = "maybe";
    expect(validate(written)).toBe(false);
    expect(validate.errors?.[0]?.instancePath).toBe("/gates/0/status");
  });
});
