/**
 * A minimal loopback destination for replay tests and benches: answers every request with a valid
 * subscriber state, and optionally stalls (holds every response) for `stallMs` out of each
 * `periodMs`, as a destination pausing for garbage collection or a lock would. With `serviceMs` it
 * serves one request at a time taking that long each: a destination with a known capacity.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A full subscriber state as the contract answers it (so a validating client does its whole work). */
const BODY = JSON.stringify({
  id: "d-1",
  externalId: "sub-1",
  msisdn: "+447700900001",
  imsi: "234150000000001",
  iccid: "8944150000000000018",
  planId: "PREPAID-S",
  paymentType: "prepaid",
  status: "active",
  balanceMinor: 0,
  currency: "GBP",
  anchorDay: 1,
  timezone: "Europe/London",
  activatedAt: "2026-03-01T00:00:00Z",
  addOns: [],
  kycStatus: "unverified",
  portedIn: false,
});

export interface StallingServer {
  readonly url: string;
  readonly server: Server;
  /** Requests received. */
  readonly received: () => number;
  close(): Promise<void>;
}

/** Starts the server on a free loopback port. Stalls begin `stallOffsetMs` into each period. */
export async function startStallingServer(
  options: { periodMs?: number; stallMs?: number; stallOffsetMs?: number; serviceMs?: number } = {},
): Promise<StallingServer> {
  const serviceMs = options.serviceMs ?? 0;
  let busyUntil = 0;
  const periodMs = options.periodMs ?? 5000;
  const stallMs = options.stallMs ?? 0;
  const offsetMs = options.stallOffsetMs ?? 1000;
  const started = performance.now();
  let received = 0;
  const server = createServer((request, response) => {
    received++;
    request.resume();
    request.on("end", () => {
      const t = performance.now();
      const phase = (t - started) % periodMs;
      let holdMs =
        stallMs > 0 && phase >= offsetMs && phase < offsetMs + stallMs ? offsetMs + stallMs - phase : 0;
      if (serviceMs > 0) {
        busyUntil = Math.max(t, busyUntil) + serviceMs;
        holdMs = Math.max(holdMs, busyUntil - t);
      }
      const answer = () => {
        response.writeHead(200, {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(BODY),
        });
        response.end(BODY);
      };
      if (holdMs > 0) setTimeout(answer, holdMs);
      else answer();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    received: () => received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
