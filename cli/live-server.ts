/**
 * The live view's server (`tranche run --serve`): serves the page and the run's events as
 * server-sent events, on 127.0.0.1 only. A page that connects late gets every event so far first.
 * Progress events are coalesced (the latest per suite, at most every 250 ms): a replay reports
 * progress per event, thousands a second. Everything else goes out as it happens.
 */
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type RunEvent, TrancheError } from "../domain/index.ts";
import { PAGE_CSP, renderLivePage } from "../reports/index.ts";

export interface LiveServer {
  readonly url: string;
  /** Sends an event to every page, now and later. */
  publish(event: RunEvent): void;
  /** Flushes pending progress, ends every stream and closes the server. */
  close(): Promise<void>;
}

const PROGRESS_EVERY_MS = 250;

/** Starts the live server on 127.0.0.1 (`port` 0: a free port). */
export async function startLiveServer(port: number): Promise<LiveServer> {
  const page = renderLivePage();
  const history: string[] = [];
  const clients = new Set<ServerResponse>();
  const pending = new Map<string, RunEvent>();
  let timer: NodeJS.Timeout | undefined;

  const send = (event: RunEvent) => {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    history.push(frame);
    for (const client of clients) client.write(frame);
  };
  const flush = () => {
    timer = undefined;
    for (const event of pending.values()) send(event);
    pending.clear();
  };

  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/") {
      res.writeHead(200, {
        "content-type": "text/html; charset=utf-8",
        "cache-control": "no-store",
        "content-security-policy": PAGE_CSP,
      });
      res.end(page);
      return;
    }
    if (req.method === "GET" && path === "/events") {
      res.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store",
        connection: "keep-alive",
      });
      res.write(": tranche live\n\n");
      for (const frame of history) res.write(frame);
      clients.add(res);
      req.on("close", () => clients.delete(res));
      return;
    }
    res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new TrancheError(
          "E_USAGE",
          `could not serve the live view on 127.0.0.1:${port}: ${error.code ?? error.message}.`,
          "Pick another --serve-port, or leave it out for a free port.",
        ),
      ),
    );
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/`,
    publish(event) {
      if (event.type === "progress") {
        pending.set(`${event.suite}/${event.label}`, event);
        timer ??= setTimeout(flush, PROGRESS_EVERY_MS);
        return;
      }
      // Progress before anything else keeps its order with what follows it.
      if (pending.size > 0) {
        if (timer) clearTimeout(timer);
        flush();
      }
      send(event);
    },
    async close() {
      if (timer) clearTimeout(timer);
      flush();
      for (const client of clients) client.end();
      clients.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
