/**
 * Test destinations with a vendor's behaviour, as a real HTTP server in front of the reference
 * destination: each behaviour changes one thing a real MVNE might do differently — within the
 * contract or not — and the verdict Tranche gives must be the one the contract implies.
 *
 * - `read-lag`: reads come from a replica that lags writes by `lagMs`: within that time after a
 *   write, a read answers the state from before it (allowed to converge; a read-consistency finding).
 * - `truncated-activation`: the body of a 201 activation answer is cut in half (breaks the contract;
 *   the subscriber does exist).
 * - `violating-read`: subscriber reads answer `status` in upper case (breaks the contract's enum).
 */
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type VendorBehaviour = "read-lag" | "truncated-activation" | "violating-read";

export interface VendorProxy {
  readonly url: string;
  close(): Promise<void>;
}

interface Upstream {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

function forward(
  upstream: URL,
  method: string,
  path: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method,
        path,
        headers: { ...headers, host: upstream.host },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c) => {
          text += c;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 502, headers: {}, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Starts a proxy with `behaviour` in front of the destination at `upstreamUrl` (loopback, free port). */
export async function startVendorProxy(
  upstreamUrl: string,
  behaviour: VendorBehaviour,
  options: { readonly lagMs?: number } = {},
): Promise<VendorProxy> {
  const upstream = new URL(upstreamUrl);
  const lagMs = options.lagMs ?? 1000;
  /** For read-lag: per subscriber, the state before its last write and when that write happened. */
  const before = new Map<string, { body: string; atMs: number }>();
  const server: Server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", async () => {
      const method = req.method ?? "GET";
      const path = req.url ?? "/";
      const headers = { ...req.headers };
      delete headers["content-length"];
      if (body) headers["content-length"] = String(Buffer.byteLength(body));
      const send = (status: number, text: string) => {
        res.writeHead(status, {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(text),
        });
        res.end(text);
      };
      try {
        const write = /^\/v1\/subscribers\/([^/?]+)\/[a-z-]+$/.exec(path);
        if (behaviour === "read-lag" && method === "POST" && write) {
          const id = decodeURIComponent(write[1] as string);
          const old = await forward(
            upstream,
            "GET",
            `/v1/subscribers/${write[1]}`,
            { authorization: req.headers.authorization },
            "",
          );
          const answer = await forward(upstream, method, path, headers, body);
          if (answer.status < 300 && old.status === 200)
            before.set(id, { body: old.body, atMs: performance.now() });
          return send(answer.status, answer.body);
        }
        const read = /^\/v1\/subscribers\/([^/?]+)$/.exec(path);
        const answer = await forward(upstream, method, path, headers, body);
        if (behaviour === "read-lag" && method === "GET" && read && answer.status === 200) {
          const stale = before.get(decodeURIComponent(read[1] as string));
          if (stale && performance.now() - stale.atMs < lagMs) return send(200, stale.body);
        }
        if (
          behaviour === "truncated-activation" &&
          method === "POST" &&
          path === "/v1/subscribers" &&
          answer.status === 201
        ) {
          return send(201, answer.body.slice(0, Math.floor(answer.body.length / 2)));
        }
        if (behaviour === "violating-read" && method === "GET" && read && answer.status === 200) {
          const state = JSON.parse(answer.body) as { status: string };
          return send(200, JSON.stringify({ ...state, status: state.status.toUpperCase() }));
        }
        return send(answer.status, answer.body);
      } catch (error) {
        return send(502, JSON.stringify({ error: { code: "proxy", message: String(error) } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
