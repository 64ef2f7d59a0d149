/** Public API of the mocked legacy peers. */
export type { FaultDecision, FaultInjector, FaultProfile } from "./faults.ts";
export { createFaultInjector, parseFaultSpec } from "./faults.ts";
export { hlrHssHandlers } from "./hlr-hss.ts";
export type { LegacyBssOptions } from "./legacy-bss.ts";
export { legacyBssHandlers, legacyReconciliationRow } from "./legacy-bss.ts";
export { liDeliverySinkHandlers } from "./li-delivery-sink.ts";
export { mnoRoutingHandlers } from "./mno-routing.ts";
export type { ClearinghouseOptions } from "./mnp-clearinghouse.ts";
export { mnpClearinghouseHandlers } from "./mnp-clearinghouse.ts";
export type { ServedMocks, ServeMocksOptions } from "./mock-http-server.ts";
export { serveMocks } from "./mock-http-server.ts";
export type { InProcessMocks, MockPeersCore, MockPeersOptions, PeerName } from "./mock-peers.ts";
export { createMockPeersCore, PEER_NAMES, startInProcessMocks } from "./mock-peers.ts";
export type {
  LegacyLiTarget,
  LegacySubscriber,
  MockWorld,
  MockWorldOptions,
  PortRecord,
  RecipientLookup,
} from "./mock-world.ts";
export { createMockWorld, legacyFromSubscriber } from "./mock-world.ts";
export type { PaymentGatewayOptions } from "./payment-gateway.ts";
export { paymentGatewayHandlers } from "./payment-gateway.ts";
