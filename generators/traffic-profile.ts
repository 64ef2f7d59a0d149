/**
 * The shape of provisioning traffic, as versioned data: when events happen (diurnal and weekly
 * seasonality, the month-start top-up spike, campaign bursts), which event follows which (a state
 * machine per subscriber), and which source system sends each type. traffic-generator.ts only
 * interprets this.
 */
import type { EventType } from "../domain/index.ts";

/** A subscriber's lifecycle state while its traffic is generated. */
export type LineState = "active" | "suspended" | "closed";

export interface TrafficProfile {
  readonly version: string;
  /** Relative activity per local hour 0–23. */
  readonly diurnal: readonly number[];
  /** Relative activity per local weekday, Monday first. */
  readonly weekly: readonly number[];
  /** Local days of month 1..n with extra activity, and the factors for all events and top-ups. */
  readonly monthStart: { readonly days: number; readonly allFactor: number; readonly topUpFactor: number };
  /** Campaign bursts per 30 days, their length and their intensity and add-on/plan-change factors. */
  readonly campaigns: {
    readonly per30Days: number;
    readonly hours: number;
    readonly allFactor: number;
    readonly offerFactor: number;
  };
  /** Follow-on event weights per state; prepaid and postpaid differ only in top-ups. */
  readonly transitions: Readonly<
    Record<Exclude<LineState, "closed">, ReadonlyArray<readonly [EventType, number]>>
  >;
  /** Top-up weight multiplier for postpaid lines (rare: card payments of an outstanding bill). */
  readonly postpaidTopUpFactor: number;
  /**
   * Share of top-ups for an amount that is not one of the country's round figures: auto top-ups that
   * clear an exact balance, voucher remainders, card payments of a bill (a few minor units to ~50).
   */
  readonly oddTopUpShare: number;
  /** Which system sends each event type. */
  readonly sources: Readonly<Record<EventType, string>>;
  readonly suspensionReasons: readonly string[];
  readonly terminationReasons: readonly string[];
  readonly notes: readonly string[];
}

export const DEFAULT_TRAFFIC_PROFILE: TrafficProfile = {
  version: "traffic-2026.2",
  diurnal: [
    0.15, 0.08, 0.05, 0.04, 0.05, 0.12, 0.35, 0.7, 1.0, 1.1, 1.1, 1.15, 1.25, 1.2, 1.1, 1.05, 1.1, 1.25, 1.4,
    1.5, 1.45, 1.2, 0.8, 0.4,
  ],
  weekly: [1.0, 1.0, 1.0, 1.02, 1.12, 1.18, 0.78],
  monthStart: { days: 2, allFactor: 1.5, topUpFactor: 3 },
  campaigns: { per30Days: 2, hours: 3, allFactor: 2.5, offerFactor: 4 },
  transitions: {
    active: [
      ["top_up", 45],
      ["plan_change", 12],
      ["addon_purchase", 12],
      ["kyc_update", 5],
      ["sim_swap", 3],
      ["suspension", 4],
      ["port_in", 1.5],
      ["termination", 1.5],
      ["port_out", 1],
    ],
    suspended: [
      ["top_up", 40],
      ["resumption", 50],
      ["termination", 10],
    ],
  },
  oddTopUpShare: 0.15,
  postpaidTopUpFactor: 0.05,
  sources: {
    activation: "legacy-bss",
    plan_change: "self-care",
    top_up: "payment-gateway",
    suspension: "legacy-bss",
    resumption: "legacy-bss",
    termination: "legacy-bss",
    sim_swap: "retail-pos",
    port_in: "mnp-clearinghouse",
    port_out: "mnp-clearinghouse",
    addon_purchase: "self-care",
    kyc_update: "retail-pos",
  },
  suspensionReasons: ["non-payment", "lost-sim", "fraud-check", "customer-request"],
  terminationReasons: ["customer-request", "non-payment", "deceased", "contract-end"],
  notes: [
    "Diurnal: BSS write traffic follows human activity — trough 02:00–05:00 local, morning ramp, evening peak 18:00–20:00 (operator OSS dashboards, rounded).",
    "Weekly: Friday and Saturday top-up and retail activity highest, Sunday lowest (retail opening hours).",
    "Month start: prepaid top-ups triple on days 1–2 as salaries and benefits land; all traffic rises by half.",
    "Campaigns: about two marketing pushes a month, each a few hours of 2.5× traffic skewed to add-ons and plan changes.",
    "Transitions: top-ups dominate prepaid BSS writes; plan changes and add-ons next; suspensions mostly non-payment and resolved by top-up or resumption.",
  ],
};
