/**
 * The split-period and mediation defect profiles (issue 12) change the destination exactly as
 * documented in defects.ts, and the clean profile does not: each case runs the same steps on both.
 */
import { afterEach, describe, expect, it } from "vitest";
import { activation, startTestDestination, type TestDestination } from "./test-helpers.ts";

const open: TestDestination[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((d) => d.close()));
});

async function compare<T>(defect: string, steps: (d: TestDestination) => Promise<T>) {
  const clean = await startTestDestination({});
  const defective = await startTestDestination({ defects: [defect] });
  open.push(clean, defective);
  return { clean: await steps(clean), defective: await steps(defective) };
}

const DIGITS = "000000042";
const MSISDN = `+447${DIGITS}`;
const IMSI = `234150${DIGITS}`;

/** A cohort of one line cut over at `at` (period from the 1st, London unless said otherwise). */
function cohort(
  overrides: {
    at?: string;
    planId?: string;
    paymentType?: string;
    currency?: string;
    timezone?: string;
    periodStart?: string;
    billing?: Record<string, unknown>;
  } = {},
) {
  return {
    cohortId: "C1",
    at: overrides.at ?? "2026-03-17T00:00:00Z",
    subscribers: [
      {
        externalId: "LEG-42",
        msisdn: MSISDN,
        imsi: IMSI,
        iccid: `894400000${DIGITS}`,
        planId: overrides.planId ?? "POSTPAID-S",
        paymentType: overrides.paymentType ?? "postpaid",
        currency: overrides.currency ?? "GBP",
        status: "active",
        anchorDay: 1,
        timezone: overrides.timezone ?? "Europe/London",
        activatedAt: "2025-06-01T09:00:00Z",
        billing: {
          periodStart: overrides.periodStart ?? "2026-03-01T00:00:00Z",
          usageToDate: { voiceSec: 0, smsCount: 0, dataBytes: 0 },
          balanceMinor: 0,
          ...overrides.billing,
        },
      },
    ],
  };
}

const record = (fields: Record<string, unknown>) => ({
  recordId: "r1",
  chargingId: "c1",
  msisdn: MSISDN,
  imsi: IMSI,
  service: "voice",
  start: "2026-03-20T09:00:00Z",
  durationSec: 60,
  ...fields,
});
const reasons = (body: { results: { status: string; reason?: string }[] }) =>
  body.results.map((r) => r.reason ?? r.status);
const sum = (invoice: { lines: { kind: string; amountMinor: number }[] }, kind: string) =>
  invoice.lines.filter((l) => l.kind === kind).reduce((s, l) => s + l.amountMinor, 0);

