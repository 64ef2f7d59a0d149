import { describe, expect, it } from "vitest";
import { DEFAULT_CATALOG, parseCatalog } from "./catalog.ts";
import { TrancheError } from "./errors.ts";

function failure(value: unknown): string {
  try {
    parseCatalog(value, "plans.json");
  } catch (error) {
    expect(error).toBeInstanceOf(TrancheError);
    expect((error as TrancheError).code).toBe("E_INPUT");
    return (error as TrancheError).message;
  }
  throw new Error("expected parseCatalog to refuse the document");
}

describe("an operator's catalog document", () => {
  it("is {plans: [...]} or a bare array of plans", () => {
    expect(parseCatalog({ plans: DEFAULT_CATALOG }, "plans.json")).toEqual(DEFAULT_CATALOG);
    expect(parseCatalog(DEFAULT_CATALOG, "plans.json")).toEqual(DEFAULT_CATALOG);
  });

  it("is refused naming the file and the first bad field", () => {
    const bad = DEFAULT_CATALOG.map((p, i) => (i === 2 ? { ...p, currency: "XXX" } : p));
    expect(failure({ plans: bad })).toMatch(
      /^\[tranche\] could not read plans\.json: "plans\.2\.currency": /,
    );
    expect(failure(bad)).toMatch(/could not read plans\.json: "2\.currency": /);
    expect(failure({ plan: [] })).toMatch(/"plans": expected an array of plans/);
    expect(failure({ plans: [] })).toMatch(/the catalog has no plans/);
    expect(failure([DEFAULT_CATALOG[0], DEFAULT_CATALOG[0]])).toMatch(
      /"1\.id": plan id "PAYG-BASIC" is used twice/,
    );
  });
});
