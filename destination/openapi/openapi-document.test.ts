import SwaggerParser from "@apidevtools/swagger-parser";
import { afterEach, describe, expect, it } from "vitest";
import { startTestDestination, type TestDestination } from "../test-helpers.ts";
import { CONTRACT_SCHEMAS } from "./component-schemas.ts";
import { CONTRACT_VERSION, openApiDocument } from "./openapi-document.ts";

let dest: TestDestination | undefined;
afterEach(async () => {
  await dest?.close();
  dest = undefined;
});

describe("the destination contract document", () => {
  it("is a valid, versioned OpenAPI 3.1 document", async () => {
    const document = openApiDocument();
    // biome-ignore lint/suspicious/noExplicitAny: swagger-parser takes its own document type
    const api = (await SwaggerParser.validate(structuredClone(document) as any)) as {
      openapi: string;
      info: { version: string };
    };
    expect(api.openapi).toBe("3.1.0");
    expect(api.info.version).toBe(CONTRACT_VERSION);
  });

  it("is served at /openapi.json without a token, identical to the library's copy", async () => {
    dest = await startTestDestination();
    const response = await fetch(`${dest.url}/openapi.json`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(openApiDocument());
  });

  it("documents a response schema for every 2xx answer and marks LI paths with the LI credential", () => {
    const document = openApiDocument() as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: unknown }>; security?: unknown }>
      >;
    };
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const ok = Object.entries(op.responses).filter(([status]) => status.startsWith("2"));
        expect(ok.length, `${method} ${path}`).toBeGreaterThan(0);
        if (path !== "/openapi.json")
          for (const [, r] of ok) expect(r.content, `${method} ${path}`).toBeDefined();
        if (path.startsWith("/v1/li/")) expect(op.security).toEqual([{ liToken: [] }]);
      }
    }
  });

  it("derives every component schema from the contract's zod schemas, and no schema forbids extra fields", () => {
    const document = openApiDocument() as { components: { schemas: Record<string, unknown> } };
    const refs = [...JSON.stringify(document).matchAll(/"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]);
    expect(Object.keys(document.components.schemas).sort()).toEqual(Object.keys(CONTRACT_SCHEMAS).sort());
    // Every named schema is used by an operation or another schema.
    expect(new Set(refs)).toEqual(new Set(Object.keys(CONTRACT_SCHEMAS)));
    // Answers may carry more fields than documented, and requests are parsed leniently too.
    expect(JSON.stringify(document.components.schemas)).not.toContain('"additionalProperties":false');
  });
});
