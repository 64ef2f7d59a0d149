import fc from "fast-check";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { describe, expect, it } from "vitest";
import { ProvisioningEventSchema, SubscriberSchema, TrancheError } from "../domain/index.ts";
import { importCaptures } from "./capture-import.ts";
import { parseCaptureMapping } from "./capture-mapping.ts";
import { isLuhnValid } from "./identifiers.ts";
import { createPseudonymizer, pseudonymKeyFrom } from "./pseudonymizer.ts";

const KEY = "test-key-0123456789abcdef";
const mapping = parseCaptureMapping(
  {
    version: 1,
    defaultCountry: "GB",
    source: "legacy-bss",
    events: [
      {
        match: { method: "POST", path: "/api/v2/subscribers" },
        type: "activation",
        subscriberId: "body.customerRef",
        idempotencyKey: "headers.idempotency-key",
        payload: {
          msisdn: "body.msisdn",
          imsi: "body.sim.imsi",
          iccid: "body.sim.iccid",
          planId: "body.tariff",
          paymentType: { path: "body.kind", map: { PAYG: "prepaid", CONTRACT: "postpaid" } },
          currency: { const: "GBP" },
          initialBalanceMinor: { path: "body.balance", as: "minor" },
          anchorDay: { path: "body.billDay", as: "int" },
          timezone: { const: "Europe/London" },
        },
      },
      {
        match: { method: "POST", path: "/api/v2/subscribers/:ref/topups" },
        type: "top_up",
        subscriberId: "params.ref",
        payload: { amountMinor: { path: "body.amount", as: "minor" }, currency: "body.currency" },
      },
      {
        match: { method: "PATCH", path: "/api/v2/subscribers/:ref/kyc" },
        type: "kyc_update",
        subscriberId: "params.ref",
        payload: { name: "body.fullName", address: "body.address" },
      },
    ],
    base: {
      columns: {
        id: "CUST_ID",
        msisdn: "MSISDN",
        imsi: "IMSI",
        iccid: "ICCID",
        imei: "IMEI",
        planId: "TARIFF",
        paymentType: "PAY_TYPE",
        activatedAt: "ACTIVATED",
        "kyc.name": "NAME",
        "kyc.address": "ADDRESS",
      },
      defaults: { "billing.anchorDay": 1 },
    },
  },
  "mapping.json",
);

const MSISDNS = ["+447700900123", "+447911123456"];
const NAMES = ["Eleanor Rigby", "Jude Fab"];
const ADDRESSES = ["12 Penny Lane, Liverpool L18 1DE", "7 Abbey Road, London NW8 9AY"];

const har = (bad = false) =>
  JSON.stringify(
    {
      log: {
        version: "1.2",
        creator: { name: "proxy", version: "1" },
        entries: [
          {
            startedDateTime: "2026-02-10T09:15:00.120+01:00",
            request: {
              method: "POST",
              url: "https://bss.example/api/v2/subscribers",
              headers: [{ name: "Idempotency-Key", value: "k-1" }],
              postData: {
                mimeType: "application/json",
                text: JSON.stringify({
                  customerRef: "C-1001",
                  msisdn: "07700 900123",
                  kind: "PAYG",
                  tariff: "PREPAID-S",
                  balance: "5.00",
                  billDay: "31",
                  sim: { imsi: "234150000012345", iccid: "8944150000000012344" },
                }),
              },
            },
          },
          {
            startedDateTime: "2026-02-10T09:16:00Z",
            request: { method: "GET", url: "https://bss.example/api/v2/health", headers: [] },
          },
          {
            startedDateTime: bad ? "yesterday" : "2026-02-10T09:20:00Z",
            request: {
              method: "PATCH",
              url: "https://bss.example/api/v2/subscribers/C-1001/kyc",
              headers: [],
              postData: {
                mimeType: "application/json",
                text: JSON.stringify({ fullName: NAMES[0], address: ADDRESSES[0] }),
              },
            },
          },
        ],
      },
    },
    null,
    2,
  );
const log = [
  {
    time: "2026-02-10T10:00:00Z",
    method: "POST",
    path: "/api/v2/subscribers/C-1001/topups",
    body: { amount: "10.00", currency: "GBP" },
  },
  {
    time: "2026-02-10T10:05:00Z",
    method: "POST",
    path: "/api/v2/subscribers",
    headers: { "Idempotency-Key": "k-2" },
    body: {
      customerRef: "C-1002",
      msisdn: "+447911123456",
      kind: "CONTRACT",
      tariff: "POSTPAID-S",
      balance: "0",
      billDay: 5,
      sim: { imsi: "234150000099999", iccid: "8944150000000099991" },
    },
  },
]
  .map((l) => JSON.stringify(l))
  .join("\n");
const csv = [
  "CUST_ID,MSISDN,IMSI,ICCID,IMEI,TARIFF,PAY_TYPE,ACTIVATED,NAME,ADDRESS",
  `C-1001,+447700900123,234150000012345,8944150000000012344,490154203237518,PREPAID-S,prepaid,2024-05-01T10:00:00Z,${NAMES[0]},"${ADDRESSES[0]}"`,
  `C-1002,+447911123456,234150000099999,8944150000000099991,356938035643809,POSTPAID-S,postpaid,2023-01-15T08:30:00Z,${NAMES[1]},"${ADDRESSES[1]}"`,
].join("\n");