describe("split-period and mediation defect profiles", () => {
  it("split-rounds-own-share: at a tie the destination rounds its own share instead of billing the remainder", async () => {
    const { clean, defective } = await compare("split-rounds-own-share", async (d) => {
      // DE-PREPAID-S 999 over April's 30 days, cutover on the 6th: legacy 999 × 5 / 30 = 166.5 → 167.
      await d.call(
        "POST",
        "/v1/cohort-imports",
        cohort({
          at: "2026-04-06T10:00:00Z",
          planId: "DE-PREPAID-S",
          paymentType: "prepaid",
          currency: "EUR",
          timezone: "Europe/Berlin",
          periodStart: "2026-03-31T22:00:00Z",
        }),
      );
      return sum((await d.call("GET", "/v1/subscribers/S0000001/invoices/current")).body, "recurring");
    });
    expect(clean).toBe(999 - 167);
    expect(defective).toBe(833);
  });

  it("usage-before-cutover-rejected: a call in progress at the cutover is refused", async () => {
    const { clean, defective } = await compare("usage-before-cutover-rejected", async (d) => {
      await d.call("POST", "/v1/cohort-imports", cohort());
      return reasons(
        (
          await d.call("POST", "/v1/cdr-batches", {
            records: [record({ start: "2026-03-16T23:50:00Z", durationSec: 1200 })],
          })
        ).body,
      );
    });
    expect(clean).toEqual(["accepted"]);
    expect(defective).toEqual(["before_activation"]);
  });

  it("top-up-at-cutover-lost: a top-up at the cutover instant leaves the balance unchanged", async () => {
    const { clean, defective } = await compare("top-up-at-cutover-lost", async (d) => {
      await d.call("POST", "/v1/cohort-imports", cohort());
      return (
        await d.call("POST", "/v1/subscribers/S0000001/top-ups", {
          amountMinor: 500,
          currency: "GBP",
          at: "2026-03-17T00:00:00Z",
        })
      ).body.balanceMinor;
    });
    expect(clean).toBe(500);
    expect(defective).toBe(0);
  });

  it("allowance-ignores-legacy-usage: the split period's allowance forgets legacy usage to date", async () => {
    const { clean, defective } = await compare("allowance-ignores-legacy-usage", async (d) => {
      await d.call(
        "POST",
        "/v1/cohort-imports",
        cohort({ billing: { usageToDate: { voiceSec: 0, smsCount: 0, dataBytes: 10 * 1024 ** 3 } } }),
      );
      await d.call("POST", "/v1/cdr-batches", {
        records: [record({ service: "data", durationSec: undefined, volumeBytes: 2 * 1_048_576 })],
      });
      return sum((await d.call("GET", "/v1/subscribers/S0000001/invoices/current")).body, "usage");
    });
    expect(clean).toBe(10);
    expect(defective).toBe(0);
  });

  it("credit-remainder-lost: credit larger than the first invoice is not carried to the next", async () => {
    const { clean, defective } = await compare("credit-remainder-lost", async (d) => {
      await d.call("POST", "/v1/cohort-imports", cohort({ billing: { creditMinor: 1000 } }));
      await d.call("POST", "/v1/test/clock", { set: "2026-05-02T00:00:00Z" });
      await d.call("POST", "/v1/billing-runs", {});
      return (await d.call("GET", "/v1/subscribers/S0000001/invoices")).body.items.map(
        (i: { lines: { kind: string; amountMinor: number }[] }) => sum(i, "credit"),
      );
    });
    // March: 800 − legacy 413 = 387 charged, all credited; April: the 613 left.
    expect(clean).toEqual([-387, -613]);
    expect(defective).toEqual([-387, 0]);
  });

  it("accepts-cdr-without-quantity: a voice record without durationSec is accepted", async () => {
    const { clean, defective } = await compare("accepts-cdr-without-quantity", async (d) => {
      await d.call("POST", "/v1/subscribers", activation(42));
      return reasons(
        (await d.call("POST", "/v1/cdr-batches", { records: [record({ durationSec: undefined })] })).body,
      );
    });
    expect(clean).toEqual(["missing_quantity"]);
    expect(defective).toEqual(["accepted"]);
  });

  it("cdr-result-missing and cdr-reject-without-reason: a record of nobody's number gets no answer, or no reason", async () => {
    const steps = async (d: TestDestination) =>
      (await d.call("POST", "/v1/cdr-batches", { records: [record({})] })).body.results;
    const missing = await compare("cdr-result-missing", steps);
    expect(missing.clean).toEqual([
      expect.objectContaining({ status: "rejected", reason: "unknown_subscriber" }),
    ]);
    expect(missing.defective).toEqual([]);
    const reasonless = await compare("cdr-reject-without-reason", steps);
    expect(reasonless.defective).toEqual([{ index: 0, recordId: "r1", status: "rejected" }]);
  });

  it("cdr-gaps-unreported: a session whose record 2 of 3 never came is not listed", async () => {
    const { clean, defective } = await compare("cdr-gaps-unreported", async (d) => {
      await d.call("POST", "/v1/subscribers", activation(42));
      await d.call("POST", "/v1/cdr-batches", {
        records: [
          record({ partial: { sequence: 1, final: false } }),
          record({ recordId: "r3", partial: { sequence: 3, final: true } }),
        ],
      });
      return (await d.call("GET", "/v1/cdr-sessions/gaps")).body.items;
    });
    expect(clean).toEqual([
      { chargingId: "c1", msisdn: MSISDN, service: "voice", finalSequence: 3, missing: [2] },
    ]);
    expect(defective).toEqual([]);
  });

  it("session-split-at-period: a call across the period boundary pays its connect fee in both periods", async () => {
    const { clean, defective } = await compare("session-split-at-period", async (d) => {
      await d.call(
        "POST",
        "/v1/subscribers",
        activation(42, { planId: "PAYG-BASIC", paymentType: "prepaid" }),
      );
      // London's 1 April starts at 23:00 UTC on 31 March (summer time).
      await d.call("POST", "/v1/cdr-batches", {
        records: [
          record({
            start: "2026-03-31T22:30:00Z",
            durationSec: 1800,
            partial: { sequence: 1, final: false },
          }),
          record({
            recordId: "r2",
            start: "2026-03-31T23:00:00Z",
            durationSec: 600,
            partial: { sequence: 2, final: true },
          }),
        ],
      });
      await d.call("POST", "/v1/test/clock", { set: "2026-05-02T00:00:00Z" });
      await d.call("POST", "/v1/billing-runs", {});
      return (await d.call("GET", "/v1/subscribers/S0000001/invoices")).body.items.map(
        (i: { lines: { kind: string; amountMinor: number }[] }) => sum(i, "usage"),
      );
    });
    // 2400 s = 40 min × 10 + one connect fee of 5, all in March.
    expect(clean).toEqual([405, 0]);
    expect(defective).toEqual([305, 105]);
  });
});
