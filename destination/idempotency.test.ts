/**
 * The contract's idempotency rules (docs/destination-contract.md, "Idempotency") on the clean
 * reference destination: what counts as the same request, which answers are stored, the key's
 * scope, and duplicates that arrive while the first delivery is still being processed.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { canonicalJson } from "./idempotency.ts";
import { activation, BSS, LI, startTestDestination, type TestDestination } from "./test-helpers.ts";

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function started(options: Record<string, unknown> = {}): Promise<TestDestination> {
  const d = await startTestDestination(options);
  open.push(d);
  return d;
}

/** Posts a body exactly as given (bytes), with a key. */
async function postRaw(d: TestDestination, path: string, raw: string, key: string, authorization = BSS) {
  const response = await fetch(`${d.url}${path}`, {
    method: "POST",
    headers: { authorization, "content-type": "application/json", "idempotency-key": key },
    body: raw,
  });
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
  return { status: response.status, body: (await response.json()) as any };
}

/**
 * An MNP clearinghouse whose first answer is held until `release()` and then fails with 503 (or
 * succeeds, `failFirst: false`); later requests are scheduled at once. Counts the requests it saw.
 */
async function scriptedClearinghouse(failFirst: boolean) {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let requests = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on("end", async () => {
      requests += 1;
      const first = requests === 1;
      if (first) await held;
      const fail = first && failFirst;
      res.writeHead(fail ? 503 : 200, { "content-type": "application/json" });
      res.end(
        JSON.stringify(
          fail ? { error: "busy" } : { id: `CH-${requests}`, scheduledAt: "2026-03-02T12:00:00Z" },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  open.push({ close: () => new Promise((resolve) => server.close(() => resolve())) });
  return { url, release, requests: () => requests };
}

const topUp = { amountMinor: 100, currency: "GBP", at: "2026-03-02T00:00:00Z" };

describe("idempotency", () => {
  it("writes canonical JSON: object keys sorted at every level, no whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: null, e: "x" }], c: true } })).toBe(
      '{"a":{"c":true,"d":[3,{"e":"x","f":null}]},"b":1}',
    );
  });

  it("recognises the same request by its JSON value: another key order or spacing returns the stored answer", async () => {
    const d = await started();
    await d.call("POST", "/v1/subscribers", activation(1));
    const path = "/v1/subscribers/S0000001/top-ups";
    const first = await postRaw(d, path, JSON.stringify(topUp), "k1");
    const reordered = await postRaw(
      d,
      path,
      '{ "at" : "2026-03-02T00:00:00Z",\n  "currency": "GBP", "amountMinor": 100.0 }',
      "k1",
    );
    expect(reordered).toEqual(first);
    expect((await d.call("GET", "/v1/subscribers/S0000001")).body.balanceMinor).toBe(100);
  });

  it("answers 409 idempotency_key_reused for the same key on another path, across endpoints", async () => {
    const d = await started();
    await d.call("POST", "/v1/subscribers", activation(1), { "idempotency-key": "k1" });
    const other = await d.call("POST", "/v1/subscribers/S0000001/top-ups", topUp, {
      "idempotency-key": "k1",
    });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe("idempotency_key_reused");
  });

  it("stores 4xx answers: a replay gets the stored refusal even when the request would succeed now", async () => {
    const d = await started();
    await d.call("POST", "/v1/subscribers", activation(1));
    const resume = { at: "2026-03-03T00:00:00Z" };
    const key = { "idempotency-key": "r1" };
    const refused = await d.call("POST", "/v1/subscribers/S0000001/resumption", resume, key);
    expect(refused.body.error.code).toBe("invalid_transition");
    await d.call("POST", "/v1/subscribers/S0000001/suspension", { reason: "x", at: "2026-03-02T00:00:00Z" });
    expect(await d.call("POST", "/v1/subscribers/S0000001/resumption", resume, key)).toEqual(refused);
    expect((await d.call("GET", "/v1/subscribers/S0000001")).body.status).toBe("suspended");
  });

  it("stores the answer to a body that is not JSON under its bytes", async () => {
    const d = await started();
    await d.call("POST", "/v1/subscribers", activation(1));
    const path = "/v1/subscribers/S0000001/top-ups";
    const broken = await postRaw(d, path, "{not json", "b1");
    expect(broken.body.error.code).toBe("invalid_json");
    expect(await postRaw(d, path, "{not json", "b1")).toEqual(broken);
    expect((await postRaw(d, path, JSON.stringify(topUp), "b1")).body.error.code).toBe(
      "idempotency_key_reused",
    );
  });

  it("keeps one key space per credential: an LI key does not collide with the same BSS key", async () => {
    const d = await started();
    const task = {
      xid: "6a1f0b4e-0000-4000-8000-00000000abcd",
      targets: [{ type: "msisdn", value: "+447000000009" }],
    };
    expect((await postRaw(d, "/v1/li/tasks", JSON.stringify(task), "shared", LI)).status).toBe(201);
    expect((await postRaw(d, "/v1/subscribers", JSON.stringify(activation(1)), "shared")).status).toBe(201);
  });

  it("makes a duplicate that arrives while the first is processed wait for it and get its answer", async () => {
    const clearinghouse = await scriptedClearinghouse(false);
    const d = await started({ mnpUrl: clearinghouse.url });
    await d.call("POST", "/v1/subscribers", activation(1));
    const portIn = { msisdn: "+447111111111", donor: "D", at: "2026-03-02T00:00:00Z" };
    const send = () =>
      d.call("POST", "/v1/subscribers/S0000001/port-in", portIn, { "idempotency-key": "p1" });
    const answers = [send(), send()];
    // Give both time to reach the destination while the clearinghouse holds the first.
    await new Promise((resolve) => setTimeout(resolve, 300));
    clearinghouse.release();
    const [first, duplicate] = await Promise.all(answers);
    expect(first?.status).toBe(202);
    expect(duplicate).toEqual(first);
    expect(clearinghouse.requests()).toBe(1);
  });

  it("does not store a 5xx: waiting duplicates then deliver it anew, once", async () => {
    const clearinghouse = await scriptedClearinghouse(true);
    const d = await started({ mnpUrl: clearinghouse.url });
    await d.call("POST", "/v1/subscribers", activation(1));
    const portIn = { msisdn: "+447111111111", donor: "D", at: "2026-03-02T00:00:00Z" };
    const send = () =>
      d.call("POST", "/v1/subscribers/S0000001/port-in", portIn, { "idempotency-key": "p1" });
    const answers = [send(), send(), send()];
    await new Promise((resolve) => setTimeout(resolve, 300));
    clearinghouse.release();
    const settled = await Promise.all(answers);
    const statuses = settled.map((a) => a.status).sort();
    expect(statuses).toEqual([202, 202, 502]);
    const accepted = settled.filter((a) => a.status === 202);
    expect(accepted[1]).toEqual(accepted[0]);
    expect(clearinghouse.requests()).toBe(2);
    expect((await d.call("GET", "/v1/porting/requests/P0000002")).status).toBe(404);
  });
});