const pseudo = createPseudonymizer(KEY);
const run = (inputs: Array<{ file: string; text: string }>) => importCaptures(inputs, mapping, pseudo);
const errorOf = (f: () => unknown): TrancheError => {
  try {
    f();
  } catch (error) {
    if (error instanceof TrancheError) return error;
    throw error;
  }
  throw new Error("expected a TrancheError");
};

describe("capture import", { timeout: 60_000 }, () => {
  it("turns HAR, NDJSON logs and CSV exports into valid canonical records, skipping unmapped requests", () => {
    const result = run([
      { file: "capture.har", text: har() },
      { file: "requests.ndjson", text: log },
      { file: "legacy-base.csv", text: csv },
    ]);
    expect(result.events.map((e) => e.type)).toEqual(["activation", "kyc_update", "top_up", "activation"]);
    expect(result.skipped).toBe(1);
    for (const e of result.events) expect(ProvisioningEventSchema.safeParse(e).success).toBe(true);
    for (const s of result.subscribers) expect(SubscriberSchema.safeParse(s).success).toBe(true);
    const activation = result.events[0];
    expect(activation?.at).toBe("2026-02-10T08:15:00.12Z");
    if (activation?.type !== "activation") throw new Error("expected an activation");
    expect(activation.payload.initialBalanceMinor).toBe(500);
    expect(activation.payload.anchorDay).toBe(31);
    expect(isLuhnValid(activation.payload.iccid)).toBe(true);
  });

  it("contains none of the input's MSISDNs, names, addresses or ids, and maps each MSISDN the same way in every file", () => {
    const result = run([
      { file: "capture.har", text: har() },
      { file: "requests.ndjson", text: log },
      { file: "legacy-base.csv", text: csv },
    ]);
    const out = JSON.stringify(result);
    for (const raw of [
      ...MSISDNS,
      ...NAMES,
      ...ADDRESSES,
      "C-1001",
      "C-1002",
      "k-1",
      "234150000012345",
      "8944150000000012344",
    ]) {
      expect(out).not.toContain(raw);
      expect(out).not.toContain(raw.replace("+", ""));
    }
    for (const street of ["Penny Lane", "Abbey Road", "Rigby"]) expect(out).not.toContain(street);
    const fromHar = result.events[0]?.payload as { msisdn: string };
    const fromCsv = result.subscribers[0]?.msisdn;
    expect(fromHar.msisdn).toBe(fromCsv);
    expect(result.events[0]?.subscriberId).toBe(result.events[2]?.subscriberId);
    expect(result.events[0]?.subscriberId).toBe(result.subscribers[0]?.id);
    const parsed = parsePhoneNumberFromString(fromHar.msisdn);
    expect(parsed?.getType()).toBe("MOBILE");
  });

  it("maps MSISDNs one-to-one inside the mobile ranges, and differently under another key", () => {
    const other = createPseudonymizer("another-key-0123456789");
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 99_999_999 }), { minLength: 2, maxLength: 40 }),
        (ns) => {
          const inputs = ns.map((n) => `+4471${String(n).padStart(8, "0")}`);
          const outputs = inputs.map((m) => pseudo.msisdn(m));
          expect(new Set(outputs).size).toBe(inputs.length);
          for (const o of outputs) expect(parsePhoneNumberFromString(o)?.getType()).toBe("MOBILE");
          expect(inputs.map((m) => other.msisdn(m))).not.toEqual(outputs);
        },
      ),
      { numRuns: 30 },
    );
  });

  it("rejects malformed HAR, NDJSON and CSV with E_INPUT naming the file and line", () => {
    const brokenJson = har().split("\n");
    brokenJson[6] = `${brokenJson[6]},,`;
    const e1 = errorOf(() => run([{ file: "broken.har", text: brokenJson.join("\n") }]));
    expect(e1.code).toBe("E_INPUT");
    expect(e1.message).toMatch(/broken\.har line 7 column \d+:/);
    const e2 = errorOf(() => run([{ file: "dates.har", text: har(true) }]));
    const requestLines = har(true)
      .split("\n")
      .flatMap((l, i) => (l.includes('"request":') ? [i + 1] : []));
    expect(e2.message).toContain(
      `dates.har line ${requestLines[2]}: "log.entries[2].startedDateTime" is not an ISO date-time`,
    );
    const e3 = errorOf(() =>
      run([{ file: "requests.ndjson", text: `${log}\n{"time": "2026-02-10T11:00:00Z", "method": ` }]),
    );
    expect(e3.message).toMatch(/requests\.ndjson line 3: not valid JSON/);
    const e4 = errorOf(() => run([{ file: "base.csv", text: `${csv}\nC-1003,+447700900999,"unterminated` }]));
    expect(e4.message).toMatch(/base\.csv line 4: a quoted field is never closed/);
    const e5 = errorOf(() => run([{ file: "base.csv", text: `${csv}\nC-1003,+447700900999` }]));
    expect(e5.message).toMatch(/base\.csv line 4: 2 fields where the header has 10/);
    for (const e of [e1, e2, e3, e4, e5]) expect(e.oneLine()).not.toContain("\n");
  });

  it("refuses to run without a pseudonymization key", () => {
    const e = errorOf(() => pseudonymKeyFrom({}));
    expect(e.code).toBe("E_CONFIG");
    expect(e.oneLine()).toMatch(/TRANCHE_PSEUDONYM_KEY is not set/);
  });
});
