/**
 * The default adapter: an HTTP client of the Tranche destination contract (destination/contract/),
 * over a pooled undici client, offered as a target with every capability of the contract. Every
 * body it reads is validated against the contract's schemas: a write answer that does not match is
 * counted as `unparseable` (a contract violation), never trusted; a read that does not match is an
 * E_CONTRACT error the comparison records. Every request has an overall deadline (headers and
 * body together), so a destination that trickles one byte at a time cannot hold a run forever.
 */
import { setMaxListeners } from "node:events";
import { Pool } from "undici";
import {
  type ActivationRequest,
  type DestinationSubscriberState,
  DestinationSubscriberStateSchema,
} from "../../destination/index.ts";
import { describeIssue, type ProvisioningEvent, TrancheError } from "../../domain/index.ts";
import { DEFAULT_REQUEST_TIMEOUT_MS } from "../defaults.ts";
import type { CapabilitiesOf, Capability, DestinationTarget, LiCapability } from "./capabilities.ts";
import { createNetworkOperations, createReconciliationOperations } from "./contract-operations-2-1.ts";
import { createContractOperations } from "./contract-operations-client.ts";
import type { ApplyOutcome, FailureKind, HealthInfo } from "./destination-adapter.ts";

export interface ContractAdapterOptions {
  readonly baseUrl: string;
  /** Bearer token of the regular (BSS) credential. */
  readonly token: string;
  /** Bearer token of the lawful-intercept credential; without it `li` is undefined. */
  readonly liToken?: string;
  /** Connections in the pool. */
  readonly connections?: number;
  /** Overall deadline of one request, headers and body (default 10 s). */
  readonly timeoutMs?: number;
}

interface Request {
  readonly method: "GET" | "POST";
  readonly path: string;
  readonly body?: unknown;
  readonly idempotencyKey?: string;
  /** Overrides the regular credential (LI calls). */
  readonly authorization?: string;
}

/**
 * The HTTP request a provisioning event becomes under the contract. `at` on the wire is the event's
 * business instant — the source's own stamp (`occurredAt`) when a delivery was late or reordered —
 * so the destination can apply its event-time rules. A write after the activation needs the
 * destination's id of the subscriber: no path is ever made up from the legacy id.
 */
export function requestFor(event: ProvisioningEvent, destinationId: string | undefined): Request {
  const key = event.idempotencyKey;
  const at = event.occurredAt ?? event.at;
  if (event.type === "activation") {
    return {
      method: "POST",
      path: "/v1/subscribers",
      body: { externalId: event.subscriberId, ...event.payload, at } satisfies ActivationRequest,
      idempotencyKey: key,
    };
  }
  if (destinationId === undefined) {
    throw new TrancheError("E_TARGET", `event ${event.id} has no destination id for its subscriber.`);
  }
  const id = encodeURIComponent(destinationId);
  const action: Record<Exclude<ProvisioningEvent["type"], "activation">, string> = {
    plan_change: "plan-change",
    top_up: "top-ups",
    suspension: "suspension",
    resumption: "resumption",
    termination: "termination",
    sim_swap: "sim-swap",
    port_in: "port-in",
    port_out: "port-out",
    addon_purchase: "add-ons",
    kyc_update: "kyc",
  };
  return {
    method: "POST",
    path: `/v1/subscribers/${id}/${action[event.type]}`,
    body: { ...event.payload, at },
    idempotencyKey: key,
  };
}

/** Parses a destination base URL into its origin and path prefix, or throws E_CONFIG naming it. */
export function parseTargetUrl(baseUrl: string): { origin: URL; prefix: string } {
  let origin: URL;
  try {
    origin = new URL(baseUrl);
  } catch {
    throw new TrancheError(
      "E_CONFIG",
      `target URL "${baseUrl}" is not a URL.`,
      "Expected e.g. http://127.0.0.1:8080",
    );
  }
  return { origin, prefix: origin.pathname.replace(/\/$/, "") };
}

/** The contract adapter: a target offering every capability (LI only with the LI credential). */
export interface ContractTarget extends DestinationTarget {
  readonly capabilities: CapabilitiesOf<Exclude<Capability, "li">> & { readonly li?: LiCapability };
}

