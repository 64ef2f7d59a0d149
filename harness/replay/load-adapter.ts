/**
 * A load-only adapter: the contract's requests sent through undici's low-level `dispatch` API,
 * with statuses counted but response bodies not validated (only an activation's body is read, for
 * the destination id). It costs the harness about half the CPU of the contract adapter, so
 * saturation probes (`tranche capacity`) and the replay bench measure the destination and the
 * engine, not JSON validation. Readiness runs use the contract adapter, which checks every body.
 * In-flight requests are not cancelled on abort; they end with their response or the timeout.
 */
import { Pool } from "undici";
import { TrancheError } from "../../domain/index.ts";
import { type ApplyOutcome, classify, type DestinationAdapter, requestFor } from "../adapters/index.ts";

export interface LoadAdapterOptions {
  readonly baseUrl: string;
  readonly token: string;
  readonly connections?: number;
  readonly timeoutMs?: number;
}

/** Creates the load-only adapter for a destination at `baseUrl`. */
export function createLoadAdapter(options: LoadAdapterOptions): DestinationAdapter {
  let origin: URL;
  try {
    origin = new URL(options.baseUrl);
  } catch {
    throw new TrancheError(
      "E_CONFIG",
      `target URL "${options.baseUrl}" is not a URL.`,
      "Expected e.g. http://127.0.0.1:8080",
    );
  }
  const prefix = origin.pathname.replace(/\/$/, "");
  const pool = new Pool(origin.origin, {
    connections: options.connections ?? 64,
    pipelining: 1,
    headersTimeout: options.timeoutMs ?? 10_000,
    bodyTimeout: options.timeoutMs ?? 10_000,
  });
  const auth = `Bearer ${options.token}`;
  return {
    describe: () => `contract API at ${origin.origin}${prefix} (load-only: bodies not validated)`,
    async health() {
      return { status: "unchecked" };
    },
    apply(event, destinationId) {
      const req = requestFor(event, destinationId);
      const headers: Record<string, string> = { authorization: auth, accept: "application/json" };
      if (req.body !== undefined) headers["content-type"] = "application/json";
      if (req.idempotencyKey) headers["idempotency-key"] = req.idempotencyKey;
      const readBody = event.type === "activation";
      return new Promise<ApplyOutcome>((resolve) => {
        let status = 0;
        let body = "";
        pool.dispatch(
          {
            origin: origin.origin,
            method: req.method,
            path: `${prefix}${req.path}`,
            headers,
            body: req.body === undefined ? null : JSON.stringify(req.body),
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
    },
    async readSubscriber() {
      throw new TrancheError(
        "E_USAGE",
        "the load-only adapter does not read subscriber state.",
        "Use the contract adapter for runs that compare state with the shadow model.",
      );
    },
    async close() {
      await pool.close();
    },
  };
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
