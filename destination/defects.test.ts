/**
 * Every defect profile changes the destination's behaviour exactly as documented in defects.ts,
 * and the clean profile does not: each case runs the same steps on both and compares.
 */
import { afterEach, describe, expect, it } from "vitest";
import { DEFECT_PROFILES } from "./defects.ts";
import { activation, BSS, startTestDestination, type TestDestination } from "./test-helpers.ts";

const open: TestDestination[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((d) => d.close()));
});

async function withProfile(
  defects: string[],
  options: Record<string, unknown> = {},
): Promise<TestDestination> {
  const d = await startTestDestination({ defects, ...options });
  open.push(d);
  return d;
}

/** Runs `steps` on a clean destination and on one with `defect`, returning both observations. */
async function compare<T>(
  defect: string,
  steps: (d: TestDestination) => Promise<T>,
  options: Record<string, unknown> = {},
): Promise<{ clean: T; defective: T }> {
  const clean = await steps(await withProfile([], options));
  const defective = await steps(await withProfile([defect], options));
  return { clean, defective };
}

const payg = (n: number, at = "2026-03-01T10:00:00Z") =>
  activation(n, { planId: "PAYG-BASIC", paymentType: "prepaid", at });

function cdr(n: number, fields: Record<string, unknown>): Record<string, unknown> {
  const digits = String(n).padStart(9, "0");
  return { msisdn: `+447${digits}`, imsi: `234150${digits}`, start: "2026-03-05T09:00:00Z", ...fields };
}

function line(
  invoice: { lines: { kind: string; description: string; amountMinor: number }[] },
  prefix: string,
) {
  return invoice.lines.find((l) => l.description.startsWith(prefix));
}

function importBody(msisdnN: number) {
  const digits = String(msisdnN).padStart(9, "0");
  return {
    cohortId: "C1",
    at: "2026-03-17T00:00:00Z",
    subscribers: [
      {
        externalId: `LEG-${msisdnN}`,
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
          usageToDate: { voiceSec: 600, smsCount: 10, dataBytes: 1_000_000 },
          balanceMinor: 0,
        },
      },
    ],
  };
}

