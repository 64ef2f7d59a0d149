/**
 * Loopback destinations that misbehave the ways real ones do when they are broken: nobody
 * listening, accepting and never answering, answering one byte at a time, answering garbage, or
 * closing every connection. Each answers its health check correctly unless the fault is the whole
 * server's, so the run gets past its start and meets the fault in the middle of the traffic.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type Misbehaviour = "refuse" | "hang" | "trickle" | "garbage" | "close";

export interface MisbehavingTarget {
  readonly url: string;
  /** Requests that reached the server (0 for `refuse`). */
  readonly received: () => number;
  close(): Promise<void>;
}

const HEALTH = JSON.stringify({ status: "ok", version: "2.0.0", defects: [] });

/** Starts a target with the given fault on a free loopback port. */
export async function startMisbehavingTarget(fault: Misbehaviour): Promise<MisbehavingTarget> {
  let received = 0;
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setInterval>>();
  const server: Server = createServer((request, response) => {
    received++;
    request.resume();
    const health = request.url === "/health";
    if (fault === "hang") return; // accepted, never answered, not even the health check
    if (health) {
      response.writeHead(200, { "content-type": "application/json" }).end(HEALTH);
      return;
    }
    if (fault === "close") {
      request.socket.destroy();
      return;
    }
    if (fault === "garbage") {
      response.writeHead(200, { "content-type": "application/json" }).end("<html>Service Unavailable</html>");
      return;
    }
    // trickle: headers at once, then one byte every half second, never the end.
    response.writeHead(200, { "content-type": "application/json" });
    const timer = setInterval(() => response.write(" "), 500);
    timers.add(timer);
    response.on("close", () => {
      clearInterval(timer);
      timers.delete(timer);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      for (const timer of timers) clearInterval(timer);
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  if (fault === "refuse") await close(); // the port is free again: connections are refused
  return { url: `http://127.0.0.1:${port}`, received: () => received, close };
}
