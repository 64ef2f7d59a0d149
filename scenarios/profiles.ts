/**
 * Built-in profiles: scenarios + gates + settings. Thresholds follow the playbook's readiness
 * language: state drift is a blocker (zero tolerance), latency SLOs are majors.
 */
import type { GateSpec, Profile } from "../harness/index.ts";
import { provisioningReplay } from "./provisioning-replay.ts";

const STATE_GATE: GateSpec = {
  id: "state_mismatches",
  description: "Every subscriber's plan, status, balance and number match the shadow model",
  measurement: "state_mismatches",
  comparator: "==",
  threshold: 0,
  unit: "count",
  severity: "blocker",
  weight: 3,
};

const ERROR_GATE: GateSpec = {
  id: "error_rate",
  description: "Provisioning requests failing (timeouts, resets, 4xx, 5xx, unparseable bodies)",
  measurement: "error_rate_pct",
  comparator: "<",
  threshold: 1,
  unit: "%",
  severity: "blocker",
  weight: 2,
};

/** p99 from intended send time (includes queueing the destination caused). */
function latencyGate(id: string, measurement: string, thresholdMs: number, description: string): GateSpec {
  return {
    id,
    description,
    measurement,
    comparator: "<",
    threshold: thresholdMs,
    unit: "ms",
    severity: "major",
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

export const PROFILES: Readonly<Record<string, Profile>> = {
  smoke: {
    name: "smoke",
    description: "A quick end-to-end check: 200 subscribers, about 500 events at 300 events/s",
    settings: { subscribers: 200, ratePerSec: 300, concurrency: 32, windowSec: 3600 },
    scenarios: [provisioningReplay],
    gates: PROVISIONING_GATES,
  },
  readiness: {
    name: "readiness",
    description: "The readiness gate before a migration phase: 5,000 subscribers at 1,000 events/s",
    settings: { subscribers: 5000, ratePerSec: 1000, concurrency: 64, windowSec: 4 * 3600 },
    scenarios: [provisioningReplay],
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
    settings: {
      subscribers: 300_000,
      ratePerSec: SOAK_PEAK_MULTIPLE * PEAK_RATE_PER_SEC,
      concurrency: 128,
      windowSec: 24 * 3600,
    },
    scenarios: [provisioningReplay],
    gates: [
      STATE_GATE,
      {
        id: "soak_error_rate",
        description: "Errors stay below 1 %; the soak stops after a minute if they do not",
        expression: "rate(errors) < 1%",
        severity: "blocker",
        abortOnFail: true,
        abortDelayMs: 60_000,
      },
      {
        id: "soak_p99_drift",
        description:
          "p99 latency in the last 5 minutes within 25 % of the first 5 minutes (no leak, no slow-down)",
        expression: "drift(5m, p(99)) < 25%",
        severity: "major",
      },
      {
        id: "soak_p99_worst_minute",
        description: "p99 latency below 1 s in every 1-minute window",
        expression: "max_over(1m, p(99)) < 1s",
        severity: "major",
      },
      {
        id: "soak_late_sends",
        description: "The harness kept the schedule: under 1 % of sends late",
        expression: "rate(late) < 1%",
        severity: "minor",
      },
    ],
  },
};

/** Names of the built-in profiles, for --help and errors. */
export const PROFILE_NAMES = Object.keys(PROFILES);
