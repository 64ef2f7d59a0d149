import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { DEFAULT_CATALOG, findPlan, type Plan, periodStartingIn } from "../domain/index.ts";
import { computeInvoiceLines, type InvoiceInput, ratedQuantity } from "./invoice-calculator.ts";

const plan = (id: string) => findPlan(DEFAULT_CATALOG, id) as Plan;
const march = periodStartingIn(Temporal.PlainYearMonth.from("2026-03"), 1, "Europe/London");
const none = { voiceSec: 0, voiceCalls: 0, smsCount: 0, dataBytes: 0 };
const date = (s: string) => Temporal.PlainDate.from(s);

function input(overrides: Partial<InvoiceInput>): InvoiceInput {
  return {
    period: march,
    currency: "GBP",
    segments: [{ plan: plan("POSTPAID-S"), from: date("2026-03-01"), to: date("2026-04-01") }],
    usagePlan: plan("POSTPAID-S"),
    usage: none,
    legacyUsage: { voiceSec: 0, smsCount: 0, dataBytes: 0 },
    oneOffs: [],
    creditMinor: 0,
    rounding: "half-up",
    thirtyDayMonths: false,
    ...overrides,
  };
}

describe("invoice arithmetic", () => {
  it("charges a whole period's fee exactly and prorates partial segments by actual days", () => {
    expect(computeInvoiceLines(input({})).totalMinor).toBe(800);
    const split = computeInvoiceLines(
      input({
        segments: [
          { plan: plan("POSTPAID-S"), from: date("2026-03-01"), to: date("2026-03-11") },
          { plan: plan("POSTPAID-L"), from: date("2026-03-11"), to: date("2026-04-01") },
        ],
      }),
    );
    // 800 × 10/31 = 258.06 → 258; 1500 × 21/31 = 1016.13 → 1016
    expect(split.lines.map((l) => l.amountMinor)).toEqual([258, 1016]);
  });

  it("counts legacy usage to date against the allowance before charging overage", () => {
    const payg = plan("PREPAID-S");
    const result = computeInvoiceLines(
      input({
        usagePlan: payg,
        segments: [],
        usage: { ...none, smsCount: 10 },
        legacyUsage: { voiceSec: 0, smsCount: payg.allowances.smsCount - 4, dataBytes: 0 },
      }),
    );
    expect(result.lines).toEqual([
      { kind: "usage", description: "SMS overage 6", amountMinor: 6 * payg.overage.perSmsMinor },
    ]);
  });

  it("charges connect fees per call on plans without voice allowance, one-offs, and legacy credit", () => {
    const result = computeInvoiceLines(
      input({
        segments: [],
        usagePlan: plan("PAYG-BASIC"),
        usage: { ...none, voiceSec: 120, voiceCalls: 2 },
        oneOffs: [{ description: "add-on ROAM-EU", amountMinor: 300 }],
        creditMinor: 150,
      }),
    );
    expect(result.lines.map((l) => [l.kind, l.amountMinor])).toEqual([
      ["usage", 20],
      ["usage", 10],
      ["one-off", 300],
      ["credit", -150],
    ]);
    expect(result.totalMinor).toBe(180);
  });

  it("rounds voice up to whole minutes and data up to whole KiB", () => {
    expect(ratedQuantity("voice", 61)).toBe(120);
    expect(ratedQuantity("voice", 60)).toBe(60);
    expect(ratedQuantity("data", 1)).toBe(1024);
    expect(ratedQuantity("sms", 1)).toBe(1);
  });
});
