/**
 * Assembles and starts the reference destination: store, test clock, defect profiles, routes and
 * the HTTP server, bound to loopback by default. `close()` stops accepting requests, lets the ones
 * in flight finish, stops X2 delivery and closes the database, so committed data is never lost.
 */
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { Temporal } from "temporal-polyfill";
import { allCountryPlans, type Plan, TrancheError } from "../domain/index.ts";
import { billingRoutes } from "./billing-routes.ts";
import { catalogRoutes } from "./catalog-routes.ts";
import { type ClockSource, createTestClock, DEFAULT_CLOCK_START, frozenSource } from "./clock.ts";
import { cohortRoutes } from "./cohort-import.ts";
import type { DestinationContext } from "./context.ts";
import { openStore } from "./database.ts";
import { parseDefects } from "./defects.ts";
import { createDestinationHttpServer } from "./http-server.ts";
import { createLaggingReplica } from "./lagging-replica.ts";
import { createLiObserver, liRoutes, X2_URL_META } from "./li-tasks.ts";
import { mediationRoutes } from "./mediation-routes.ts";
import { networkRoutes } from "./network-routes.ts";
import { CONTRACT_VERSION, openApiDocument } from "./openapi/openapi-document.ts";
import { portingRoutes } from "./porting.ts";
import { reconciliationRoutes } from "./reconciliation-routes.ts";
import { retentionRoutes } from "./retention.ts";
import { subscriberRoutes } from "./subscriber-routes.ts";
import { switchingCodeRoutes } from "./switching-codes.ts";
import { testClockRoutes } from "./test-clock-routes.ts";
import { createX2Delivery } from "./x2-delivery.ts";

export const DEFAULT_BSS_TOKEN = "reference-bss-token";
export const DEFAULT_LI_TOKEN = "reference-li-token";

export interface ReferenceDestinationOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; loopback unless told otherwise. */
  host?: string;
  /** Directory of the SQLite database; in-memory when absent. */
  dataDir?: string;
  /** Defect profiles to switch on (see defects.ts). */
  defects?: string[];
  /** Source of business time; frozen at 2026-03-01T00:00:00Z unless given. */
  clock?: ClockSource;
  bssToken?: string;
  liToken?: string;
  /** The plans it sells (default: every country profile's plans, `allCountryPlans()`). */
  catalog?: readonly Plan[];
  /** Data-retention window in months (default 12). */
  retentionMonths?: number;
  /** MNP clearinghouse peer base URL (porting windows are scheduled locally without one). */
  mnpUrl?: string;
  /** Initial X2 delivery endpoint for LI records (can be changed over the LI API). */
  liDeliveryUrl?: string;
  /** Requests per second above which the load defects act (default 500). */
  loadThresholdRps?: number;
  /** Extra ms per request/s of excess load under `slow-under-load` (default 2, capped at 2 s). */
  overloadDelayMsPerRps?: number;
  /** Monotonic wall-clock milliseconds (default `performance.now()`); times the `stale-reads` replica lag. */
  wallClockMs?: () => number;
  /** Environment to read token overrides from (TRANCHE_REFERENCE_BSS_TOKEN / _LI_TOKEN). */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface RunningDestination {
  readonly url: string;
  close(): Promise<void>;
}

const CLOCK_META = "clock.offsetNs";

/** The catalog, refused with E_CONFIG when empty or when two plans share an id (lookups would be ambiguous). */
function checkedCatalog(catalog: readonly Plan[]): readonly Plan[] {
  if (catalog.length === 0) {
    throw new TrancheError(
      "E_CONFIG",
      "the reference destination's catalog has no plans.",
      "Give at least one plan.",
    );
  }
  const seen = new Set<string>();
  for (const plan of catalog) {
    if (seen.has(plan.id)) {
      throw new TrancheError(
        "E_CONFIG",
        `the reference destination's catalog has two plans with id "${plan.id}".`,
        "Give every plan its own id.",
      );
    }
    seen.add(plan.id);
  }
  return catalog;
}

