/**
 * The reference destination talking to the mocked peers over loopback HTTP: porting goes through
 * the MNP clearinghouse, X2 records reach the LI delivery sink, and a failing peer fails the
 * request without applying it.
 */
import { afterEach, describe, expect, it } from "vitest";
import { startReferenceDestination } from "../destination/index.ts";
import { activation } from "../destination/test-helpers.ts";
import { type ServedMocks, serveMocks } from "../mocks/index.ts";

const bss = { authorization: "Bearer reference-bss-token", "content-type": "application/json" };
const li = { authorization: "Bearer reference-li-token", "content-type": "application/json" };
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function setup(): Promise<{ url: string; mocks: ServedMocks }> {
  const mocks = await serveMocks({ seed: 1 });
  closers.push(() => mocks.close());
  const destination = await startReferenceDestination({
    env: {},
    mnpUrl: mocks.urls["mnp-clearinghouse"],
    liDeliveryUrl: `${mocks.urls["li-delivery-sink"]}/x2`,
  });
  closers.push(() => destination.close());
  await fetch(`${destination.url}/v1/subscribers`, {
    method: "POST",
    headers: bss,
    body: JSON.stringify(activation(1)),
  });
  return { url: destination.url, mocks };
}

describe("reference destination with the mocked peers", () => {
  it("schedules a port-in through the clearinghouse and completes it at the clearinghouse's window", async () => {
    const { url, mocks } = await setup();
    const answer = await fetch(`${url}/v1/subscribers/S0000001/port-in`, {
      method: "POST",
      headers: bss,
      body: JSON.stringify({ msisdn: "+447700900999", donor: "DONOR-A", at: "2026-03-02T10:00:00Z" }),
    });
    expect(answer.status).toBe(202);
    const porting = ((await answer.json()) as { porting: Record<string, string> }).porting;
    expect(porting).toMatchObject({
      clearinghouseRef: "CH000001",
      scheduledAt: "2026-03-02T12:00:00Z",
      completesAt: "2026-03-02T12:00:00Z",
    });
    expect(mocks.world.ports.get("CH000001")).toMatchObject({
      type: "port_in",
      msisdn: "+447700900999",
      counterparty: "DONOR-A",
    });
    await fetch(`${url}/v1/test/clock`, {
      method: "POST",
      headers: bss,
      body: JSON.stringify({ set: "2026-03-02T12:00:00Z" }),
    });
    const read = (await (await fetch(`${url}/v1/subscribers/S0000001`, { headers: bss })).json()) as {
      msisdn: string;
      portedIn: boolean;
    };
    expect(read).toMatchObject({ msisdn: "+447700900999", portedIn: true });
  });

  it("answers 502 and applies nothing when the clearinghouse fails", async () => {
    const { url, mocks } = await setup();
    mocks.setFaults("mnp-clearinghouse", { errorRate: 1 });
    const answer = await fetch(`${url}/v1/subscribers/S0000001/port-out`, {
      method: "POST",
      headers: bss,
      body: JSON.stringify({ recipient: "OTHER", at: "2026-03-02T10:00:00Z" }),
    });
    expect(answer.status).toBe(502);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe("peer_unavailable");
    expect(mocks.world.ports.size).toBe(0);
  });

  it("delivers IRI records for a target to the LI delivery sink", async () => {
    const { url, mocks } = await setup();
    const xid = "9c000000-0000-4000-8000-000000000001";
    await fetch(`${url}/v1/li/tasks`, {
      method: "POST",
      headers: li,
      body: JSON.stringify({ xid, targets: [{ type: "imsi", value: "234150000000001" }] }),
    });
    await fetch(`${url}/v1/subscribers/S0000001/suspension`, {
      method: "POST",
      headers: bss,
      body: JSON.stringify({ reason: "x", at: "2026-03-03T00:00:00Z" }),
    });
    for (let i = 0; i < 200 && mocks.world.x2Records.length === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(mocks.world.x2Records).toEqual([
      expect.objectContaining({ xid, eventType: "suspension", recordType: "IRI-REPORT" }),
    ]);
  });
});
