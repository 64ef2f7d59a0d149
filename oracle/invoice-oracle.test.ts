import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { BillingPolicySchema } from "./billing-policy.ts";
import { expectedInvoices, type ImportedTimeline, type OraclePlan } from "./invoice-oracle.ts";

const GIB = 1024 ** 3;
const plan = (planId: string, fee: number, dataBytes = 10 * GIB): OraclePlan => ({
  planId,
  recurringFeeMinor: fee,
  allowances: { voiceSec: 6_000_000, smsCount: 100_000, dataBytes },
  overage: { perMinuteMinor: 0, perSmsMinor: 0, perMibMinor: 5 },
});
const at = (iso: string) => Temporal.Instant.from(iso);

function timeline(overrides: Partial<ImportedTimeline>): ImportedTimeline {
  return {
    subscriberId: "S1",
    currency: "GBP",
    anchorDay: 1,
    timeZone: "Europe/London",
    cutoverAt: at("2024-09-20T10:00:00Z"),
    plan: plan("POSTPAID-S", 800),
    legacy: { usageToDate: { voiceSec: 0, smsCount: 0, dataBytes: 0 }, creditMinor: 0, rounding: "half-up" },
    planChanges: [],
    addOns: [],
    sessions: [],
    ...overrides,
  };
}

const contract = BillingPolicySchema.parse({});

describe("expected invoices of an imported subscriber", () => {
  it("bills the remainder in the split period, whole fees after, and carries credit larger than the first invoice", () => {
    const invoices = expectedInvoices(
      timeline({
        legacy: {
          usageToDate: { voiceSec: 0, smsCount: 0, dataBytes: 0 },
          creditMinor: 1900,
          rounding: "half-up",
        },
      }),
      contract,
      at("2025-01-01T00:00:00Z"),
    );
    // September: legacy 800 × 19 / 30 = 506.67 → 507, the destination 293.
    expect(invoices.map((i) => i.lines.map((l) => [l.rule, l.amountMinor]))).toEqual([
      [
        ["recurring.split-remainder", 293],
        ["credit.legacy", -293],
      ],
      [
        ["recurring.full-period", 800],
        ["credit.legacy", -800],
      ],
      [
        ["recurring.full-period", 800],
        ["credit.legacy", -800],
      ],
      [
        ["recurring.full-period", 800],
        ["credit.legacy", -7],
      ],
    ]);
    expect(invoices.map((i) => i.totalMinor)).toEqual([0, 0, 0, 793]);
    expect(invoices[0]?.split).toBe(true);
  });

  it("charges only the overage the destination's own usage adds when legacy already passed the allowance", () => {
    const t = timeline({
      legacy: {
        usageToDate: { voiceSec: 0, smsCount: 0, dataBytes: 10 * GIB + 12_345 },
        creditMinor: 0,
        rounding: "half-up",
      },
      sessions: [{ service: "data", start: at("2024-09-22T10:00:00Z"), quantity: 524_288 }],
    });
    const usage = (rounding: "half-up" | "half-even") =>
      expectedInvoices(t, BillingPolicySchema.parse({ rounding }), at("2024-10-01T00:00:00Z"))[0]?.lines.find(
        (l) => l.kind === "usage",
      );
    // 512 KiB × 5 / MiB = 2.5: a tie of the destination's own rounding.
    expect(usage("half-up")).toMatchObject({ rule: "usage.data-overage", amountMinor: 3 });
    expect(usage("half-even")).toMatchObject({ amountMinor: 2 });
  });

  it("ends the split segment at a termination inside the split period and bills nothing after", () => {
    const invoices = expectedInvoices(
      timeline({
        plan: plan("POSTPAID-L", 1500),
        cutoverAt: at("2024-09-06T10:00:00Z"),
        terminatedAt: at("2024-09-12T10:00:00Z"),
      }),
      contract,
      at("2025-01-01T00:00:00Z"),
    );
    // 1500 × 11 / 30 = 550 up to the termination, minus legacy 1500 × 5 / 30 = 250.
    expect(invoices.map((i) => i.totalMinor)).toEqual([300]);
  });

  it("prices a plan change after the cutover as its own segment, the split segment ending at it", () => {
    const [september] = expectedInvoices(
      timeline({
        cutoverAt: at("2024-09-08T10:00:00Z"),
        planChanges: [{ at: at("2024-09-17T10:00:00Z"), plan: plan("POSTPAID-UNL", 2000) }],
      }),
      contract,
      at("2024-10-01T00:00:00Z"),
    );
    // 800 × 16 / 30 = 426.67 → 427, minus legacy 800 × 7 / 30 = 186.67 → 187: 240; then 2000 × 14 / 30 = 933.33 → 933.
    expect(september?.lines.map((l) => [l.rule, l.amountMinor])).toEqual([
      ["recurring.split-remainder", 240],
      ["recurring.prorated", 933],
    ]);
  });
});
