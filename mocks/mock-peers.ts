/**
 * The legacy peers assembled: one handler set per peer over one shared world, each behind its
 * own seeded fault injector. In-process use (`startInProcessMocks`) intercepts fetch/http in this
 * process with msw's setupServer; unhandled requests are errors, never silently passed through.
 */
import type { RequestHandler } from "msw";
import { setupServer } from "msw/node";
import { createFaultInjector, type FaultInjector, type FaultProfile } from "./faults.ts";
import { hlrHssHandlers } from "./hlr-hss.ts";
import { type LegacyBssOptions, legacyBssHandlers } from "./legacy-bss.ts";
import { liDeliverySinkHandlers } from "./li-delivery-sink.ts";
import { mnoRoutingHandlers } from "./mno-routing.ts";
import { type ClearinghouseOptions, mnpClearinghouseHandlers } from "./mnp-clearinghouse.ts";
import { createMockWorld, type MockWorld, type MockWorldOptions } from "./mock-world.ts";
import { type PaymentGatewayOptions, paymentGatewayHandlers } from "./payment-gateway.ts";
import { withFaults } from "./peer.ts";

export const PEER_NAMES = [
  "legacy-bss",
  "hlr-hss",
  "mnp-clearinghouse",
  "payment-gateway",
  "li-delivery-sink",
  "mno-routing",
] as const;
export type PeerName = (typeof PEER_NAMES)[number];

export interface MockPeersOptions {
  /** Seed of every fault decision (default 20260301). */
  readonly seed?: number;
  readonly faults?: Partial<Record<PeerName, FaultProfile>>;
  readonly world?: MockWorldOptions;
  readonly legacyBss?: LegacyBssOptions;
  readonly clearinghouse?: ClearinghouseOptions;
  readonly paymentGateway?: PaymentGatewayOptions;
}

/** The shared state and per-peer fault injectors behind a set of handlers. */
export interface MockPeersCore {
  readonly world: MockWorld;
  readonly injectors: Readonly<Record<PeerName, FaultInjector>>;
  /** Builds the handlers of one peer under `base`. */
  handlers(peer: PeerName, base: string): RequestHandler[];
}

/** Creates the world and injectors; handlers are built per base URL. */
export function createMockPeersCore(options: MockPeersOptions = {}): MockPeersCore {
  const seed = options.seed ?? 20260301;
  const world = createMockWorld(options.world);
  const injectors = Object.fromEntries(
    PEER_NAMES.map((peer) => [peer, createFaultInjector(seed, peer, options.faults?.[peer])]),
  ) as Record<PeerName, FaultInjector>;
  const build: Record<PeerName, (base: string) => RequestHandler[]> = {
    "legacy-bss": (base) => legacyBssHandlers(base, world, options.legacyBss),
    "hlr-hss": (base) => hlrHssHandlers(base, world),
    "mnp-clearinghouse": (base) => mnpClearinghouseHandlers(base, world, options.clearinghouse),
    "payment-gateway": (base) => paymentGatewayHandlers(base, world, options.paymentGateway),
    "li-delivery-sink": (base) => liDeliverySinkHandlers(base, world),
    "mno-routing": (base) => mnoRoutingHandlers(base, world),
  };
  return {
    world,
    injectors,
    handlers: (peer, base) => withFaults(base, injectors[peer], build[peer](base)),
  };
}

export interface InProcessMocks {
  /** Base URL of each peer (fictitious hosts that only this process's interception answers). */
  readonly urls: Readonly<Record<PeerName, string>>;
  readonly world: MockWorld;
  setFaults(peer: PeerName, profile: FaultProfile): void;
  close(): void;
}

/** Intercepts this process's HTTP clients with the peers' handlers (msw/node). */
export function startInProcessMocks(options: MockPeersOptions = {}): InProcessMocks {
  const core = createMockPeersCore(options);
  const urls = Object.fromEntries(
    PEER_NAMES.map((peer) => [peer, `http://${peer}.mocks.tranche.test`]),
  ) as Record<PeerName, string>;
  const server = setupServer(...PEER_NAMES.flatMap((peer) => core.handlers(peer, urls[peer])));
  server.listen({ onUnhandledFrame: "error" });
  return {
    urls,
    world: core.world,
    setFaults: (peer, profile) => core.injectors[peer].set(profile),
    close: () => server.close(),
  };
}
