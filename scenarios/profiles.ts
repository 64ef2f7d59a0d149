/**
 * Built-in profiles, as data: suites with their options, the world they share, and gates over the
 * suites' measurements. Thresholds follow the playbook's readiness language: state drift is a
 * blocker (zero tolerance), latency SLOs are majors. Every gate names the defect profile of the
 * reference destination that proves it can fail (`provenBy`); test/gates-fail-on-defects.serial.test.ts
 * runs each one.
 */
import type { GateSpec, Profile, ProfileSuite } from "../harness/index.ts";
import { SUITES } from "./registry.ts";

const REPLAY = "provisioning.replay";

const STATE_GATE: GateSpec = {
  id: "state_mismatches",
  description: "Every subscriber's plan, status, balance and number match the shadow model",
  measurement: `${REPLAY}.state_mismatches`,
  comparator: "==",
  threshold: 0,
  unit: "count",
  severity: "blocker",
  weight: 3,
  provenBy: ["silent-plan-change"],
};

const ERROR_GATE: GateSpec = {
  id: "error_rate",
  description: "Provisioning requests failing (timeouts, resets, 4xx, 5xx, unparseable bodies)",
  measurement: `${REPLAY}.error_rate_pct`,
  comparator: "<",
  threshold: 1,
  unit: "%",
  severity: "blocker",
  weight: 2,
  provenBy: ["leaks-5xx-under-load"],
};

/** p99 from intended send time (includes queueing the destination caused). */
function latencyGate(id: string, measurement: string, thresholdMs: number, description: string): GateSpec {
  return {
    id,
    description,
    measurement: `${REPLAY}.${measurement}`,
    comparator: "<",
    threshold: thresholdMs,
    unit: "ms",
    severity: "major",
    provenBy: ["slow-under-load"],
  };
}

/** The readiness profile's arrival rate, taken as production peak; the soak runs at a multiple of it. */
const PEAK_RATE_PER_SEC = 1000;
/** Soak load as a multiple of peak: enough headroom to show leaks and drift, not a stress test. */
const SOAK_PEAK_MULTIPLE = 1.5;

/** The gates every provisioning profile starts from. */
const PROVISIONING_GATES: readonly GateSpec[] = [
  STATE_GATE,
  ERROR_GATE,
  latencyGate("p99_latency", "latency_p99_ms", 800, "p99 provisioning latency over all operations"),
];

/** Event types the default profiles replay (the shadow model predicts each one's effect). */
const REPLAYED_EVENT_TYPES = ["activation", "plan_change", "top_up", "suspension"] as const;

/** The gates of `profiles`, each id once (the first profile's version of a gate wins). */
function unionOfGates(...profiles: readonly Profile[]): GateSpec[] {
  const byId = new Map<string, GateSpec>();
  for (const profile of profiles)
    for (const gate of profile.gates) if (!byId.has(gate.id)) byId.set(gate.id, gate);
  return [...byId.values()];
}

/**
 * The seed certification pins: a vendor's run and the operator's rerun draw the same base, traffic
 * and plans. Every suite's random streams derive from it and the suite's id.
 */
export const CERTIFICATION_SEED = 20260301;

const BUILT_IN: Readonly<Record<string, Profile>> = {
  smoke: {
    name: "smoke",
    description: "A quick end-to-end check: 200 subscribers, about 500 events at 300 events/s",
    world: { subscribers: 200, windowSec: 3600, eventTypes: REPLAYED_EVENT_TYPES },
    suites: [{ suite: REPLAY, options: { ratePerSec: 300, concurrency: 32 } }],
    gates: PROVISIONING_GATES,
  },
  readiness: {
    name: "readiness",
    description: "The readiness gate before a migration phase: 5,000 subscribers at 1,000 events/s",
    world: { subscribers: 5000, windowSec: 4 * 3600, eventTypes: REPLAYED_EVENT_TYPES },
    suites: [{ suite: REPLAY, options: { ratePerSec: PEAK_RATE_PER_SEC, concurrency: 64 } }],
    gates: [
      ...PROVISIONING_GATES,
      latencyGate("p99_activation", "latency_p99_ms.activation", 800, "p99 activation latency"),
      latencyGate("p99_plan_change", "latency_p99_ms.plan_change", 800, "p99 plan-change latency"),
      latencyGate("p99_top_up", "latency_p99_ms.top_up", 500, "p99 top-up latency"),
    ],
  },
  soak: {
    name: "soak",
    description: `A long replay at ${SOAK_PEAK_MULTIPLE}× peak (${SOAK_PEAK_MULTIPLE * PEAK_RATE_PER_SEC} events/s, about 10 minutes): latency must not drift`,
    world: { subscribers: 300_000, windowSec: 24 * 3600, eventTypes: REPLAYED_EVENT_TYPES },
    suites: [
      { suite: REPLAY, options: { ratePerSec: SOAK_PEAK_MULTIPLE * PEAK_RATE_PER_SEC, concurrency: 128 } },
    ],
    gates: [
      STATE_GATE,
      {
        id: "soak_error_rate",
        description: "Errors stay below 1 %; the soak stops after a minute if they do not",
        expression: "rate(errors) < 1%",
        suite: REPLAY,
        severity: "blocker",
        abortOnFail: true,
        abortDelayMs: 60_000,
        provenBy: ["leaks-5xx-under-load"],
      },
      {
        id: "soak_p99_drift",
        description:
          "p99 latency of the second half of the soak within 25 % of the first half (no leak, no slow-down); a change under 62 ms is noise",
        expression: "drift(50%, p(99), 250ms) < 25%",
        suite: REPLAY,
        severity: "major",
        // A leak makes p99 climb; so does a destination seconds slow, through each subscriber's backlog.
        provenBy: ["slows-over-time", "slow-under-load"],
      },
      {
        id: "soak_p99_worst_minute",
        description: "p99 latency below 1 s in every 1-minute window",
        expression: "max_over(1m, p(99)) < 1s",
        suite: REPLAY,
        severity: "major",
        provenBy: ["slow-under-load"],
      },
    ],
  },
};

const readiness = BUILT_IN.readiness as Profile;

/**
 * certification (`tranche certify`): every registered suite (a suite added to the registry joins
 * it with no change here), with the readiness profile's options where readiness runs the suite and
 * its defaults otherwise, at the readiness world and a pinned seed, gated by the union of the
 * readiness gates (and smoke's, should one ever be missing from readiness).
 */
const certification: Profile = {
  name: "certification",
  description: `Vendor certification: every suite (${SUITES.length}), readiness world and gates, seed ${CERTIFICATION_SEED}`,
  seed: CERTIFICATION_SEED,
  world: readiness.world,
  suites: SUITES.map(
    (suite): ProfileSuite => readiness.suites.find((s) => s.suite === suite.id) ?? { suite: suite.id },
  ),
  gates: unionOfGates(readiness, BUILT_IN.smoke as Profile),
};

export const PROFILES: Readonly<Record<string, Profile>> = { ...BUILT_IN, certification };

/** Names of the built-in profiles, for --help and errors. */
export const PROFILE_NAMES = Object.keys(PROFILES);
