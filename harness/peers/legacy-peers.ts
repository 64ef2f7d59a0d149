/**
 * The legacy peers as a suite talks to them: the legacy BSS (dual-write target and the other side
 * of reconciliation) and the MNO routing peer (number-portability routing entries and route
 * checks), over one shared mock world. Requests go straight to the peers' msw handlers
 * (`getResponse`), in process: no port, no global interception of this process's HTTP clients.
 */
import { getResponse, type RequestHandler } from "msw";
import type { ProvisioningEvent, Subscriber } from "../../domain/index.ts";
import { TrancheError } from "../../domain/index.ts";
import {
  createMockPeersCore,
  type LegacySubscriber,
  type MockWorld,
  type PeerName,
  type RecipientLookup,
} from "../../mocks/index.ts";
import { createReconciliationOperations } from "../adapters/contract-operations-2-1.ts";
import type { ReconciliationCapability } from "../adapters/index.ts";

export interface LegacyPeersOptions {
  readonly seed: number;
  /** The legacy base the legacy BSS starts with. */
  readonly base: readonly Subscriber[];
}

/** A route check's answer from the MNO routing peer. */
export interface RouteCheckAnswer {
  readonly msisdn: string;
  readonly service: string;
  readonly routed: boolean;
  readonly network?: string;
  readonly reason?: string;
}

export interface LegacyPeers {
  /** Dual-writes one event to the legacy BSS: its HTTP status and error code, if any. */
  writeLegacy(event: ProvisioningEvent): Promise<{ status: number; code?: string }>;
  /** The legacy BSS's current record of a subscriber. */
  legacySubscriber(id: string): LegacySubscriber | undefined;
  /** Puts subscribers into parallel operation (the legacy side's reconciliation scope). */
  markMigrating(ids: Iterable<string>): void;
  /** The legacy BSS's reconciliation operations over the subscribers in parallel operation. */
  readonly reconciliation: ReconciliationCapability;
  /** Sets a number's portability routing entry at the MNO (`HOME` routes it back to legacy). */
  setNumberRoute(msisdn: string, network: string): Promise<void>;
  /** How the MNO routing peer asks the recipient network about a number. */
  setRecipientLookup(lookup: RecipientLookup | undefined): void;
  /** One directed route check through the MNO routing peer. */
  routeCheck(check: {
    readonly msisdn: string;
    readonly service: "voice" | "sms" | "data" | "ivr";
    readonly direction: "inbound" | "outbound";
    readonly originCarrier?: string;
  }): Promise<RouteCheckAnswer>;
}

const URLS: Partial<Record<PeerName, string>> = {
  "legacy-bss": "http://legacy-bss.peers.tranche.test",
  "mno-routing": "http://mno-routing.peers.tranche.test",
};

/** Creates the legacy peers over a fresh mock world holding `base`. */
export function createLegacyPeers(options: LegacyPeersOptions): LegacyPeers {
  const core = createMockPeersCore({ seed: options.seed, world: { base: options.base } });
  const world: MockWorld = core.world;
  const handlers = new Map<string, RequestHandler[]>();
  for (const [peer, url] of Object.entries(URLS)) handlers.set(url, core.handlers(peer as PeerName, url));
  async function send(peer: "legacy-bss" | "mno-routing", path: string, init: RequestInit = {}) {
    const base = URLS[peer] as string;
    const response = await getResponse(
      handlers.get(base) as RequestHandler[],
      new Request(`${base}${path}`, init),
    );
    if (!response || response.type === "error") {
      throw new TrancheError(
        "E_TARGET",
        `the ${peer} mock gave no answer to ${init.method ?? "GET"} ${path}.`,
      );
    }
    const raw = await response.text();
    let body: unknown;
    try {
      body = raw.length > 0 ? JSON.parse(raw) : undefined;
    } catch {
      body = undefined; // NDJSON (the state export) is read from `raw`
    }
    return { status: response.status, body, raw };
  }
  const json = (body: unknown, method = "POST"): RequestInit => ({
    method,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  // The legacy side of a reconciliation covers the subscribers in parallel operation only.
  const legacyCall = (req: { method: "GET" | "POST"; path: string }) =>
    send("legacy-bss", `${req.path}&scope=migrating`, { method: req.method });
  const scoped = createReconciliationOperations(legacyCall);
  return {
    async writeLegacy(event) {
      const { status, body } = await send("legacy-bss", "/v1/events", json(event));
      const code = (body as { error?: { code?: string } } | undefined)?.error?.code;
      return code ? { status, code } : { status };
    },
    legacySubscriber: (id) => world.legacy.get(id),
    markMigrating(ids) {
      for (const id of ids) world.migrating.add(id);
    },
    reconciliation: {
      rangeChecksums: (q, signal) => scoped.rangeChecksums(q, signal),
      exportRows: (q, signal) => scoped.exportRows(q, signal),
    },
    async setNumberRoute(msisdn, network) {
      const { status } = await send(
        "mno-routing",
        `/v1/number-routes/${encodeURIComponent(msisdn)}`,
        json({ network }, "PUT"),
      );
      if (status !== 200)
        throw new TrancheError(
          "E_TARGET",
          `the MNO routing mock refused the route of ${msisdn}: HTTP ${status}.`,
        );
    },
    setRecipientLookup(lookup) {
      world.recipientLookup = lookup;
    },
    async routeCheck(check) {
      const { status, body } = await send("mno-routing", "/v1/route-checks", json(check));
      if (status !== 200)
        throw new TrancheError(
          "E_TARGET",
          `the MNO routing mock answered a route check with HTTP ${status}.`,
        );
      return body as RouteCheckAnswer;
    },
  };
}