/** Starts the reference destination and resolves once it listens. */
export async function startReferenceDestination(
  options: ReferenceDestinationOptions = {},
): Promise<RunningDestination> {
  const defects = parseDefects(options.defects);
  const env = options.env ?? process.env;
  // An empty variable counts as unset: an empty bearer token would be no credential at all.
  const bssToken = options.bssToken || env.TRANCHE_REFERENCE_BSS_TOKEN || DEFAULT_BSS_TOKEN;
  const liToken = options.liToken || env.TRANCHE_REFERENCE_LI_TOKEN || DEFAULT_LI_TOKEN;
  if (bssToken === liToken) {
    throw new TrancheError(
      "E_CONFIG",
      "the BSS token and the LI token of the reference destination are the same: LI data would be visible to the BSS credential.",
      "Give them different values.",
    );
  }
  const catalog = checkedCatalog(options.catalog ?? allCountryPlans());
  const store = openStore(options.dataDir);
  const clock = createTestClock(
    options.clock ?? frozenSource(Temporal.Instant.from(DEFAULT_CLOCK_START)),
    BigInt(store.getMeta(CLOCK_META) ?? "0"),
    (offset) => store.setMeta(CLOCK_META, offset.toString()),
  );
  if (options.liDeliveryUrl) store.setMeta(X2_URL_META, options.liDeliveryUrl);
  const x2 = createX2Delivery(store, clock, fetch, defects.has("x2-no-retry"));
  const ctx: DestinationContext = {
    store,
    clock,
    defects,
    catalog,
    rounding: defects.has("rounding-half-even") ? "half-even" : "half-up",
    retentionMonths: options.retentionMonths ?? 12,
    mnpUrl: options.mnpUrl,
    observer: createLiObserver(() => ctx, x2.kick),
    replica: defects.has("stale-reads")
      ? createLaggingReplica(options.wallClockMs ?? (() => performance.now()))
      : undefined,
  };
  const document = openApiDocument();
  const routes = [
    {
      method: "GET" as const,
      pattern: "/health",
      access: "public" as const,
      handle: () => ({
        status: 200,
        body: {
          status: "ok",
          version: CONTRACT_VERSION,
          defects: [...defects.names],
          now: clock.now().toString(),
        },
      }),
    },
    {
      method: "GET" as const,
      pattern: "/openapi.json",
      access: "public" as const,
      handle: () => ({ status: 200, body: document }),
    },
    ...catalogRoutes(ctx),
    ...subscriberRoutes(ctx),
    ...portingRoutes(ctx),
    ...switchingCodeRoutes(ctx),
    ...cohortRoutes(ctx),
    ...mediationRoutes(ctx),
    ...billingRoutes(ctx),
    ...retentionRoutes(ctx),
    ...testClockRoutes(ctx),
    ...liRoutes(ctx, x2.kick),
    ...reconciliationRoutes(ctx),
    ...networkRoutes(ctx),
  ];
  const server = createDestinationHttpServer({
    routes,
    store,
    defects,
    bssToken,
    liToken,
    loadThresholdRps: options.loadThresholdRps ?? 500,
    ...(options.overloadDelayMsPerRps !== undefined
      ? { overloadDelayMsPerRps: options.overloadDelayMsPerRps }
      : {}),
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error) => {
      store.close();
      reject(
        new TrancheError(
          "E_CONFIG",
          `the reference destination could not listen on ${host}:${options.port ?? 0}: ${error.message}.`,
          "Pick another --port, or 0 for a free one.",
        ),
      );
    });
    server.listen(options.port ?? 0, host, () => resolve());
  });
  x2.kick();
  const address = server.address() as AddressInfo;
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${address.port}`,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          // Requests in flight get a grace period to commit and answer; then connections are cut.
          setTimeout(() => server.closeAllConnections(), 5000).unref();
        });
        await x2.close();
        store.close();
      })();
      return closing;
    },
  };
}
