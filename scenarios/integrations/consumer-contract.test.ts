import { describe, expect, it } from "vitest";
import { mismatches, parseConsumerContract, substitute } from "./consumer-contract.ts";
import { CONSUMER_CONTRACTS } from "./contracts-suite.ts";

describe("consumer contracts", () => {
  it("ship one contract per integration, each valid", () => {
    expect(CONSUMER_CONTRACTS.map((c) => c.consumer)).toEqual([
      "payment-gateway",
      "reseller-portal",
      "self-care",
      "bi-export",
    ]);
  });

  it("refuse a malformed contract naming the file and the field", () => {
    expect(() =>
      parseConsumerContract("x.json", {
        consumer: "x",
        description: "",
        interactions: [{ description: "d" }],
      }),
    ).toThrow(/consumer contract x\.json: "interactions\.0\.providerState"/);
  });

  it("substitute variables, a whole-string variable by its value", () => {
    expect(substitute({ a: "{{o}}", b: "/x/{{id}}/y" }, { o: { k: 1 }, id: "S1" })).toEqual({
      a: { k: 1 },
      b: "/x/S1/y",
    });
  });

  it("match answers as a subset, with type, regex, instant and each-like matchers", () => {
    const expected = {
      id: "S1",
      n: { $type: "integer" },
      at: { $instant: true },
      code: { $regex: "^[A-Z]{3}$" },
      items: { $eachLike: { id: { $type: "string" } } },
    };
    expect(
      mismatches(expected, {
        id: "S1",
        n: 3,
        at: "2026-03-01T00:00:00Z",
        code: "GBP",
        items: [{ id: "a" }],
        extra: 1,
      }),
    ).toEqual([]);
    expect(mismatches(expected, { id: "S2", n: "3", at: "yesterday", code: "gbp", items: [] })).toEqual([
      'body.id: expected "S1", got "S2"',
      'body.n: expected integer, got "3"',
      'body.at: expected an ISO 8601 instant, got "yesterday"',
      'body.code: expected a string matching ^[A-Z]{3}$, got "gbp"',
      "body.items: expected a non-empty array, got []",
    ]);
    expect(mismatches({ migratedAt: { $instant: true } }, { migrationDate: "2026-03-01T00:00:00Z" })).toEqual(
      ["body.migratedAt: missing"],
    );
  });
});
