import { afterEach, describe, expect, it } from "vitest";
import type { Subscriber } from "../domain/index.ts";
import { createFaultInjector, parseFaultSpec } from "./faults.ts";
import { type InProcessMocks, startInProcessMocks } from "./mock-peers.ts";

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
const asAny = (value: unknown): any => value;

let mocks: InProcessMocks | undefined;
afterEach(() => {
  mocks?.close();
  mocks = undefined;
});

const json = { "content-type": "application/json" };
function subscriber(n: number, status: Subscriber["status"]): Subscriber {
  const digits = String(n).padStart(9, "0");
  return {
    id: `sub-${n}`,
    accountId: `acc-${n}`,
    msisdn: `+447${digits}`,
    imsi: `234150${digits}`,
    iccid: `894400000${digits}`,
    imei: `35000000${String(n).padStart(7, "0")}`,
    paymentType: "prepaid",
    planId: "PREPAID-S",
    addOns: [],
    status,
    activatedAt: "2025-01-01T00:00:00Z",
    lastActivityAt: "2026-02-20T00:00:00Z",
    segment: "test",
    billing: {
      anchorDay: 1,
      timezone: "Europe/London",
      currency: "GBP",
      balanceMinor: 1000,
      periodStart: "2026-02-01T00:00:00Z",
      usageToDate: { voiceSec: 0, smsCount: 0, dataBytes: 0 },
    },
    arpuMinor: 600,
    kyc: { name: null, dateOfBirth: null, address: null, idDocument: null, verifiedAt: null },
    porting: { portedIn: false, donor: null, portedAt: null },
  };
}

const base: Subscriber[] = [subscriber(1, "active"), subscriber(2, "active"), subscriber(3, "suspended")];