/** Creates the contract adapter for a destination at `baseUrl`. */
export function createContractAdapter(options: ContractAdapterOptions): ContractTarget {
  const { origin, prefix } = parseTargetUrl(options.baseUrl);
  const pool = new Pool(origin.origin, {
    connections: options.connections ?? 64,
    pipelining: 1,
    headersTimeout: options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    bodyTimeout: options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
  });
  const auth = `Bearer ${options.token}`;
  const deadlines = createDeadlines(options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);

  async function call(
    req: Request,
    signal?: AbortSignal,
  ): Promise<{ status: number; body: unknown; raw: string; contentType: string }> {
    const deadline = deadlines.start(signal);
    try {
      return await send(req, deadline.signal);
    } catch (error) {
      throw deadline.timedOut() ? Object.assign(new Error("deadline"), { code: "TRANCHE_DEADLINE" }) : error;
    } finally {
      deadline.end();
    }
  }

  async function send(
    req: Request,
    signal: AbortSignal,
  ): Promise<{ status: number; body: unknown; raw: string; contentType: string }> {
    const headers: Record<string, string> = {
      authorization: req.authorization ?? auth,
      accept: "application/json",
    };
    if (req.body !== undefined) headers["content-type"] = "application/json";
    if (req.idempotencyKey) headers["idempotency-key"] = req.idempotencyKey;
    const response = await pool.request({
      method: req.method,
      path: `${prefix}${req.path}`,
      headers,
      body: req.body === undefined ? null : JSON.stringify(req.body),
      signal,
    });
    const raw = await response.body.text();
    let body: unknown;
    try {
      body = raw.length > 0 ? JSON.parse(raw) : undefined;
    } catch {
      body = undefined;
    }
    const type = response.headers["content-type"];
    return {
      status: response.statusCode,
      body,
      raw,
      contentType: (Array.isArray(type) ? type[0] : type) ?? "",
    };
  }

  const operations = createContractOperations(call, options.liToken);

  async function apply(
    event: ProvisioningEvent,
    destinationId: string | undefined,
    signal?: AbortSignal,
  ): Promise<ApplyOutcome> {
    try {
      const { status, body } = await call(requestFor(event, destinationId), signal);
      if (status >= 500) return { status, failure: { kind: "http_5xx", message: `HTTP ${status}` } };
      if (status >= 400)
        return { status, failure: { kind: "http_4xx", message: errorMessage(body, status) } };
      const parsed = DestinationSubscriberStateSchema.safeParse(body);
      if (!parsed.success) {
        return { status, failure: { kind: "unparseable", message: describeIssue(parsed.error) } };
      }
      return { status, destinationId: parsed.data.id };
    } catch (error) {
      return {
        status: 0,
        failure: signal?.aborted ? { kind: "interrupted", message: "interrupted" } : classify(error),
      };
    }
  }

  async function readSubscriber(
    destinationId: string,
    signal?: AbortSignal,
  ): Promise<DestinationSubscriberState | undefined> {
    let response: Awaited<ReturnType<typeof call>>;
    try {
      response = await call(
        { method: "GET", path: `/v1/subscribers/${encodeURIComponent(destinationId)}` },
        signal,
      );
    } catch (error) {
      const failure = classify(error);
      throw new TrancheError(
        "E_TARGET",
        `reading subscriber ${destinationId} failed: ${failure.kind} (${failure.message}).`,
        "The destination stopped answering; the report is partial.",
      );
    }
    const { status, body } = response;
    if (status === 404) return undefined;
    if (status !== 200) {
      throw new TrancheError("E_TARGET", `reading subscriber ${destinationId} gave HTTP ${status}.`);
    }
    const parsed = DestinationSubscriberStateSchema.safeParse(body);
    if (!parsed.success) {
      throw new TrancheError(
        "E_CONTRACT",
        `the read of subscriber ${destinationId} does not match the contract: ${describeIssue(parsed.error)}.`,
      );
    }
    return parsed.data;
  }

  const li = operations.li
    ? {
        ...operations.li,
        visibleToRegularCredential: operations.liVisibleToRegularCredential,
        probeRegularCredential: operations.probeRegularCredential,
      }
    : undefined;

  return {
    describe: () => `contract API at ${origin.origin}${prefix}`,

    async health(signal) {
      try {
        const { status, body } = await call({ method: "GET", path: "/health" }, signal);
        if (status !== 200 || typeof body !== "object" || body === null) {
          throw new TrancheError(
            "E_TARGET",
            `destination ${origin.origin} answered /health with HTTP ${status}.`,
          );
        }
        return body as HealthInfo;
      } catch (error) {
        if (error instanceof TrancheError) throw error;
        throw new TrancheError(
          "E_TARGET",
          `destination ${origin.origin} is not reachable: ${(error as Error).message}.`,
          "Check that it is running and the URL is right.",
        );
      }
    },

    capabilities: {
      provisioning: { apply },
      "state-read": {
        readSubscriber,
        findByExternalId: operations.findByExternalId,
        readCatalog: operations.readCatalog,
      },
      "cohort-import": { importCohort: operations.importCohort },
      "cdr-ingest": {
        ingestCdrs: operations.ingestCdrs,
        controlTotals: operations.controlTotals,
        sessionGaps: operations.sessionGaps,
      },
      billing: {
        listInvoices: operations.listInvoices,
        previewInvoice: operations.previewInvoice,
        runBilling: operations.runBilling,
      },
      "test-clock": { clockNow: operations.clockNow, moveClock: operations.moveClock },
      porting: {
        readPortRequest: operations.readPortRequest,
        portIn: operations.portIn,
        portOut: operations.portOut,
        setClearinghouse: operations.setClearinghouse,
        clearinghouse: operations.clearinghouse,
        requestSwitchingCode: operations.requestSwitchingCode,
      },
      retention: { retentionRecords: operations.retentionRecords, purgeRetention: operations.purgeRetention },
      ...(li ? { li } : {}),
      reconciliation: createReconciliationOperations(call),
      network: createNetworkOperations(call),
      http: { request: (req, signal) => call(req, signal) },
    },

    async close() {
      await pool.close();
    },
  };
}