describe("defect profiles", () => {
  it("documents 51 profiles, each with a gate family", () => {
    expect(DEFECT_PROFILES).toHaveLength(51);
    for (const d of DEFECT_PROFILES) expect(d.gateFamily.length).toBeGreaterThan(10);
  });

  it("silent-plan-change: answers the requested plan but a later read shows the old one", async () => {
    const { clean, defective } = await compare("silent-plan-change", async (d) => {
      await d.call("POST", "/v1/subscribers", activation(1));
      const answer = await d.call("POST", "/v1/subscribers/S0000001/plan-change", {
        planId: "POSTPAID-L",
        at: "2026-03-02T00:00:00Z",
      });
      const read = await d.call("GET", "/v1/subscribers/S0000001");
      return { answered: answer.body.planId, stored: read.body.planId };
    });
    expect(clean).toEqual({ answered: "POSTPAID-L", stored: "POSTPAID-L" });
    expect(defective).toEqual({ answered: "POSTPAID-L", stored: "POSTPAID-S" });
  });

  it("proration-30-day: a partial period is prorated over 30 days instead of the period's 31", async () => {
    const { clean, defective } = await compare("proration-30-day", async (d) => {
      await d.call("POST", "/v1/subscribers", activation(1, { at: "2026-03-17T10:00:00Z" }));
      await d.call("POST", "/v1/test/clock", { set: "2026-04-02T00:00:00Z" });
      await d.call("POST", "/v1/billing-runs", {});
      const invoices = await d.call("GET", "/v1/subscribers/S0000001/invoices");
      return line(invoices.body.items[0], "POSTPAID-S recurring")?.amountMinor;
    });
    expect(clean).toBe(387); // 800 × 15 / 31 = 387.10
    expect(defective).toBe(400); // 800 × 15 / 30
  });

  it("rounding-half-even: an exact half (2.5 minor units of data overage) rounds to 2 instead of 3", async () => {
    const { clean, defective } = await compare("rounding-half-even", async (d) => {
      await d.call("POST", "/v1/subscribers", payg(1));
      await d.call("POST", "/v1/cdr-batches", {
        records: [cdr(1, { recordId: "r1", chargingId: "c1", service: "data", volumeBytes: 262_144 })],
      });
      const invoice = await d.call("GET", "/v1/subscribers/S0000001/invoices/current");
      return line(invoice.body, "data overage")?.amountMinor;
    });
    expect(clean).toBe(3);
    expect(defective).toBe(2);
  });

  it("double-recurring-on-import: a mid-period import pays the whole period's fee instead of its share", async () => {
    const { clean, defective } = await compare("double-recurring-on-import", async (d) => {
      const imported = await d.call("POST", "/v1/cohort-imports", importBody(7));
      const id = imported.body.results[0].id;
      const invoice = await d.call("GET", `/v1/subscribers/${id}/invoices/current`);
      return invoice.body.lines
        .filter((l: { kind: string }) => l.kind === "recurring")
        .map((l: { amountMinor: number }) => l.amountMinor);
    });
    expect(clean).toEqual([387]); // 16–31 March: 15 of 31 days
    expect(defective).toEqual([800]);
  });

  it("cdr-dedup-off: a repeated charging ID + record ID is accepted and rated twice", async () => {
    const { clean, defective } = await compare("cdr-dedup-off", async (d) => {
      await d.call("POST", "/v1/subscribers", payg(1));
      const record = cdr(1, { recordId: "r1", chargingId: "c1", service: "sms" });
      const batch = await d.call("POST", "/v1/cdr-batches", { records: [record, record] });
      const invoice = await d.call("GET", "/v1/subscribers/S0000001/invoices/current");
      return {
        reasons: batch.body.results.map((r: { reason?: string }) => r.reason ?? "ok"),
        sms: line(invoice.body, "SMS overage")?.amountMinor,
      };
    });
    expect(clean).toEqual({ reasons: ["ok", "duplicate_record"], sms: 8 });
    expect(defective).toEqual({ reasons: ["ok", "ok"], sms: 16 });
  });

  it("partial-cdr-double-count: the final partial adds the session total again", async () => {
    const { clean, defective } = await compare("partial-cdr-double-count", async (d) => {
      await d.call("POST", "/v1/subscribers", payg(1));
      const parts = [1, 2, 3].map((sequence) =>
        cdr(1, {
          recordId: `p${sequence}`,
          chargingId: "s1",
          service: "data",
          volumeBytes: 102_400,
          partial: { sequence, final: sequence === 3 },
        }),
      );
      await d.call("POST", "/v1/cdr-batches", { records: parts });
      const invoice = await d.call("GET", "/v1/subscribers/S0000001/invoices/current");
      return line(invoice.body, "data overage")?.description;
    });
    expect(clean).toBe("data overage 307200 bytes");
    expect(defective).toBe("data overage 614400 bytes");
  });

  it("li-task-lost-on-import: importing a target's subscriber drops its X1 task, so X2 records stop", async () => {
    const { clean, defective } = await compare("li-task-lost-on-import", async (d) => {
      const xid = "6a1f0b4e-0000-4000-8000-000000000001";
      await d.li("POST", "/v1/li/tasks", { xid, targets: [{ type: "msisdn", value: "+447000000009" }] });
      const imported = await d.call("POST", "/v1/cohort-imports", importBody(9));
      await d.call("POST", `/v1/subscribers/${imported.body.results[0].id}/top-ups`, {
        amountMinor: 100,
        currency: "GBP",
        at: "2026-03-18T00:00:00Z",
      });
      const task = await d.li("GET", `/v1/li/tasks/${xid}`);
      const deliveries = await d.li("GET", `/v1/li/deliveries?xid=${xid}`);
      return {
        task: task.status,
        events: deliveries.body.items.map((i: { record: { eventType: string } }) => i.record.eventType),
      };
    });
    expect(clean).toEqual({ task: 200, events: ["import", "top_up"] });
    expect(defective).toEqual({ task: 404, events: [] });
  });

  it("li-visible-to-bss-token: the BSS token reads LI tasks instead of getting 403", async () => {
    const { clean, defective } = await compare("li-visible-to-bss-token", async (d) => {
      await d.li("POST", "/v1/li/tasks", {
        xid: "6a1f0b4e-0000-4000-8000-000000000002",
        targets: [{ type: "imsi", value: "234150000000001" }],
      });
      const bss = await d.call("GET", "/v1/li/tasks");
      return { status: bss.status, leaked: JSON.stringify(bss.body).includes("234150000000001") };
    });
    expect(clean).toEqual({ status: 403, leaked: false });
    expect(defective).toEqual({ status: 200, leaked: true });
  });

  it("retention-purges-early: a 12-month window purges records 360–365 days old", async () => {
    const { clean, defective } = await compare("retention-purges-early", async (d) => {
      await d.call("POST", "/v1/subscribers", payg(1));
      await d.call("POST", "/v1/cdr-batches", {
        records: [
          cdr(1, { recordId: "r1", chargingId: "c1", service: "sms", start: "2026-03-02T00:00:00Z" }),
        ],
      });
      await d.call("POST", "/v1/test/clock", { set: "2027-02-28T00:00:00Z" });
      const purge = await d.call("POST", "/v1/retention/purge", {});
      const kept = await d.call(
        "GET",
        "/v1/retention/records?msisdn=%2B447000000001&from=2026-01-01T00:00:00Z&to=2027-03-01T00:00:00Z",
      );
      return { cutoff: purge.body.cutoff, usage: kept.body.usage.length };
    });
    expect(clean).toEqual({ cutoff: "2026-02-28T00:00:00Z", usage: 1 });
    expect(defective).toEqual({ cutoff: "2026-03-05T00:00:00Z", usage: 0 });
  });

  it("port-in-slow: the port completes 24 h after the clearinghouse window instead of at it", async () => {
    const { clean, defective } = await compare("port-in-slow", async (d) => {
      await d.call("POST", "/v1/subscribers", activation(1));
      const port = await d.call("POST", "/v1/subscribers/S0000001/port-in", {
        msisdn: "+447111111111",
        donor: "DONOR-A",
        at: "2026-03-02T10:00:00Z",
      });
      await d.call("POST", "/v1/test/clock", { set: "2026-03-02T13:00:00Z" });
      const read = await d.call("GET", "/v1/subscribers/S0000001");
      return { completesAt: port.body.porting.completesAt, msisdn: read.body.msisdn };
    });
    expect(clean).toEqual({ completesAt: "2026-03-02T12:00:00Z", msisdn: "+447111111111" });
    expect(defective).toEqual({ completesAt: "2026-03-03T12:00:00Z", msisdn: "+447000000001" });
  });

  it("reorder-drift: a late, older plan change overwrites the newer one and a late, older status change is accepted", async () => {
    const { clean, defective } = await compare("reorder-drift", async (d) => {
      await d.call("POST", "/v1/subscribers", activation(1));
      await d.call("POST", "/v1/subscribers/S0000001/plan-change", {
        planId: "POSTPAID-UNL",
        at: "2026-03-05T00:00:00Z",
      });
      await d.call("POST", "/v1/subscribers/S0000001/plan-change", {
        planId: "POSTPAID-L",
        at: "2026-03-04T00:00:00Z",
      });
      await d.call("POST", "/v1/subscribers/S0000001/suspension", {
        reason: "x",
        at: "2026-03-06T00:00:00Z",
      });
      const late = await d.call("POST", "/v1/subscribers/S0000001/resumption", {
        at: "2026-03-05T12:00:00Z",
      });
      const read = (await d.call("GET", "/v1/subscribers/S0000001")).body;
      return { planId: read.planId, late: late.body.error?.code ?? late.status, status: read.status };
    });
    expect(clean).toEqual({ planId: "POSTPAID-UNL", late: "stale_event", status: "suspended" });
    expect(defective).toEqual({ planId: "POSTPAID-L", late: 200, status: "active" });
  });

  it("kyc-accepts-incomplete: incomplete records are marked verified and clearing a field is accepted", async () => {
    const { clean, defective } = await compare("kyc-accepts-incomplete", async (d) => {
      await d.call("POST", "/v1/subscribers", activation(1));
      const partial = await d.call("POST", "/v1/subscribers/S0000001/kyc", {
        address: "1 High St",
        at: "2026-03-02T00:00:00Z",
      });
      const cleared = await d.call("POST", "/v1/subscribers/S0000001/kyc", {
        name: null,
        at: "2026-03-02T01:00:00Z",
      });
      const body = importBody(8);
      const imported = await d.call("POST", "/v1/cohort-imports", {
        ...body,
        subscribers: body.subscribers.map((s) => ({ ...s, kyc: { name: "B", dateOfBirth: null } })),
      });
      const importedRead = await d.call("GET", `/v1/subscribers/${imported.body.results[0].id}`);
      return {
        partialKyc: partial.body.kycStatus,
        clearing: cleared.status,
        importedKyc: importedRead.body.kycStatus,
      };
    });
    expect(clean).toEqual({ partialKyc: "incomplete", clearing: 422, importedKyc: "incomplete" });
    expect(defective).toEqual({ partialKyc: "verified", clearing: 200, importedKyc: "verified" });
  });

  it("slow-under-load: past the request-rate threshold, responses are delayed (Server-Timing overload)", async () => {
    const { clean, defective } = await compare(
      "slow-under-load",
      async (d) => {
        const delays: number[] = [];
        for (let i = 0; i < 20; i++) {
          const response = await fetch(`${d.url}/v1/test/clock`, { headers: { authorization: BSS } });
          await response.arrayBuffer();
          const timing = response.headers.get("server-timing");
          delays.push(timing ? Number(/dur=(\d+)/.exec(timing)?.[1]) : 0);
        }
        return delays;
      },
      { loadThresholdRps: 5 },
    );
    expect(clean.every((ms) => ms === 0)).toBe(true);
    expect(defective.slice(0, 5).every((ms) => ms === 0)).toBe(true);
    expect(defective[19]).toBeGreaterThan(0);
  });

  it("leaks-5xx-under-load: past the request-rate threshold, every fourth request fails with 503", async () => {
    const { clean, defective } = await compare(
      "leaks-5xx-under-load",
      async (d) => {
        const statuses = await Promise.all(
          Array.from({ length: 24 }, () =>
            fetch(`${d.url}/v1/test/clock`, { headers: { authorization: BSS } }).then((r) => r.status),
          ),
        );
        return statuses.filter((s) => s === 503).length;
      },
      { loadThresholdRps: 5 },
    );
    expect(clean).toBe(0);
    expect(defective).toBeGreaterThanOrEqual(4);
  });

  it("truncates-odd-amounts: a top-up of 1007 minor units is applied, and answered, as 1000", async () => {
    const { clean, defective } = await compare("truncates-odd-amounts", async (d) => {
      await d.call("POST", "/v1/subscribers", payg(1));
      const topUp = { amountMinor: 1007, currency: "GBP", at: "2026-03-02T00:00:00Z" };
      const answer = await d.call("POST", "/v1/subscribers/S0000001/top-ups", topUp);
      const read = await d.call("GET", "/v1/subscribers/S0000001");
      return { status: answer.status, answered: answer.body.balanceMinor, stored: read.body.balanceMinor };
    });
    expect(clean).toEqual({ status: 200, answered: 1007, stored: 1007 });
    expect(defective).toEqual({ status: 200, answered: 1000, stored: 1000 });
  });

  it("idempotency-ignored: a duplicate delivery under the same key is applied again", async () => {
    const { clean, defective } = await compare("idempotency-ignored", async (d) => {
      await d.call("POST", "/v1/subscribers", payg(1));
      const topUp = { amountMinor: 100, currency: "GBP", at: "2026-03-02T00:00:00Z" };
      const key = { "idempotency-key": "evt-1" };
      const first = await d.call("POST", "/v1/subscribers/S0000001/top-ups", topUp, key);
      const duplicate = await d.call("POST", "/v1/subscribers/S0000001/top-ups", topUp, key);
      const read = await d.call("GET", "/v1/subscribers/S0000001");
      return {
        answers: [first.body.balanceMinor, duplicate.body.balanceMinor],
        stored: read.body.balanceMinor,
      };
    });
    expect(clean).toEqual({ answers: [100, 100], stored: 100 });
    expect(defective).toEqual({ answers: [100, 200], stored: 200 });
  });

  it("idempotency-body-unchecked: another request under a used key gets the stored answer instead of 409", async () => {
    const { clean, defective } = await compare("idempotency-body-unchecked", async (d) => {
      await d.call("POST", "/v1/subscribers", payg(1));
      const key = { "idempotency-key": "evt-1" };
      const at = "2026-03-02T00:00:00Z";
      const first = await d.call(
        "POST",
        "/v1/subscribers/S0000001/top-ups",
        { amountMinor: 100, currency: "GBP", at },
        key,
      );
      const other = await d.call(
        "POST",
        "/v1/subscribers/S0000001/top-ups",
        { amountMinor: 200, currency: "GBP", at },
        key,
      );
      const read = await d.call("GET", "/v1/subscribers/S0000001");
      return {
        other: other.status,
        code: other.body.error?.code ?? null,
        sameAsFirst: JSON.stringify(other.body) === JSON.stringify(first.body),
        stored: read.body.balanceMinor,
      };
    });
    expect(clean).toEqual({ other: 409, code: "idempotency_key_reused", sameAsFirst: false, stored: 100 });
    expect(defective).toEqual({ other: 200, code: null, sameAsFirst: true, stored: 100 });
  });

  it("resumption-refused: resuming a suspended line is refused with 409 invalid_transition", async () => {
    const { clean, defective } = await compare("resumption-refused", async (d) => {
      await d.call("POST", "/v1/subscribers", activation(1));
      await d.call("POST", "/v1/subscribers/S0000001/suspension", {
        reason: "x",
        at: "2026-03-02T00:00:00Z",
      });
      const resumed = await d.call("POST", "/v1/subscribers/S0000001/resumption", {
        at: "2026-03-03T00:00:00Z",
      });
      const read = await d.call("GET", "/v1/subscribers/S0000001");
      return { answer: resumed.body.error?.code ?? resumed.status, status: read.body.status };
    });
    expect(clean).toEqual({ answer: 200, status: "active" });
    expect(defective).toEqual({ answer: "invalid_transition", status: "suspended" });
  });

  it("accepts-currency-mismatch: a top-up in EUR to a GBP line is added as is instead of refused with 422", async () => {
    const { clean, defective } = await compare("accepts-currency-mismatch", async (d) => {
      await d.call("POST", "/v1/subscribers", payg(1));
      const topUp = { amountMinor: 500, currency: "EUR", at: "2026-03-02T00:00:00Z" };
      const answer = await d.call("POST", "/v1/subscribers/S0000001/top-ups", topUp);
      const read = await d.call("GET", "/v1/subscribers/S0000001");
      return { answer: answer.body.error?.code ?? answer.status, balance: read.body.balanceMinor };
    });
    expect(clean).toEqual({ answer: "currency_mismatch", balance: 0 });
    expect(defective).toEqual({ answer: 200, balance: 500 });
  });

  it("drops-some-activations: the 50th activation answers 503, applies nothing, and its retry is a new delivery", async () => {
    const { clean, defective } = await compare("drops-some-activations", async (d) => {
      const statuses: number[] = [];
      for (let n = 1; n <= 50; n++) {
        statuses.push(
          (await d.call("POST", "/v1/subscribers", activation(n), { "idempotency-key": `a${n}` })).status,
        );
      }
      const found = await d.call("GET", "/v1/subscribers?externalId=L50");
      const retry = await d.call("POST", "/v1/subscribers", activation(50), { "idempotency-key": "a50" });
      return {
        refused: statuses.flatMap((s, i) => (s === 201 ? [] : [`${i + 1}:${s}`])),
        foundBeforeRetry: found.body.items.length,
        retry: retry.status,
      };
    });
    expect(clean).toEqual({ refused: [], foundBeforeRetry: 1, retry: 201 });
    expect(defective).toEqual({ refused: ["50:503"], foundBeforeRetry: 0, retry: 201 });
  });

  it("stale-reads: a read within 1.5 s of a change answers the state before it; writes answer fresh state", async () => {
    let nowMs = 0;
    const { clean, defective } = await compare(
      "stale-reads",
      async (d) => {
        nowMs = 0;
        await d.call("POST", "/v1/subscribers", payg(1));
        nowMs = 10_000;
        const topUp = { amountMinor: 500, currency: "GBP", at: "2026-03-02T00:00:00Z" };
        const written = (await d.call("POST", "/v1/subscribers/S0000001/top-ups", topUp)).body.balanceMinor;
        const read = async (at: number) => {
          nowMs = at;
          return (await d.call("GET", "/v1/subscribers/S0000001")).body.balanceMinor;
        };
        return { written, reads: [await read(10_000), await read(11_499), await read(11_500)] };
      },
      { wallClockMs: () => nowMs },
    );
    expect(clean).toEqual({ written: 500, reads: [500, 500, 500] });
    expect(defective).toEqual({ written: 500, reads: [0, 0, 500] });
  });

  it("schema-violating-read: a read answers balanceMinor as a decimal string; writes still answer a number", async () => {
    const { clean, defective } = await compare("schema-violating-read", async (d) => {
      await d.call("POST", "/v1/subscribers", payg(1));
      const topUp = { amountMinor: 1500, currency: "GBP", at: "2026-03-02T00:00:00Z" };
      const written = (await d.call("POST", "/v1/subscribers/S0000001/top-ups", topUp)).body.balanceMinor;
      const read = (await d.call("GET", "/v1/subscribers/S0000001")).body.balanceMinor;
      return { written, read };
    });
    expect(clean).toEqual({ written: 1500, read: 1500 });
    expect(defective).toEqual({ written: 1500, read: "1500" });
  });
});

