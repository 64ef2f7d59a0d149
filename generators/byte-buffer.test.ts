import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ascii, ByteBuffer } from "./byte-buffer.ts";

describe("ByteBuffer JSON writers", () => {
  it("write numbers exactly as JSON.stringify does", () => {
    const out = new ByteBuffer(8);
    const check = (n: number) => {
      out.number(n);
      expect(out.text()).toBe(JSON.stringify(n));
      out.truncate(0);
    };
    fc.assert(fc.property(fc.oneof(fc.nat(), fc.maxSafeNat(), fc.double()), check), { numRuns: 3000 });
    for (const n of [0, -0, 9, 10, 99, 100, Number.MAX_SAFE_INTEGER, 2 ** 53, 1e21, -1, 0.5, Number.NaN])
      check(n);
  });

  it("escape text exactly as JSON.stringify does, growing as needed", () => {
    const out = new ByteBuffer(4);
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        out.lit(ascii('{"k":"'));
        out.jsonText(text);
        out.lit(ascii('"}'));
        expect(out.text()).toBe(JSON.stringify({ k: text }));
        out.truncate(0);
      }),
      { numRuns: 3000 },
    );
    out.jsonText('Müller "quoted" \\ \n Straße');
    expect(JSON.parse(`"${out.text()}"`)).toBe('Müller "quoted" \\ \n Straße');
  });

  it("pad digits and compute a Luhn check digit over what it wrote", () => {
    const out = new ByteBuffer(2);
    out.digits(42, 5);
    out.digits(7, 1);
    expect(out.text()).toBe("000427");
    expect(() => out.digits(100, 2)).toThrow(RangeError);
    out.truncate(0);
    out.lit(ascii("7992739871"));
    expect(out.luhnOf(0, out.size)).toBe(3);
  });

  it("refuses a non-ASCII literal", () => {
    expect(() => ascii("é")).toThrow(RangeError);
  });
});