/**
 * Overall deadlines for requests without a timer or an AbortController per request: requests
 * started within the same 50 ms slot share one controller, aborted when the slot's deadline has
 * passed — only the slot's requests still running are cut off, each at most about 100 ms past
 * its own deadline (slot length plus sweep interval). One sweep timer runs while any slot is open; the caller's signal (Ctrl-C) aborts every
 * open slot through one listener per slot.
 */
function createDeadlines(timeoutMs: number) {
  const SLOT_MS = 50;
  interface Slot {
    readonly controller: AbortController;
    readonly dueMs: number;
    readonly outer: AbortSignal | undefined;
    readonly onOuterAbort: () => void;
    open: number;
    expired: boolean;
  }
  const slots = new Map<string, Slot>();
  let sweeper: ReturnType<typeof setInterval> | undefined;
  const close = (key: string, slot: Slot) => {
    slots.delete(key);
    slot.outer?.removeEventListener("abort", slot.onOuterAbort);
  };
  const sweep = () => {
    const now = performance.now();
    for (const [key, slot] of slots) {
      if (slot.dueMs > now) continue;
      slot.expired = true;
      close(key, slot);
      if (slot.open > 0) slot.controller.abort();
    }
    if (slots.size === 0 && sweeper) {
      clearInterval(sweeper);
      sweeper = undefined;
    }
  };
  const outerIds = new WeakMap<AbortSignal, number>();
  let nextOuterId = 0;
  return {
    start(outer: AbortSignal | undefined) {
      const started = performance.now();
      const index = Math.floor(started / SLOT_MS);
      let outerId = 0;
      if (outer) {
        outerId = outerIds.get(outer) ?? ++nextOuterId;
        outerIds.set(outer, outerId);
      }
      const key = `${index}/${outerId}`;
      let slot = slots.get(key);
      if (!slot) {
        const controller = new AbortController();
        setMaxListeners(0, controller.signal);
        const onOuterAbort = () => controller.abort();
        slot = {
          controller,
          dueMs: (index + 1) * SLOT_MS + timeoutMs,
          outer,
          onOuterAbort,
          open: 0,
          expired: false,
        };
        slots.set(key, slot);
        if (outer?.aborted) controller.abort();
        else outer?.addEventListener("abort", onOuterAbort, { once: true });
        if (!sweeper) {
          sweeper = setInterval(sweep, Math.min(SLOT_MS, timeoutMs));
          sweeper.unref();
        }
      }
      const mine = slot;
      mine.open++;
      return {
        signal: mine.controller.signal,
        timedOut: () => mine.expired,
        end() {
          mine.open--;
        },
      };
    },
  };
}

function errorMessage(body: unknown, status: number): string {
  const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
  return error?.code ? `HTTP ${status} ${error.code}` : `HTTP ${status}`;
}

/** Maps a transport error to the failure kinds the report counts. */
export function classify(error: unknown): { kind: FailureKind; message: string } {
  const code = (error as { code?: string }).code ?? "";
  const message = (error as Error).message ?? String(error);
  if (
    code === "UND_ERR_HEADERS_TIMEOUT" ||
    code === "UND_ERR_BODY_TIMEOUT" ||
    code === "UND_ERR_CONNECT_TIMEOUT" ||
    code === "TRANCHE_DEADLINE"
  ) {
    return {
      kind: "timeout",
      message: code === "TRANCHE_DEADLINE" ? "no complete answer within the deadline" : code,
    };
  }
  if (code === "ECONNREFUSED") return { kind: "refused", message: code };
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET" || code === "EPIPE")
    return { kind: "reset", message: code };
  return { kind: "reset", message: code || message };
}
