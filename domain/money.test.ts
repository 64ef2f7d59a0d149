import { describe, expect, it } from "vitest";
import { divideRounded, formatMinor, money, prorate } from "./money.ts";

describe("divideRounded", () => {
  it("rounds halves by the named mode", () => {
    expect(divideRounded(5, 2, "half-up")).toBe(3);
    expect(divideRounded(5, 2, "half-even")).toBe(2);
    expect(divideRounded(7, 2, "half-even")).toBe(4);
    expect(divideRounded(5, 2, "half-down")).toBe(2);
    expect(divideRounded(5, 2, "floor")).toBe(2);
    expect(divideRounded(5, 2, "ceil")).toBe(3);
    expect(divideRounded(-5, 2, "half-up")).toBe(-3);
    expect(divideRounded(-5, 2, "floor")).toBe(-3);
    expect(divideRounded(-5, 2, "ceil")).toBe(-2);
    expect(divideRounded(-5, 2, "truncate")).toBe(-2);
  });

  it("is exact for products beyond 2^53", () => {
    expect(divideRounded(2n ** 60n + 1n, 2n, "half-up")).toBe(Number(2n ** 59n + 1n));
  });

  it("refuses division by zero", () => {
    expect(() => divideRounded(1, 0, "half-up")).toThrow(RangeError);
  });
});

describe("money", () => {
  it("refuses fractional minor units", () => {
    expect(() => money(1.5, "GBP")).toThrow(/integer/);
  });

  it("prorates a fee by days with explicit rounding", () => {
    // £10.00 for 10 of 31 days = 322.58… pence
    expect(prorate(money(1000, "GBP"), 10, 31, "half-up").amountMinor).toBe(323);
    expect(prorate(money(1000, "GBP"), 10, 31, "floor").amountMinor).toBe(322);
  });

  it("formats minor units with the currency exponent", () => {
    expect(formatMinor(1234, "GBP")).toBe("12.34");
    expect(formatMinor(5, "GBP")).toBe("0.05");
    expect(formatMinor(-1234, "KWD")).toBe("-1.234");
    expect(formatMinor(500, "JPY")).toBe("500");
  });
});
