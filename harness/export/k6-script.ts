/**
 * The k6 script text. Options are k6's own names (checked against the k6 documentation):
 * `scenarios` with the `constant-arrival-rate` or `ramping-arrival-rate` executor (`rate`,
 * `startRate`, `timeUnit`, `duration`, `stages`, `preAllocatedVUs`, `maxVUs`), `thresholds` with the
 * `{ threshold, abortOnFail, delayAbortEval }` form, `SharedArray` from `k6/data` for the shards and
 * `k6/execution` for the VU id and the scenario start time.
 */
import type { ArrivalProfile } from "../replay/arrival-schedule.ts";
import type { K6Threshold } from "./k6-thresholds.ts";

export interface K6ScriptInput {
  readonly header: Readonly<Record<string, string | number>>;
  readonly lanes: number;
  readonly events: number;
  readonly durationSec: number;
  readonly arrival: ArrivalProfile;
  readonly thresholds: Readonly<Record<string, K6Threshold[]>>;
}

/** Slack on the scenario duration so lanes that fell behind can finish their shard. */
const DRAIN_FACTOR = 1.2;

/** The k6 scenario (executor and its options) for an arrival profile. */
export function k6ScenarioOf(
  arrival: ArrivalProfile,
  lanes: number,
  durationSec: number,
): Record<string, unknown> {
  const vus = { preAllocatedVUs: lanes, maxVUs: lanes };
  const seconds = (s: number) => `${Math.max(1, Math.ceil(s))}s`;
  switch (arrival.kind) {
    case "constant":
      return {
        executor: "constant-arrival-rate",
        rate: Math.max(1, Math.round(arrival.ratePerSec)),
        timeUnit: "1s",
        duration: seconds(durationSec * DRAIN_FACTOR),
        ...vus,
      };
    case "ramp":
      return {
        executor: "ramping-arrival-rate",
        startRate: Math.round(arrival.fromPerSec),
        timeUnit: "1s",
        stages: [
          { target: Math.round(arrival.toPerSec), duration: seconds(arrival.durationSec) },
          {
            target: Math.round(arrival.toPerSec),
            duration: seconds(Math.max(1, durationSec - arrival.durationSec) * DRAIN_FACTOR),
          },
        ],
        ...vus,
      };
    case "steps": {
      const stages: Array<{ target: number; duration: string }> = [];
      for (const step of arrival.steps) {
        stages.push({ target: Math.round(step.ratePerSec), duration: "0s" });
        stages.push({ target: Math.round(step.ratePerSec), duration: seconds(step.durationSec) });
      }
      const last = arrival.steps[arrival.steps.length - 1];
      const stepsSec = arrival.steps.reduce((a, s) => a + s.durationSec, 0);
      if (last)
        stages.push({
          target: Math.round(last.ratePerSec),
          duration: seconds(Math.max(1, durationSec - stepsSec) * DRAIN_FACTOR),
        });
      return {
        executor: "ramping-arrival-rate",
        startRate: Math.round(arrival.steps[0]?.ratePerSec ?? 1),
        timeUnit: "1s",
        stages,
        ...vus,
      };
    }
  }
}

/** Renders script.js. */
export function renderK6Script(input: K6ScriptInput): string {
  const headerLines = Object.entries(input.header).map(([k, v]) => ` * ${k}: ${v}`);
  const options = {
    scenarios: { replay: k6ScenarioOf(input.arrival, input.lanes, input.durationSec) },
    thresholds: input.thresholds,
    summaryTrendStats: ["avg", "min", "med", "p(90)", "p(95)", "p(99)", "max"],
  };
  return `/**
 * Tranche replay exported for k6 — generated, do not edit; re-export instead.
${headerLines.join("\n")}
 *
 * Each subscriber's events live in one lane (shards/lane-NNN.json); a VU replays one lane in order,
 * one event per iteration, so a subscriber never has two events in flight. Latency is measured from
 * the event's intended send time when the lane runs behind it (no coordinated omission).
 * Run: k6 run -e TRANCHE_BASE_URL=http://host:port -e TRANCHE_TOKEN=… script.js   (see README.md)
 */
import http from "k6/http";
import exec from "k6/execution";
import { SharedArray } from "k6/data";
import { Counter, Rate, Trend } from "k6/metrics";

const LANES = ${input.lanes};
const ID_MARKER = "__TRANCHE_ID__";
const BASE_URL = (__ENV.TRANCHE_BASE_URL || "http://127.0.0.1:8080").replace(/\\/$/, "");
const TOKEN = __ENV.TRANCHE_TOKEN || "reference-bss-token";

const lanes = [];
for (let i = 0; i < LANES; i++) {
  const file = "./shards/lane-" + String(i).padStart(3, "0") + ".json";
  lanes.push(new SharedArray("lane-" + i, function () { return JSON.parse(open(file)); }));
}

const latency = new Trend("tranche_latency", true);
const errors = new Rate("tranche_errors");
const failures = new Counter("tranche_failures");
const sent = new Counter("tranche_events");
const idle = new Counter("tranche_lane_idle");

export const options = ${JSON.stringify(options, null, 2)};

// VU-local state: this VU's lane, its position in it, and the destination ids learned on activation.
let cursor = 0;
const destinationIds = {};

export default function () {
  const lane = lanes[(exec.vu.idInTest - 1) % LANES];
  if (cursor >= lane.length) {
    idle.add(1);
    return;
  }
  const event = lane[cursor];
  cursor += 1;
  const startedAt = Date.now();
  const intendedAt = exec.scenario.startTime + event.t;
  const id = destinationIds[event.sub] || event.sub;
  const headers = { authorization: "Bearer " + TOKEN, accept: "application/json" };
  if (event.body !== null) headers["content-type"] = "application/json";
  if (event.key !== null) headers["idempotency-key"] = event.key;
  const response = http.request(event.method, BASE_URL + event.path.replace(ID_MARKER, encodeURIComponent(id)), event.body, {
    headers: headers,
    tags: { op: event.op, name: event.op },
  });
  const tags = { op: event.op };
  latency.add(Date.now() - Math.min(startedAt, intendedAt), tags);
  const failed = response.status === 0 || response.status >= 400;
  errors.add(failed, tags);
  sent.add(1, tags);
  if (failed) failures.add(1, tags);
  if (!failed && event.op === "activation") {
    try {
      const body = response.json();
      if (body && typeof body.id === "string") destinationIds[event.sub] = body.id;
    } catch (_) {
      failures.add(1, { op: event.op, kind: "unparseable" });
    }
  }
}
`;
}
