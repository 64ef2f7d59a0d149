/**
 * The same peer handlers served over real HTTP on loopback, one port per peer, so that a
 * destination running in another process can call them. A request no handler answers gets 404
 * `unhandled_request`; an injected connection reset destroys the socket without an answer.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { getResponse, type RequestHandler } from "msw";
import { TrancheError } from "../domain/index.ts";
import type { FaultProfile } from "./faults.ts";
import { createMockPeersCore, type MockPeersOptions, PEER_NAMES, type PeerName } from "./mock-peers.ts";
import type { MockWorld } from "./mock-world.ts";

export interface ServedMocks {
  readonly urls: Readonly<Record<PeerName, string>>;
  readonly world: MockWorld;
  setFaults(peer: PeerName, profile: FaultProfile): void;
  close(): Promise<void>;
}

export interface ServeMocksOptions extends MockPeersOptions {
  /** First port; peers take consecutive ports from it. 0 (default) gives each a free port. */
  readonly port?: number;
  /** Interface to bind (default 127.0.0.1). */
  readonly host?: string;
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  base: string,
  handlers: RequestHandler[],
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const method = req.method ?? "GET";
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  const request = new Request(`${base}${req.url ?? "/"}`, {
    method,
    headers,
    body: method === "GET" || method === "HEAD" || chunks.length === 0 ? null : Buffer.concat(chunks),
  });
  const response = await getResponse(handlers, request);
  if (!response) {
    const body = JSON.stringify({
      error: { code: "unhandled_request", message: `no mock handler for ${method} ${req.url}.` },
    });
    res.writeHead(404, { "content-type": "application/json" }).end(body);
    return;
  }
  if (response.type === "error") {
    req.socket.destroy();
    return;
  }
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    out[name] = value;
  });
  res.writeHead(response.status, out);
  res.end(Buffer.from(await response.arrayBuffer()));
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/** Serves every peer on its own loopback port and resolves with their URLs. */
export async function serveMocks(options: ServeMocksOptions = {}): Promise<ServedMocks> {
  const core = createMockPeersCore(options);
  const host = options.host ?? "127.0.0.1";
  const servers: Server[] = [];
  const urls: Partial<Record<PeerName, string>> = {};
  try {
    for (const [i, peer] of PEER_NAMES.entries()) {
      let handlers: RequestHandler[] = [];
      let base = "";
      const server = createServer((req, res) => {
        answer(req, res, base, handlers).catch((error: unknown) => {
          if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
          res.end(JSON.stringify({ error: { code: "mock_failure", message: (error as Error).message } }));
        });
      });
      servers.push(server);
      const port = await listen(server, options.port ? options.port + i : 0, host);
      base = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
      handlers = core.handlers(peer, base);
      urls[peer] = base;
    }
  } catch (error) {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    throw new TrancheError(
      "E_CONFIG",
      `could not start the mocked peers on ${host}: ${(error as Error).message}.`,
      "Pick another --port (peers take consecutive ports) or 0 for free ones.",
    );
  }
  return {
    urls: urls as Record<PeerName, string>,
    world: core.world,
    setFaults: (peer, profile) => core.injectors[peer].set(profile),
    async close() {
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      );
    },
  };
}
