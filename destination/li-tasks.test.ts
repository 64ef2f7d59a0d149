import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { activation, startTestDestination, type TestDestination } from "./test-helpers.ts";

let dest: TestDestination | undefined;
let sink: Server | undefined;
afterEach(async () => {
  await dest?.close();
  if (sink) await new Promise((r) => sink?.close(r));
  dest = undefined;
  sink = undefined;
});

function startSink(received: unknown[]): Promise<string> {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      received.push(...(JSON.parse(body) as { records: unknown[] }).records);
      res.writeHead(204).end();
    });
  });
  sink = server;
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/x2`),
    ),
  );
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("condition not reached");
}

describe("lawful intercept", () => {
  it("delivers IRI records of a target's events over X2 to the configured endpoint, in order", async () => {
    const received: { xid: string; eventType: string }[] = [];
    const url = await startSink(received);
    dest = await startTestDestination({ liDeliveryUrl: url });
    const xid = "5f3e0000-0000-4000-8000-00000000000a";
    expect(
      (await dest.li("POST", "/v1/li/tasks", { xid, targets: [{ type: "msisdn", value: "+447000000001" }] }))
        .status,
    ).toBe(201);
    await dest.call("POST", "/v1/subscribers", activation(1));
    await dest.call("POST", "/v1/subscribers", activation(2));
    await dest.call("POST", "/v1/subscribers/S0000001/top-ups", {
      amountMinor: 100,
      currency: "GBP",
      at: "2026-03-02T00:00:00Z",
    });
    await until(async () => received.length >= 2);
    expect(received.map((r) => [r.xid, r.eventType])).toEqual([
      [xid, "activation"],
      [xid, "top_up"],
    ]);
    await until(async () =>
      (await dest?.li("GET", `/v1/li/deliveries?xid=${xid}`))?.body.items.every(
        (i: { status: string }) => i.status === "delivered",
      ),
    );
    const off = await dest.li("POST", `/v1/li/tasks/${xid}/deactivation`, { reason: "warrant expired" });
    expect(off.body.status).toBe("inactive");
    await dest.call("POST", "/v1/subscribers/S0000001/top-ups", {
      amountMinor: 100,
      currency: "GBP",
      at: "2026-03-03T00:00:00Z",
    });
    expect((await dest.li("GET", "/v1/li/deliveries")).body.items).toHaveLength(2);
  });

  it("keeps LI data out of every regular response", async () => {
    dest = await startTestDestination();
    const xid = "5f3e0000-0000-4000-8000-00000000000b";
    await dest.li("POST", "/v1/li/tasks", { xid, targets: [{ type: "msisdn", value: "+447000000001" }] });
    await dest.call("POST", "/v1/subscribers", activation(1));
    for (const path of [
      "/v1/li/tasks",
      `/v1/li/tasks/${xid}`,
      "/v1/li/deliveries",
      "/v1/li/delivery-config",
    ]) {
      const answer = await dest.call("GET", path);
      expect(answer.status).toBe(403);
      expect(JSON.stringify(answer.body)).not.toContain(xid);
    }
    const state = await dest.call("GET", "/v1/subscribers/S0000001");
    expect(JSON.stringify(state.body)).not.toMatch(/intercept|xid|5f3e0000/i);
  });
});
