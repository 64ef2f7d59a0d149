/**
 * The compliance defect profiles (contract 2.1: X2 sequences, per-country retention, switching
 * codes, carried-over ports, KYC barring) change the destination exactly as documented, and the
 * clean profile does not: each case runs the same steps on both and compares.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { activation, startTestDestination, type TestDestination } from "./test-helpers.ts";

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((d) => d.close()));
});

async function compare<T>(defect: string, steps: (d: TestDestination) => Promise<T>) {
  const run = async (defects: string[]) => {
    const d = await startTestDestination({ defects });
    open.push(d);
    return steps(d);
  };
  return { clean: await run([]), defective: await run([defect]) };
}

const XID = "6a1f0b4e-0000-4000-8000-0000000000c1";

function imported(n: number, extra: Record<string, unknown> = {}) {
  const digits = String(n).padStart(9, "0");
  return {
    externalId: `LEG-${n}`,
    msisdn: `+447${digits}`,
    imsi: `234150${digits}`,
    iccid: `894400000${digits}`,
    planId: "POSTPAID-S",
    paymentType: "postpaid",
    currency: "GBP",
    status: "active",
    anchorDay: 1,
    timezone: "Europe/London",
    activatedAt: "2025-06-01T09:00:00Z",
    kyc: { name: "A", dateOfBirth: "1980-01-01", address: "1 High St", idDocument: "P1" },
    billing: {
      periodStart: "2026-03-01T00:00:00Z",
      usageToDate: { voiceSec: 0, smsCount: 0, dataBytes: 0 },
      balanceMinor: 0,
    },
    ...extra,
  };
}

/** DE identifiers of valid shape (a generated DE base's first lines: E.164, E.212, Luhn ICCID). */
const DE_LINES = [
  { msisdn: "+4917264241015", imsi: "262035603664539", iccid: "8949220022296909391" },
  { msisdn: "+4915205956107", imsi: "262030027956789", iccid: "8949228058593233756" },
] as const;

/** A DE prepaid line of the cohort, with `kyc` as given. */
function dePrepaid(n: 0 | 1, kyc: Record<string, unknown>) {
  return imported(100 + n, {
    ...DE_LINES[n],
    planId: "DE-PREPAID-S",
    paymentType: "prepaid",
    currency: "EUR",
    timezone: "Europe/Berlin",
    kyc,
    // The period containing the cutover starts at local midnight in Berlin.
    billing: {
      periodStart: "2026-02-28T23:00:00Z",
      usageToDate: { voiceSec: 0, smsCount: 0, dataBytes: 0 },
      balanceMinor: 0,
    },
  });
}

const importCohort = (d: TestDestination, subscribers: unknown[], at = "2026-03-17T00:00:00Z") =>
  d.call("POST", "/v1/cohort-imports", { cohortId: `C-${at}`, at, subscribers });

function usage(n: number, id: string, start: string) {
  const digits = String(n).padStart(9, "0");
  return {
    recordId: id,
    chargingId: `c-${id}`,
    msisdn: `+447${digits}`,
    imsi: `234150${digits}`,
    service: "voice",
    start,
    durationSec: 60,
    cell: "234-15-1-2",
    calledNumber: "+447700900123",
    imei: "356938035643809",
  };
}