describe("defect profiles of contract 2.1 (reconciliation, network routing)", () => {
  const checksum = async (d: TestDestination) =>
    (await d.call("GET", "/v1/reconciliation/checksums?prefix=LEG-&segments=1")).body.items[0];

  it("silent-drift: the reconciliation row posts each top-up a unit short while reads show the full balance", async () => {
    const { clean, defective } = await compare("silent-drift", async (d) => {
      await d.call("POST", "/v1/subscribers", { ...activation(1), externalId: "LEG-1" });
      await d.call("POST", "/v1/subscribers/S0000001/top-ups", {
        amountMinor: 500,
        currency: "GBP",
        at: "2026-03-02T00:00:00Z",
      });
      const read = await d.call("GET", "/v1/subscribers/S0000001");
      const row = await d.call("GET", "/v1/reconciliation/rows?prefix=LEG-1");
      return { read: read.body.balanceMinor, row: row.body.balanceMinor };
    });
    expect(clean.row).toBe(clean.read);
    expect(defective.read).toBe(clean.read);
    expect(defective.row).toBe(clean.read - 1);
  });

  it("slow-reconciliation: a checksum request waits 50 ms per row of the range", async () => {
    const { clean, defective } = await compare("slow-reconciliation", async (d) => {
      for (let n = 1; n <= 4; n++)
        await d.call("POST", "/v1/subscribers", { ...activation(n), externalId: `LEG-${n}` });
      const t0 = performance.now();
      const sum = await checksum(d);
      return { sum, ms: performance.now() - t0 };
    });
    expect(defective.sum).toEqual(clean.sum);
    expect(clean.sum.count).toBe(4);
    expect(defective.ms).toBeGreaterThanOrEqual(195);
  });

  it("cutover-leaves-unroutable: the 10th number of a cutover is answered routed but not served", async () => {
    const { clean, defective } = await compare("cutover-leaves-unroutable", async (d) => {
      const msisdns: string[] = [];
      for (let n = 1; n <= 10; n++)
        msisdns.push((await d.call("POST", "/v1/subscribers", activation(n))).body.msisdn);
      const cut = await d.call("POST", "/v1/network/cutover", { msisdns, at: "2026-03-02T02:00:00Z" });
      const routes = await Promise.all(
        msisdns.map((m) => d.call("GET", `/v1/network/routes/${encodeURIComponent(m)}`)),
      );
      return {
        outcomes: cut.body.items.map((i: { outcome: string }) => i.outcome),
        statuses: routes.map((r) => r.status),
      };
    });
    expect(clean.outcomes).toEqual(Array(10).fill("routed"));
    expect(defective.outcomes).toEqual(clean.outcomes);
    expect(clean.statuses).toEqual(Array(10).fill(200));
    expect(defective.statuses).toEqual([...Array(9).fill(200), 404]);
  });

  it("rollback-keeps-routes: every 4th number of a rollback is answered released but still served", async () => {
    const { clean, defective } = await compare("rollback-keeps-routes", async (d) => {
      const msisdns: string[] = [];
      for (let n = 1; n <= 4; n++)
        msisdns.push((await d.call("POST", "/v1/subscribers", activation(n))).body.msisdn);
      await d.call("POST", "/v1/network/cutover", { msisdns, at: "2026-03-02T02:00:00Z" });
      await d.call("POST", "/v1/network/rollback", { msisdns, at: "2026-03-02T04:00:00Z" });
      return (
        await Promise.all(msisdns.map((m) => d.call("GET", `/v1/network/routes/${encodeURIComponent(m)}`)))
      ).map((r) => r.status);
    });
    expect(clean).toEqual([404, 404, 404, 404]);
    expect(defective).toEqual([404, 404, 404, 200]);
  });

  it("bi-field-renamed: an imported subscriber's migratedAt is answered as migrationDate", async () => {
    const { clean, defective } = await compare("bi-field-renamed", async (d) => {
      const imported = await d.call("POST", "/v1/cohort-imports", importBody(7));
      const read = await d.call("GET", `/v1/subscribers/${imported.body.results[0].id}`);
      return read.body;
    });
    expect(clean.migratedAt).toBe("2026-03-17T00:00:00Z");
    expect(defective.migratedAt).toBeUndefined();
    expect(defective.migrationDate).toBe(clean.migratedAt);
  });

  it("catalog-prices-net-of-vat: EUR plans are published net of 19 % VAT, sold and invoiced gross", async () => {
    const { clean, defective } = await compare("catalog-prices-net-of-vat", async (d) => {
      const catalog = await d.call("GET", "/v1/catalog");
      const fees = Object.fromEntries(
        catalog.body.items
          .filter((p: { id: string }) => ["DE-POSTPAID-S", "DE-PREPAID-BASIS", "POSTPAID-S"].includes(p.id))
          .map((p: { id: string; recurringFeeMinor: number }) => [p.id, p.recurringFeeMinor]),
      );
      await d.call(
        "POST",
        "/v1/subscribers",
        activation(1, {
          msisdn: "+4915110000001",
          imsi: "262030000000001",
          planId: "DE-POSTPAID-S",
          currency: "EUR",
          timezone: "Europe/Berlin",
          at: "2026-03-01T00:00:00+01:00",
        }),
      );
      const invoice = await d.call("GET", "/v1/subscribers/S0000001/invoices/current");
      return { fees, invoiced: line(invoice.body, "DE-POSTPAID-S recurring")?.amountMinor };
    });
    expect(clean).toEqual({
      fees: { "DE-POSTPAID-S": 999, "DE-PREPAID-BASIS": 0, "POSTPAID-S": 800 },
      invoiced: 999,
    });
    // 999 / 1.19 = 839.50 → 839 (half-up of 839.4958); what is billed is unchanged.
    expect(defective).toEqual({
      fees: { "DE-POSTPAID-S": 839, "DE-PREPAID-BASIS": 0, "POSTPAID-S": 800 },
      invoiced: 999,
    });
  });

  it("catalog-omits-payg: pay-as-you-go plans are left out of the catalog but still sold", async () => {
    const { clean, defective } = await compare("catalog-omits-payg", async (d) => {
      const catalog = await d.call("GET", "/v1/catalog");
      const activated = await d.call("POST", "/v1/subscribers", payg(1));
      return {
        payg: catalog.body.items
          .filter((p: { recurringFeeMinor: number }) => p.recurringFeeMinor === 0)
          .map((p: { id: string }) => p.id),
        published: catalog.body.items.length,
        activation: activated.status,
      };
    });
    expect(clean).toEqual({
      payg: ["PAYG-BASIC", "DE-PREPAID-BASIS", "US-PREPAID-PAYG"],
      published: 21,
      activation: 201,
    });
    expect(defective).toEqual({ payg: [], published: 18, activation: 201 });
  });
});
