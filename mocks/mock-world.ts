/**
 * The shared state behind the mocked legacy peers: the legacy BSS's subscribers, the HLR/HSS
 * subscription records, the MNP clearinghouse's port requests and routing table, payment
 * authorizations and the X2 records the LI delivery sink collected. Peers read and change it, so
 * a port completed at the clearinghouse shows up in MNO routing checks.
 */
import { Temporal } from "temporal-polyfill";
import type { Subscriber } from "../domain/index.ts";

/** The legacy side's view of a subscriber (what reconciliation compares). */
export interface LegacySubscriber {
  id: string;
  msisdn: string;
  imsi: string;
  iccid: string;
  planId: string;
  paymentType: string;
  status: string;
  balanceMinor: number;
  currency: string;
  anchorDay: number;
  timezone: string;
  addOns: string[];
}

/** An LI target as the legacy platform holds it: never part of the subscriber record. */
export interface LegacyLiTarget {
  readonly liid: string;
  readonly msisdn: string;
  readonly imsi: string;
}

export interface PortRecord {
  id: string;
  type: "port_in" | "port_out";
  msisdn: string;
  counterparty: string;
  requestedAt: string;
  scheduledAt: string;
}

export interface MockWorld {
  now(): Temporal.Instant;
  setNow(at: Temporal.Instant): void;
  readonly legacy: Map<string, LegacySubscriber>;
  readonly legacyBase: Subscriber[];
  readonly appliedEvents: Map<string, string>;
  readonly liTargets: LegacyLiTarget[];
  readonly hlr: Map<
    string,
    { imsi: string; msisdn: string; barred: boolean; services: string[]; updatedAt: string }
  >;
  readonly ports: Map<string, PortRecord>;
  /** MSISDN → network now serving it (absent: the home network). */
  readonly routing: Map<string, string>;
  readonly payments: Map<
    string,
    { id: string; status: string; amountMinor: number; currency: string; declineCode?: string }
  >;
  readonly paymentKeys: Map<string, string>;
  readonly x2Records: unknown[];
  /**
   * Legacy ids in parallel operation (dual-written): the legacy BSS's reconciliation scope
   * `scope=migrating` covers exactly these.
   */
  readonly migrating: Set<string>;
  /**
   * How the MNO routing peer asks a recipient network what it terminates for a number (set by the
   * harness to the destination's routing lookup); absent, a ported number routes unconditionally.
   */
  recipientLookup?: RecipientLookup;
}

/** A recipient network's answer for one number: the services it terminates, or undefined when it does not serve it. */
export type RecipientLookup = (
  network: string,
  msisdn: string,
) => Promise<{ readonly services: readonly string[]; readonly ivr: boolean } | undefined>;

export interface MockWorldOptions {
  /** Legacy base (canonical subscriber records) the legacy BSS starts with. */
  readonly base?: readonly Subscriber[];
  /** LI targets the legacy BSS hands out behind its LI credential. */
  readonly liTargets?: readonly LegacyLiTarget[];
  /** Simulated now of the peers (porting timers); default 2026-03-01T00:00:00Z. */
  readonly start?: Temporal.Instant;
}

/** Maps a canonical subscriber record to the legacy BSS's state. */
export function legacyFromSubscriber(s: Subscriber): LegacySubscriber {
  return {
    id: s.id,
    msisdn: s.msisdn,
    imsi: s.imsi,
    iccid: s.iccid,
    planId: s.planId,
    paymentType: s.paymentType,
    status: s.status,
    balanceMinor: s.billing.balanceMinor,
    currency: s.billing.currency,
    anchorDay: s.billing.anchorDay,
    timezone: s.billing.timezone,
    addOns: [...s.addOns],
  };
}

/** Creates the shared peer state. */
export function createMockWorld(options: MockWorldOptions = {}): MockWorld {
  let now = options.start ?? Temporal.Instant.from("2026-03-01T00:00:00Z");
  const legacy = new Map<string, LegacySubscriber>();
  const hlr: MockWorld["hlr"] = new Map();
  for (const s of options.base ?? []) {
    legacy.set(s.id, legacyFromSubscriber(s));
    hlr.set(s.imsi, {
      imsi: s.imsi,
      msisdn: s.msisdn,
      barred: s.status !== "active",
      services: ["voice", "sms", "data"],
      updatedAt: now.toString(),
    });
  }
  return {
    now: () => now,
    setNow(at) {
      now = at;
    },
    legacy,
    legacyBase: [...(options.base ?? [])],
    appliedEvents: new Map(),
    liTargets: [...(options.liTargets ?? [])],
    hlr,
    ports: new Map(),
    routing: new Map(),
    payments: new Map(),
    paymentKeys: new Map(),
    x2Records: [],
    migrating: new Set(),
  };
}

/** Applies port requests whose scheduled instant has passed to the routing table. */
export function settlePorts(world: MockWorld): void {
  const nowMs = world.now().epochMilliseconds;
  for (const port of world.ports.values()) {
    if (Temporal.Instant.from(port.scheduledAt).epochMilliseconds > nowMs) continue;
    world.routing.set(port.msisdn, port.type === "port_in" ? "DESTINATION" : port.counterparty);
  }
}