describe("mocked legacy peers, in process", () => {
  it("legacy BSS: reads state, applies a dual-written event once, exports the base, guards the LI list", async () => {
    const target = base[1] as Subscriber;
    mocks = startInProcessMocks({
      world: { base, liTargets: [{ liid: "LIID-1", msisdn: target.msisdn, imsi: target.imsi }] },
    });
    const url = mocks.urls["legacy-bss"];
    const first = base[0] as Subscriber;
    const state = await (await fetch(`${url}/v1/subscribers/${first.id}`)).json().then(asAny);
    expect(state).toMatchObject({ id: first.id, msisdn: first.msisdn, planId: first.planId });
    const event = {
      id: "e1",
      at: "2026-03-02T00:00:00Z",
      subscriberId: first.id,
      type: "top_up",
      payload: { amountMinor: 500, currency: first.billing.currency },
      idempotencyKey: "k1",
      source: "test",
    };
    const dualWrite = () =>
      fetch(`${url}/v1/events`, { method: "POST", headers: json, body: JSON.stringify(event) });
    const answers = [
      await (await dualWrite()).json().then(asAny),
      await (await dualWrite()).json().then(asAny),
    ];
    expect(answers.map((a) => a.duplicate)).toEqual([false, true]);
    expect((await (await fetch(`${url}/v1/subscribers/${first.id}`)).json().then(asAny)).balanceMinor).toBe(
      first.billing.balanceMinor + 500,
    );
    const bad = await fetch(`${url}/v1/events`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ ...event, type: "nope" }),
    });
    expect(bad.status).toBe(400);
    const exported = await (await fetch(`${url}/v1/export`)).text();
    expect(exported.trim().split("\n")).toHaveLength(3);
    expect((await fetch(`${url}/v1/li-targets`)).status).toBe(401);
    expect((await fetch(`${url}/v1/li-targets`, { headers: { authorization: "Bearer other" } })).status).toBe(
      403,
    );
    const targets = await fetch(`${url}/v1/li-targets`, {
      headers: { authorization: "Bearer legacy-li-token" },
    });
    expect((await targets.json().then(asAny)).items).toEqual([
      { liid: "LIID-1", msisdn: target.msisdn, imsi: target.imsi },
    ]);
  });

  it("HLR/HSS provisions, reads and removes subscriptions", async () => {
    mocks = startInProcessMocks();
    const url = `${mocks.urls["hlr-hss"]}/v1/subscriptions/234150000000001`;
    const put = await fetch(url, {
      method: "PUT",
      headers: json,
      body: JSON.stringify({ msisdn: "+447700900001" }),
    });
    expect(await put.json().then(asAny)).toMatchObject({
      imsi: "234150000000001",
      barred: false,
      services: ["voice", "sms", "data"],
    });
    expect((await fetch(url)).status).toBe(200);
    expect((await fetch(url, { method: "DELETE" })).status).toBe(204);
    expect((await fetch(url)).status).toBe(404);
  });

  it("MNP clearinghouse schedules ports into a window and switches routing once the clock passes it", async () => {
    mocks = startInProcessMocks();
    const url = mocks.urls["mnp-clearinghouse"];
    const request = {
      type: "port_in",
      msisdn: "+447700900777",
      counterparty: "DONOR",
      requestedAt: "2026-03-02T10:00:00Z",
    };
    const created = await (
      await fetch(`${url}/v1/port-requests`, { method: "POST", headers: json, body: JSON.stringify(request) })
    )
      .json()
      .then(asAny);
    expect(created).toMatchObject({ status: "scheduled", scheduledAt: "2026-03-02T12:00:00Z" });
    expect(
      (
        await fetch(`${url}/v1/port-requests`, {
          method: "POST",
          headers: json,
          body: JSON.stringify(request),
        })
      ).status,
    ).toBe(409);
    expect(await (await fetch(`${url}/v1/routing/+447700900777`)).json().then(asAny)).toEqual({
      msisdn: "+447700900777",
      network: "HOME",
    });
    await fetch(`${url}/_tranche/clock`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ set: "2026-03-02T12:00:00Z" }),
    });
    expect((await (await fetch(`${url}/v1/port-requests/${created.id}`)).json().then(asAny)).status).toBe(
      "completed",
    );
    expect((await (await fetch(`${url}/v1/routing/+447700900777`)).json().then(asAny)).network).toBe(
      "DESTINATION",
    );
    const route = await fetch(`${mocks.urls["mno-routing"]}/v1/route-checks`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ msisdn: "+447700900777", service: "voice" }),
    });
    expect(await route.json().then(asAny)).toEqual({
      msisdn: "+447700900777",
      service: "voice",
      routed: true,
      network: "DESTINATION",
    });
  });

  it("payment gateway approves, declines by rule, captures and honours Idempotency-Key", async () => {
    mocks = startInProcessMocks();
    const url = `${mocks.urls["payment-gateway"]}/v1/authorizations`;
    const authorize = (body: object, key?: string) =>
      fetch(url, {
        method: "POST",
        headers: key ? { ...json, "idempotency-key": key } : json,
        body: JSON.stringify(body),
      }).then((r) => r.json().then(asAny));
    const ok = await authorize({ amountMinor: 1000, currency: "GBP", paymentToken: "tok_ok" }, "p1");
    expect(ok.status).toBe("approved");
    expect(await authorize({ amountMinor: 1000, currency: "GBP", paymentToken: "tok_ok" }, "p1")).toEqual(ok);
    expect(
      (await authorize({ amountMinor: 1000, currency: "GBP", paymentToken: "tok_declined" })).declineCode,
    ).toBe("card_declined");
    expect(
      (await authorize({ amountMinor: 1000, currency: "GBP", paymentToken: "tok_insufficient" })).declineCode,
    ).toBe("insufficient_funds");
    expect(
      (await authorize({ amountMinor: 10_000_000, currency: "GBP", paymentToken: "tok_ok" })).declineCode,
    ).toBe("limit_exceeded");
    const captured = await (await fetch(`${url}/${ok.id}/capture`, { method: "POST" })).json().then(asAny);
    expect(captured.status).toBe("captured");
  });

  it("LI delivery sink collects X2 records; MNO routing checks voice, SMS, data and IVR", async () => {
    mocks = startInProcessMocks({ world: { base } });
    const sink = mocks.urls["li-delivery-sink"];
    await fetch(`${sink}/x2`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ records: [{ xid: "x", eventType: "top_up" }] }),
    });
    expect((await (await fetch(`${sink}/x2/records`)).json().then(asAny)).items).toEqual([
      { xid: "x", eventType: "top_up" },
    ]);
    const check = async (msisdn: string, service: string) =>
      (
        await fetch(`${mocks?.urls["mno-routing"]}/v1/route-checks`, {
          method: "POST",
          headers: json,
          body: JSON.stringify({ msisdn, service }),
        })
      )
        .json()
        .then(asAny);
    expect((await check("+447000000001", "data")).routed).toBe(true);
    expect(await check("+447999999999", "sms")).toMatchObject({ routed: false, reason: "unknown_number" });
    expect((await check("+447999999999", "ivr")).routed).toBe(true);
  });

  it("treats a request no handler knows as an error", async () => {
    mocks = startInProcessMocks();
    await expect(fetch(`${mocks.urls["hlr-hss"]}/v2/unknown`, { method: "PATCH" })).rejects.toThrow();
  });

  it("injects seeded faults on demand: errors, resets and timeouts per peer", async () => {
    mocks = startInProcessMocks({ faults: { "payment-gateway": { errorRate: 1 } } });
    const body = JSON.stringify({ amountMinor: 1, currency: "GBP", paymentToken: "t" });
    const failing = await fetch(`${mocks.urls["payment-gateway"]}/v1/authorizations`, {
      method: "POST",
      headers: json,
      body,
    });
    expect(failing.status).toBe(503);
    mocks.setFaults("payment-gateway", { resetRate: 1 });
    await expect(
      fetch(`${mocks.urls["payment-gateway"]}/v1/authorizations`, { method: "POST", headers: json, body }),
    ).rejects.toThrow();
    mocks.setFaults("payment-gateway", { timeoutRate: 1, hangMs: 1 });
    expect(
      (
        await fetch(`${mocks.urls["payment-gateway"]}/v1/authorizations`, {
          method: "POST",
          headers: json,
          body,
        })
      ).status,
    ).toBe(504);
    const control = await fetch(`${mocks.urls["hlr-hss"]}/_tranche/faults`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ errorRate: 1 }),
    });
    expect((await control.json().then(asAny)).faults).toEqual({ errorRate: 1 });
    expect((await fetch(`${mocks.urls["hlr-hss"]}/v1/subscriptions/234150000000001`)).status).toBe(503);
  });
});

