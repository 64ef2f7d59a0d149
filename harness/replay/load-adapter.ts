/**
 * A load-only adapter: the contract's requests with statuses counted but response bodies not
 * validated (only an activation's body is read, for the destination id). Plain HTTP goes through
 * the lean keep-alive client (one write per request); HTTPS through undici's low-level `dispatch`.
 * It costs the harness a fraction of the contract adapter's CPU, so saturation probes and the
 * replay bench measure the destination and the engine, not the client or JSON validation.
 * Readiness runs use the contract adapter, which checks every body. In-flight requests are not
 * cancelled on abort; they end with their response or the timeout.
 */
import { Pool } from "undici";
import type { ProvisioningEvent } from "../../domain/index.ts";
import {
  type ApplyOutcome,
  classify,
  type ProvisioningCapability,
  parseTargetUrl,
  requestFor,
} from "../adapters/index.ts";
import { createLeanHttpPool } from "./lean-http-pool.ts";

/** A provisioning-only client: it sends writes and counts statuses, it reads nothing back. */
export interface LoadAdapter extends ProvisioningCapability {
  describe(): string;
  close(): Promise<void>;
}

export interface LoadAdapterOptions {
  readonly baseUrl: string;
  readonly token: string;
  readonly connections?: number;
  readonly timeoutMs?: number;
}

/** Creates the load-only adapter for a destination at `baseUrl`. */
export function createLoadAdapter(options: LoadAdapterOptions): LoadAdapter {
  const { origin, prefix } = parseTargetUrl(options.baseUrl);
  const auth = `Bearer ${options.token}`;
  const connections = options.connections ?? 64;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const send =
    origin.protocol === "http:"
      ? leanSender(origin, connections, timeoutMs)
      : undiciSender(origin, connections, timeoutMs);
  return {
    describe: () => `contract API at ${origin.origin}${prefix} (load-only: bodies not validated)`,
    apply(event, destinationId) {
      const req = requestFor(event, destinationId);
      let headerLines = `authorization: ${auth}\r\naccept: application/json\r\n`;
      if (req.body !== undefined) headerLines += "content-type: application/json\r\n";
      if (req.idempotencyKey) headerLines += `idempotency-key: ${req.idempotencyKey}\r\n`;
      return send(event, {
        method: req.method,
        path: `${prefix}${req.path}`,
        headerLines,
        body: req.body === undefined ? null : JSON.stringify(req.body),
      });
    },
    async close() {
      await send.close();
    },
  };
}

interface Sender {
  (
    event: ProvisioningEvent,
    request: { method: string; path: string; headerLines: string; body: string | null },
  ): Promise<ApplyOutcome>;
  close(): Promise<void>;
}

function leanSender(origin: URL, connections: number, timeoutMs: number): Sender {
  const pool = createLeanHttpPool({
    host: origin.hostname,
    port: Number(origin.port || 80),
    connections,
    timeoutMs,
  });
  const send = (event: ProvisioningEvent, request: Parameters<Sender>[1]) =>
    pool.request(request).then(
      (response) => outcomeOf(response.status, event.type === "activation" ? response.body : ""),
      (error: { code?: string; message?: string }) =>
        error.code === "ETIMEDOUT"
          ? ({ status: 0, failure: { kind: "timeout", message: "ETIMEDOUT" } } as const)
          : { status: 0, failure: classify(error) },
    );
  return Object.assign(send, { close: () => pool.close() });
}

function undiciSender(origin: URL, connections: number, timeoutMs: number): Sender {
  const pool = new Pool(origin.origin, {
    connections,
    pipelining: 1,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  const send = (event: ProvisioningEvent, request: Parameters<Sender>[1]) =>
    new Promise<ApplyOutcome>((resolve) => {
      const headers: Record<string, string> = {};
      for (const line of request.headerLines.split("\r\n")) {
        const colon = line.indexOf(": ");
        if (colon > 0) headers[line.slice(0, colon)] = line.slice(colon + 2);
      }
      const readBody = event.type === "activation";
      let status = 0;
      let body = "";
      pool.dispatch(
        {
          origin: origin.origin,
          method: request.method as "POST",
          path: request.path,
          headers,
          body: request.body,
        },
        {
          onRequestStart() {},
          onResponseStart(_controller, statusCode) {
            status = statusCode;
          },
          onResponseData(_controller, chunk) {
            if (readBody) body += chunk.toString();
          },
          onResponseEnd() {
            resolve(outcomeOf(status, readBody ? body : ""));
          },
          onResponseError(_controller, error) {
            resolve({ status: 0, failure: classify(error) });
          },
        },
      );
    });
  return Object.assign(send, { close: () => pool.close() });
}

function outcomeOf(status: number, body: string): ApplyOutcome {
  if (status >= 500) return { status, failure: { kind: "http_5xx", message: `HTTP ${status}` } };
  if (status >= 400) return { status, failure: { kind: "http_4xx", message: `HTTP ${status}` } };
  if (body === "") return { status };
  try {
    const id = (JSON.parse(body) as { id?: unknown }).id;
    return typeof id === "string"
      ? { status, destinationId: id }
      : { status, failure: { kind: "unparseable", message: "no id" } };
  } catch {
    return { status, failure: { kind: "unparseable", message: "body is not JSON" } };
  }
}
