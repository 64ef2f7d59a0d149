/**
 * The HTTP edge of the reference destination (node:http): body parsing, bearer-token checks,
 * idempotency, the load defects and JSON error mapping around the route table. Handlers stay
 * synchronous where they can, so a write and its idempotency record commit in one transaction.
 */

import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import type { Store } from "./database.ts";
import type { ActiveDefects } from "./defects.ts";
import { ApiError, createRouter, errorBody, type Reply, type Route } from "./http-router.ts";
import { requestFingerprint, type ScopedKey, saveReply, storedReply } from "./idempotency.ts";
import { createLoadMeter, leakDelayMs, overloadDelayMs, overloadFails } from "./load-meter.ts";

const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface HttpServerOptions {
  readonly routes: readonly Route[];
  readonly store: Store;
  readonly defects: ActiveDefects;
  readonly bssToken: string;
  readonly liToken: string;
  /** Requests per second above which the load defects kick in. */
  readonly loadThresholdRps: number;
  /** Extra ms per request/s above the threshold under `slow-under-load` (default 2). */
  readonly overloadDelayMsPerRps?: number;
}

/** Creates (but does not start) the destination's HTTP server. */
export function createDestinationHttpServer(options: HttpServerOptions): Server {
  const router = createRouter(options.routes);
  const meter = createLoadMeter();
  const bss = Buffer.from(options.bssToken);
  const li = Buffer.from(options.liToken);
  const inFlight = new Map<string, Promise<Reply>>();
  let requestNumber = 0;
  const loadDefects = options.defects.has("slow-under-load") || options.defects.has("leaks-5xx-under-load");
  const leaks = options.defects.has("slows-over-time");
  const ignoresKeys = options.defects.has("idempotency-ignored");
  const checksKeyedRequest = !options.defects.has("idempotency-body-unchecked");
  let firstRequestMs: number | null = null;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://destination.invalid");
    const method = req.method ?? "GET";
    const matched = router.match(method, url.pathname);
    if (!matched.route) {
      const status = matched.allowed.length > 0 ? 405 : 404;
      const code = status === 405 ? "method_not_allowed" : "not_found";
      const message =
        status === 405
          ? `${method} is not allowed on ${url.pathname}; use ${matched.allowed.join(", ")}.`
          : `no route ${method} ${url.pathname}.`;
      return send(res, { status, body: errorBody(code, message) });
    }
    const { route, params } = matched;
    if (route.access !== "public") {
      const denied = checkAccess(req.headers.authorization, route.access);
      if (denied) return send(res, denied);
    }
    if (leaks && route.access !== "public") {
      const now = performance.now();
      firstRequestMs ??= now;
      const delay = leakDelayMs(now - firstRequestMs);
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    }
    if (loadDefects) {
      requestNumber += 1;
      const rate = meter.hit(performance.now());
      const delay = options.defects.has("slow-under-load")
        ? overloadDelayMs(rate, options.loadThresholdRps, options.overloadDelayMsPerRps)
        : 0;
      if (delay > 0) {
        res.setHeader("server-timing", `overload;dur=${delay}`);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
      if (
        options.defects.has("leaks-5xx-under-load") &&
        overloadFails(rate, options.loadThresholdRps, requestNumber)
      ) {
        return send(res, { status: 503, body: errorBody("unavailable", "the destination is overloaded.") });
      }
    }
    const rawBody = method === "GET" ? "" : await readBody(req);
    let body: unknown;
    let handler = route.handle;
    if (rawBody.length > 0) {
      try {
        body = JSON.parse(rawBody);
      } catch {
        // Answered like any handler's 4xx, so a keyed request stores it too.
        handler = () => {
          throw new ApiError(400, "invalid_json", "the request body is not valid JSON.");
        };
      }
    }
    const request = {
      method,
      path: url.pathname,
      params,
      query: url.searchParams,
      body,
      headers: req.headers,
    };
    const header =
      method === "POST" && !ignoresKeys ? headerValue(req.headers["idempotency-key"]) : undefined;
    if (!header) return send(res, await run(() => handler(request)));
    const key: ScopedKey = { scope: route.access, key: header };
    const slot = `${key.scope}:${key.key}`;
    const fingerprint = requestFingerprint(method, url.pathname, rawBody, body);
    // A duplicate that arrives while the first delivery is still being processed waits for it,
    // then finds its stored answer. Loop: after a 5xx (not stored) another waiter may have
    // started the retry meanwhile, and this one must wait for that too rather than run it twice.
    for (let pending = inFlight.get(slot); pending; pending = inFlight.get(slot)) {
      await pending.catch(() => undefined);
    }
    let reply: Reply | Promise<Reply> | undefined;
    try {
      reply = options.store.transaction(() => {
        const stored = storedReply(options.store, key, fingerprint, checksKeyedRequest);
        if (stored) return stored;
        const result = runSync(() => handler(request));
        if (result instanceof Promise) return result;
        if (result.status < 500) saveReply(options.store, key, fingerprint, result);
        return result;
      });
    } catch (error) {
      return send(res, toReply(error));
    }
    if (reply instanceof Promise) {
      const promise = run(() => reply as Promise<Reply>).then((result) => {
        if (result.status < 500)
          options.store.transaction(() => saveReply(options.store, key, fingerprint, result));
        return result;
      });
      inFlight.set(slot, promise);
      try {
        reply = await promise;
      } finally {
        if (inFlight.get(slot) === promise) inFlight.delete(slot);
      }
    }
    return send(res, reply);
  }

  function checkAccess(header: string | undefined, access: "bss" | "li"): Reply | undefined {
    const token = header?.startsWith("Bearer ") ? Buffer.from(header.slice(7).trim()) : undefined;
    const isBss = token !== undefined && sameBytes(token, bss);
    const isLi = token !== undefined && sameBytes(token, li);
    if (!isBss && !isLi) {
      return { status: 401, body: errorBody("unauthorized", "missing or invalid bearer token.") };
    }
    if (access === "bss" && isBss) return undefined;
    if (access === "li" && (isLi || options.defects.has("li-visible-to-bss-token"))) return undefined;
    const needed = access === "li" ? "the lawful-intercept credential" : "the BSS credential";
    return { status: 403, body: errorBody("forbidden", `this endpoint needs ${needed}.`) };
  }

  return createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
    handle(req, res).catch((error: unknown) => send(res, toReply(error)));
  });
}

/**
 * Runs a handler inside the idempotency transaction: an ApiError becomes its (storable) reply, the
 * handler's own savepoint having undone its writes; any other error propagates and rolls back.
 */
function runSync(fn: () => Reply | Promise<Reply>): Reply | Promise<Reply> {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ApiError) return toReply(error);
    throw error;
  }
}

async function run(fn: () => Reply | Promise<Reply>): Promise<Reply> {
  try {
    return await fn();
  } catch (error) {
    return toReply(error);
  }
}

function toReply(error: unknown): Reply {
  if (error instanceof ApiError) return { status: error.status, body: errorBody(error.code, error.message) };
  // An unexpected error is a bug in the reference destination: answer 500 and show the stack.
  process.stderr.write(`[tranche] reference destination bug: ${(error as Error).stack ?? String(error)}\n`);
  return { status: 500, body: errorBody("internal", "the reference destination failed; see its log.") };
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v && v.length > 0 ? v : undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(
          new ApiError(413, "payload_too_large", `request bodies are limited to ${MAX_BODY_BYTES} bytes.`),
        );
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent) return;
  const payload = reply.raw ? reply.raw.text : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    "content-type": reply.raw ? reply.raw.contentType : "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(payload),
  });
  res.end(payload);
}
