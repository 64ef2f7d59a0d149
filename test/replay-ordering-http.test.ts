/**
 * Acceptance, over real loopback HTTP: a server that records arrival order sees zero per-subscriber
 * ordering violations over 100,000 events of 10,000 subscribers with 64 requests in flight. The
 * server answers some requests after a short, seeded delay so completions overtake each other.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStream } from "../domain/index.ts";
import { createLoadAdapter } from "../harness/replay/load-adapter.ts";
import { replayEvents } from "../harness/replay/open-model-replay.ts";
import { syntheticEvents } from "./support/synthetic-events.ts";

let server: Server;
let url: string;
const inProgress = new Set<string>();
const lastN = new Map<string, number>();
let violations = 0;
let received = 0;
let maxInProgress = 0;
const delays = createStream(5, "ordering-http-delays");

beforeAll(async () => {
  server = createServer((request, response) => {
    // Idempotency keys are k-<subscriber>-<n>: the arrival order per subscriber is readable from them.
    const [, sub = "", nText = ""] = String(request.headers["idempotency-key"] ?? "").split("-");
    const n = Number(nText);
    if (inProgress.has(sub) || (lastN.get(sub) ?? -1) !== n - 1) violations++;
    inProgress.add(sub);
    lastN.set(sub, n);
    maxInProgress = Math.max(maxInProgress, inProgress.size);
    const delayMs = delays.record(received++).int(0, 9) < 3 ? 1 : 0;
    request.resume();
    request.on("end", () => {
      const answer = () => {
        inProgress.delete(sub);
        const body = JSON.stringify({ id: `d-${sub}` });
        response.writeHead(200, {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        });
        response.end(body);
      };
      if (delayMs > 0) setTimeout(answer, delayMs);
      else answer();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("per-subscriber ordering over HTTP", () => {
  it("keeps 100,000 events of 10,000 subscribers in order at concurrency 64", async () => {
    const events = syntheticEvents(100_000, 10_000);
    const adapter = createLoadAdapter({ baseUrl: url, token: "t", connections: 64 });
    try {
      const result = await replayEvents(events, adapter, { ratePerSec: 1e6, concurrency: 64 });
      expect(result.completed).toBe(100_000);
      expect(received).toBe(100_000);
      expect(violations).toBe(0);
      expect(lastN.size).toBe(10_000);
      expect(maxInProgress).toBeGreaterThan(1);
      expect(maxInProgress).toBeLessThanOrEqual(64);
      expect(result.orderingWait.count).toBeGreaterThan(0);
      // Identity mapping through HTTP: later events addressed the id the server gave on activation.
      expect(result.identities.get("sub-7")).toBe("d-7");
    } finally {
      await adapter.close();
    }
  }, 60_000);
});
