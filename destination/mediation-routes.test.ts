import { afterEach, describe, expect, it } from "vitest";
import { activation, startTestDestination, type TestDestination } from "./test-helpers.ts";

let dest: TestDestination | undefined;
afterEach(async () => {
  await dest?.close();
  dest = undefined;
});

const base = { msisdn: "+447000000001", imsi: "234150000000001", start: "2026-03-05T09:00:00Z" };

describe("CDR mediation", () => {
  it("answers every record with accepted or a rejection reason, never dropping one", async () => {
    dest = await startTestDestination();
    await dest.call("POST", "/v1/subscribers", activation(1));
    await dest.call("POST", "/v1/subscribers/S0000001/termination", {
      reason: "churn",
      at: "2026-03-20T00:00:00Z",
    });
    const records = [
      { ...base, recordId: "ok", chargingId: "c1", service: "voice", durationSec: 61 },
      { ...base, recordId: "bad", chargingId: "c2", service: "fax" },
      { ...base, recordId: "noq", chargingId: "c3", service: "data" },
      { ...base, recordId: "who", chargingId: "c4", service: "sms", msisdn: "+447999999999" },
      { ...base, recordId: "sim", chargingId: "c5", service: "sms", imsi: "234150000000999" },
      { ...base, recordId: "early", chargingId: "c6", service: "sms", start: "2026-02-01T00:00:00Z" },
      { ...base, recordId: "late", chargingId: "c7", service: "sms", start: "2026-03-21T00:00:00Z" },
      { ...base, recordId: "ok", chargingId: "c1", service: "voice", durationSec: 61 },
      {
        ...base,
        recordId: "p1",
        chargingId: "s1",
        service: "data",
        volumeBytes: 10,
        partial: { sequence: 1, final: true },
      },
      {
        ...base,
        recordId: "p1b",
        chargingId: "s1",
        service: "data",
        volumeBytes: 10,
        partial: { sequence: 1, final: false },
      },
      {
        ...base,
        recordId: "p2",
        chargingId: "s1",
        service: "data",
        volumeBytes: 10,
        partial: { sequence: 2, final: false },
      },
      {
        ...base,
        recordId: "px",
        chargingId: "s1",
        service: "voice",
        durationSec: 10,
        partial: { sequence: 3, final: false },
      },
    ];
    const answer = await dest.call("POST", "/v1/cdr-batches", { records });
    expect(answer.status).toBe(200);
    expect(answer.body.results.map((r: { reason?: string }) => r.reason ?? "accepted")).toEqual([
      "accepted",
      "malformed",
      "missing_quantity",
      "unknown_subscriber",
      "imsi_mismatch",
      "before_activation",
      "after_termination",
      "duplicate_record",
      "accepted",
      "duplicate_partial",
      "partial_after_final",
      "session_mismatch",
    ]);
    expect(answer.body).toMatchObject({ accepted: 2, rejected: 10 });
  });

  it("correlates partial records and rates the session once, rounded to the increment at the final part", async () => {
    dest = await startTestDestination();
    await dest.call(
      "POST",
      "/v1/subscribers",
      activation(1, { planId: "PAYG-BASIC", paymentType: "prepaid" }),
    );
    const parts = [1, 2].map((sequence) => ({
      ...base,
      recordId: `v${sequence}`,
      chargingId: "call-1",
      service: "voice",
      durationSec: 40,
      partial: { sequence, final: sequence === 2 },
    }));
    await dest.call("POST", "/v1/cdr-batches", { records: parts });
    const invoice = await dest.call("GET", "/v1/subscribers/S0000001/invoices/current");
    // 80 s in one call → 120 s (two started minutes) at 10/min, plus one connect fee of 5.
    expect(
      invoice.body.lines
        .filter((l: { kind: string }) => l.kind === "usage")
        .map((l: { description: string; amountMinor: number }) => [l.description, l.amountMinor]),
    ).toEqual([
      ["voice overage 120 s", 20],
      ["voice connect fees, 1 calls", 5],
    ]);
  });
});