describe("compliance defect profiles", () => {
  it("x2-sequence-reset-on-import: IRI sequences restart at 1 after an import instead of continuing sequenceStart", async () => {
    const { clean, defective } = await compare("x2-sequence-reset-on-import", async (d) => {
      await d.li("POST", "/v1/li/tasks", {
        xid: XID,
        targets: [{ type: "msisdn", value: "+447000000009" }],
        sequenceStart: 42,
      });
      await importCohort(d, [imported(9)]);
      const log = await d.li("GET", `/v1/li/deliveries?xid=${XID}`);
      return log.body.items.map((i: { record: { sequence: number } }) => i.record.sequence);
    });
    expect(clean).toEqual([42]);
    expect(defective).toEqual([1]);
  });

  it("x2-no-retry: a batch the collector refused is marked delivered instead of staying pending", async () => {
    const collector = createServer((_req, res) => res.writeHead(503).end());
    await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", () => resolve()));
    open.push({ close: () => new Promise((resolve) => collector.close(() => resolve())) });
    const url = `http://127.0.0.1:${(collector.address() as AddressInfo).port}/x2`;
    const { clean, defective } = await compare("x2-no-retry", async (d) => {
      await d.li("POST", "/v1/li/delivery-config", { url });
      await d.li("POST", "/v1/li/tasks", { xid: XID, targets: [{ type: "msisdn", value: "+447000000001" }] });
      await d.call("POST", "/v1/subscribers", activation(1));
      for (let i = 0; i < 100; i++) {
        const log = await d.li("GET", "/v1/li/deliveries");
        if (log.body.items[0]?.attempts >= 1) return log.body.items[0].status;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return "never attempted";
    });
    expect(clean).toBe("pending");
    expect(defective).toBe("delivered");
  });

  it("li-target-cdr-delay: a target's CDR batch waits for a synchronous X2 push; a control's does not", async () => {
    const { clean, defective } = await compare("li-target-cdr-delay", async (d) => {
      await d.call("POST", "/v1/subscribers", activation(1));
      await d.call("POST", "/v1/subscribers", activation(2));
      await d.li("POST", "/v1/li/tasks", { xid: XID, targets: [{ type: "msisdn", value: "+447000000001" }] });
      const timed = async (n: number) => {
        const started = performance.now();
        await d.call("POST", "/v1/cdr-batches", { records: [usage(n, `r${n}`, "2026-03-02T10:00:00Z")] });
        return performance.now() - started;
      };
      const target = await timed(1);
      const control = await timed(2);
      return target - control > 300;
    });
    expect(clean).toBe(false);
    expect(defective).toBe(true);
  });

  it("retention-drops-location, -range-inclusive: the cell is answered; the range's end is exclusive", async () => {
    const steps = async (d: TestDestination) => {
      await d.call("POST", "/v1/subscribers", activation(1));
      await d.call("POST", "/v1/cdr-batches", {
        records: [usage(1, "a", "2026-03-02T10:00:00Z"), usage(1, "b", "2026-03-02T11:00:00Z")],
      });
      const got = await d.call(
        "GET",
        "/v1/retention/records?msisdn=%2B447000000001&from=2026-03-02T10:00:00Z&to=2026-03-02T11:00:00Z",
      );
      return got.body.usage.map(
        (u: { recordId: string; cell: string | null; calledNumber: string; imei: string }) => [
          u.recordId,
          u.cell,
          u.calledNumber,
          u.imei,
        ],
      );
    };
    const location = await compare("retention-drops-location", steps);
    expect(location.clean).toEqual([["a", "234-15-1-2", "+447700900123", "356938035643809"]]);
    expect(location.defective).toEqual([["a", null, "+447700900123", "356938035643809"]]);
    const range = await compare("retention-range-inclusive", steps);
    expect(range.defective.map((r: unknown[]) => r[0])).toEqual(["a", "b"]);
  });

  it("retention-purge-by-receipt: an old record ingested today survives a purge with per-country windows", async () => {
    const { clean, defective } = await compare("retention-purge-by-receipt", async (d) => {
      await d.call("POST", "/v1/subscribers", activation(1, { at: "2024-01-01T00:00:00Z" }));
      await d.call("POST", "/v1/cdr-batches", { records: [usage(1, "old", "2025-01-01T00:00:00Z")] });
      const purge = await d.call("POST", "/v1/retention/purge", {
        windows: [{ country: "GB", window: "P12M" }],
      });
      const left = await d.call(
        "GET",
        "/v1/retention/records?msisdn=%2B447000000001&from=2024-01-01T00:00:00Z&to=2027-01-01T00:00:00Z",
      );
      return { cutoff: purge.body.windows[0].cutoff, usage: left.body.usage.length };
    });
    expect(clean).toEqual({ cutoff: "2025-03-01T00:00:00Z", usage: 0 });
    expect(defective).toEqual({ cutoff: "2025-03-01T00:00:00Z", usage: 1 });
  });

  it("retention-gap-at-cutover: an imported line's usage on the cutover day is not retained", async () => {
    const { clean, defective } = await compare("retention-gap-at-cutover", async (d) => {
      await importCohort(d, [imported(3)], "2026-03-17T10:00:00Z");
      await d.call("POST", "/v1/cdr-batches", {
        records: [usage(3, "same-day", "2026-03-17T10:05:00Z"), usage(3, "next-day", "2026-03-18T10:05:00Z")],
      });
      const got = await d.call(
        "GET",
        "/v1/retention/records?msisdn=%2B447000000003&from=2026-03-17T00:00:00Z&to=2026-03-19T00:00:00Z",
      );
      return got.body.usage.map((u: { recordId: string }) => u.recordId);
    });
    expect(clean).toEqual(["same-day", "next-day"]);
    expect(defective).toEqual(["next-day"]);
  });

  it("pac-answer-slow: the PAC's SMS goes out two hours after the request instead of at once", async () => {
    const { clean, defective } = await compare("pac-answer-slow", async (d) => {
      await d.call("POST", "/v1/subscribers", activation(1));
      const code = await d.call("POST", "/v1/subscribers/S0000001/switching-codes", {
        type: "PAC",
        at: "2026-03-01T00:00:00Z",
      });
      return {
        status: code.status,
        shape: /^[A-Z]{3}\d{6}$/.test(code.body.code),
        sentAt: code.body.sentAt,
        validUntil: code.body.validUntil,
      };
    });
    expect(clean).toEqual({
      status: 201,
      shape: true,
      sentAt: "2026-03-01T00:00:00Z",
      validUntil: "2026-03-31T00:00:00Z",
    });
    expect(defective).toMatchObject({ sentAt: "2026-03-01T02:00:00Z" });
  });

  it("in-flight-port-dropped: a pending port of an imported line is not carried over", async () => {
    const { clean, defective } = await compare("in-flight-port-dropped", async (d) => {
      const pendingPort = {
        type: "port_in",
        msisdn: "+447111111111",
        counterparty: "DONOR-A",
        requestedAt: "2026-03-16T10:00:00Z",
        scheduledAt: "2026-03-17T06:00:00Z",
        clearinghouseRef: "CH000001",
      };
      const result = await importCohort(d, [imported(4, { pendingPort })], "2026-03-17T00:00:00Z");
      await d.call("POST", "/v1/test/clock", { set: "2026-03-17T07:00:00Z" });
      const read = await d.call("GET", `/v1/subscribers/${result.body.results[0].id}`);
      return { msisdn: read.body.msisdn, portedIn: read.body.portedIn };
    });
    expect(clean).toEqual({ msisdn: "+447111111111", portedIn: true });
    expect(defective).toEqual({ msisdn: "+447000000004", portedIn: false });
  });

  it("kyc-bar-not-applied-on-import: an incomplete DE prepaid import is in service instead of barred", async () => {
    const { clean, defective } = await compare("kyc-bar-not-applied-on-import", async (d) => {
      const result = await importCohort(d, [
        dePrepaid(0, { name: "A", address: "B", dateOfBirth: "1990-01-01" }),
      ]);
      const read = await d.call("GET", `/v1/subscribers/${result.body.results[0].id}`);
      return { kyc: read.body.kycStatus, barring: read.body.barring?.reason ?? null };
    });
    expect(clean).toEqual({ kyc: "incomplete", barring: "kyc_required" });
    expect(defective).toEqual({ kyc: "incomplete", barring: null });
  });

  it("kyc-bar-not-lifted: completing the record verifies it but leaves the line barred", async () => {
    const { clean, defective } = await compare("kyc-bar-not-lifted", async (d) => {
      const result = await importCohort(d, [
        dePrepaid(1, { name: "A", address: "B", dateOfBirth: "1990-01-01" }),
      ]);
      const id = result.body.results[0].id;
      const fixed = await d.call("POST", `/v1/subscribers/${id}/kyc`, {
        idDocument: "DEU-ID-1",
        at: "2026-03-18T00:00:00Z",
      });
      return { kyc: fixed.body.kycStatus, barring: fixed.body.barring?.reason ?? null };
    });
    expect(clean).toEqual({ kyc: "verified", barring: null });
    expect(defective).toEqual({ kyc: "verified", barring: "kyc_required" });
  });

  it("bars a DE prepaid activation until KYC completes, and never a GB one", async () => {
    const d = await startTestDestination({});
    open.push(d);
    const de = await d.call(
      "POST",
      "/v1/subscribers",
      activation(7, {
        ...DE_LINES[0],
        planId: "DE-PREPAID-S",
        paymentType: "prepaid",
        currency: "EUR",
        timezone: "Europe/Berlin",
      }),
    );
    const gb = await d.call(
      "POST",
      "/v1/subscribers",
      activation(8, { planId: "PAYG-BASIC", paymentType: "prepaid" }),
    );
    expect(de.body.barring).toMatchObject({ reason: "kyc_required" });
    expect(gb.body.barring).toBeNull();
  });
});
