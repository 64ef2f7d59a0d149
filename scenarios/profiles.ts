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

const UNSENT_GATE: GateSpec = {
  id: "events_unsent",
  description: "Every scheduled event was sent",
  measurement: "events_unsent",
  comparator: "==",
  threshold: 0,
  unit: "count",
  severity: "major",
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

/** The gates every provisioning profile starts from. */
const PROVISIONING_GATES: readonly GateSpec[] = [
  STATE_GATE,
  ERROR_GATE,
  UNSENT_GATE,
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
};

/** Names of the built-in profiles, for --help and errors. */
export const PROFILE_NAMES = Object.keys(PROFILES);