describe("fault injection", () => {
  it("draws the same faults for the same seed and different ones for another seed", () => {
    const profile = {
      latencyMedianMs: 50,
      latencySigma: 0.8,
      errorRate: 0.2,
      resetRate: 0.1,
      timeoutRate: 0.05,
    };
    const run = (seed: number) => {
      const injector = createFaultInjector(seed, "mnp-clearinghouse", profile);
      return Array.from({ length: 200 }, () => injector.next());
    };
    expect(run(1)).toEqual(run(1));
    expect(run(1)).not.toEqual(run(2));
    const kinds = run(1).map((d) => d.kind);
    expect(kinds.filter((k) => k === "error").length).toBeGreaterThan(20);
    expect(kinds.filter((k) => k === "reset").length).toBeGreaterThan(5);
    expect(run(1).every((d) => d.latencyMs > 0)).toBe(true);
  });

  it("parses the CLI fault syntax and refuses rates outside [0, 1]", () => {
    expect(parseFaultSpec("errorRate=0.1,latencyMedianMs=20")).toEqual({
      errorRate: 0.1,
      latencyMedianMs: 20,
    });
    expect(() => parseFaultSpec("errorRate=2")).toThrow(/between 0 and 1/);
    expect(() => parseFaultSpec("speed=3")).toThrow(/not a fault setting/);
  });
});
