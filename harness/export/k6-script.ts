/**
 * The k6 script text: a paced replay. Options are k6's own names (checked against the k6 v1.3
 * documentation and run on the real binary): one `per-vu-iterations` scenario with one VU per lane
 * (`vus` = lanes, `iterations` = the longest lane, `maxDuration` from the schedule), `thresholds`
 * in the `{ threshold, abortOnFail, delayAbortEval }` form, `SharedArray` from `k6/data` for the
 * shards, and `k6/execution` for the VU's test-wide id (`exec.vu.idInTest`, unique across execution
 * segments, so lanes split over k6-operator runners without overlap), its iteration
 * (`exec.vu.iterationInScenario`), the sub-millisecond clock `exec.instance.currentTestRunDuration`
 * and per-sample metadata (`exec.vu.metrics.metadata`) that carries each event's answer into
 * `--out json` without creating a time series per event.
 *
 * Pacing: iteration i of VU n is event i of lane n − 1; the VU sleeps until the event's intended
 * send time (ms from the test start), so every event leaves at its time unless its lane's previous
 * event is still in flight. Latency is measured from the intended time (no coordinated omission).
 */
import type { K6Threshold } from "./k6-thresholds.ts";

export interface K6ScriptInput {
  readonly header: Readonly<Record<string, string | number>>;
  readonly lanes: number;
  /** Events in the longest lane: every VU runs this many iterations (shorter lanes idle). */
  readonly iterations: number;
  /** Intended send time of the last event (ms from the start). */
  readonly lastSendMs: number;
  /** Time after the last intended send before k6 stops the scenario (ms). */
  readonly drainMs: number;
  /** Request timeout (ms); `gracefulStop` lets a request in flight finish or time out. */
  readonly timeoutMs: number;
  /** The destination's base URL, as the export was made for it (part of the config fingerprint). */
  readonly baseUrl: string;
  /** Environment variable holding the bearer token: the one `tranche run` reads. */
  readonly tokenEnv: string;
  readonly thresholds: Readonly<Record<string, K6Threshold[]>>;
  /** Count sent events in `tranche_events` (only a throughput threshold reads it; it costs a sample per event). */
  readonly countEvents?: boolean;
}

/** k6 duration text of `ms`, rounded up to whole seconds. */
export function k6Seconds(ms: number): string {
  return `${Math.max(1, Math.ceil(ms / 1000))}s`;
}

/** The scenario: one VU per lane, each running its lane's events as iterations. */
export function k6ScenarioOf(
  input: Pick<K6ScriptInput, "lanes" | "iterations" | "lastSendMs" | "drainMs" | "timeoutMs">,
) {
  return {
    executor: "per-vu-iterations",
    vus: input.lanes,
    iterations: Math.max(1, input.iterations),
    maxDuration: k6Seconds(input.lastSendMs + input.drainMs),
    gracefulStop: k6Seconds(input.timeoutMs + 5000),
  };
}

/** Renders script.js. */
export function renderK6Script(input: K6ScriptInput): string {
  const headerLines = Object.entries(input.header).map(([k, v]) => ` * ${k}: ${v}`);
  const options = {
    scenarios: { replay: k6ScenarioOf(input) },
    thresholds: input.thresholds,
    summaryTrendStats: ["avg", "min", "med", "p(90)", "p(95)", "p(99)", "max"],
    // No `url` tag: it holds subscriber ids, one time series each. `name` carries the operation.
    systemTags: [
      "proto",
      "status",
      "method",
      "name",
      "group",
      "check",
      "error",
      "error_code",
      "scenario",
      "expected_response",
    ],
  };
  return `/**
 * Tranche replay exported for k6 — generated, do not edit; re-export instead.
${headerLines.join("\n")}
 *
 * Each subscriber's events live in one lane (shards/lane-NNN.json). VU n replays lane n - 1, one
 * event per iteration, sleeping until each event's intended send time, so a subscriber never has
 * two events in flight and the schedule is kept. Latency is measured from the intended send time.
 * Every event's answer goes into --out json as metadata "a" of its tranche_latency sample, for
 * \`tranche check --state\`. See README.md for the run commands.
 */
import http from "k6/http";
import exec from "k6/execution";
import { sleep } from "k6";
import { SharedArray } from "k6/data";
import { Counter, Rate, Trend } from "k6/metrics";

const LANES = ${input.lanes};
const ID_MARKER = "__TRANCHE_ID__";
const BASE_URL = ${JSON.stringify(input.baseUrl.replace(/\/$/, ""))};
const TOKEN_ENV = ${JSON.stringify(input.tokenEnv)};
// Checked before the first request, not at init: \`k6 archive\` and k6-operator's initializer run
// the init code without the token (an archive keeps -e variables, so it must not get one).
const TOKEN = __ENV[TOKEN_ENV];
const TIMEOUT = "${input.timeoutMs}ms";
const COUNT_EVENTS = ${input.countEvents ? "true" : "false"};

const lanes = [];
for (let i = 0; i < LANES; i++) {
  const file = "./shards/lane-" + String(i).padStart(3, "0") + ".json";
  lanes.push(new SharedArray("lane-" + i, function () { return JSON.parse(open(file)); }));
}

// One tranche_latency sample per event: its metadata "a" is the event's answer (tranche check --state reads it).
const latency = new Trend("tranche_latency", true);
const failures = new Counter("tranche_failures");
const sent = COUNT_EVENTS ? new Counter("tranche_events") : null;
// Events of this runner's lanes not answered: a VU adds its lane's length first and takes it off after its last event.
const unsent = new Counter("tranche_unsent");
// Errors are answers the contract does not allow (none, or 5xx): k6's http_req_failed with 4xx expected,
// since a 4xx is an answer the shadow model judges.
http.setResponseCallback(http.expectedStatuses({ min: 200, max: 499 }));

export const options = ${JSON.stringify(options, null, 2)};

// VU-local state: this VU's lane and position, when its previous event completed, the destination ids it learned.
let lane = null;
let cursor = 0;
let previousDoneMs = 0;
let instance = null;
let metadata = null;
const destinationIds = {};
const absent = {};
const SUBSCRIBER_ID = /"id"\\s*:\\s*"/;

function now() {
  return instance.currentTestRunDuration;
}

function headersOf(event) {
  const headers = { authorization: "Bearer " + TOKEN, accept: "application/json" };
  if (event.body !== null) headers["content-type"] = "application/json";
  if (event.key !== null) headers["idempotency-key"] = event.key;
  return headers;
}

// The live subscriber with this legacy id (as Tranche's identity recovery finds it), else undefined.
function lookUp(externalId) {
  if (absent[externalId]) return undefined;
  const response = http.get(BASE_URL + "/v1/subscribers?externalId=" + encodeURIComponent(externalId), {
    headers: { authorization: "Bearer " + TOKEN, accept: "application/json" },
    tags: { op: "lookup", name: "lookup" },
    timeout: TIMEOUT,
  });
  let id;
  if (response.status === 200) {
    try {
      const items = response.json().items || [];
      const live = items.filter(function (s) { return s.status !== "terminated"; });
      const found = live.length > 0 ? live[live.length - 1] : items[items.length - 1];
      if (found && typeof found.id === "string") id = found.id;
    } catch (_) {
      id = undefined;
    }
  }
  if (id) destinationIds[externalId] = id;
  else absent[externalId] = true;
  return id;
}

// The answer as one metadata value: "k status lag laneWait service errorCode kind destinationId".
function record(event, intendedMs, readyMs, sentMs, doneMs, answer) {
  metadata.a =
    event.k + " " + answer.status + " " + (sentMs - readyMs).toFixed(3) + " " + (readyMs - intendedMs).toFixed(3) + " " +
    (doneMs - sentMs).toFixed(3) + " " + (answer.errorCode || 0) + " " + (answer.kind || "-") + " " + (answer.id || "-");
  const tags = { op: event.op };
  latency.add(doneMs - intendedMs, tags);
  delete metadata.a;
  if (sent !== null) sent.add(1, tags);
  if (answer.kind !== "no_identity" && (answer.status === 0 || answer.status >= 500)) failures.add(1, tags);
  if (cursor === lane.length) unsent.add(-lane.length);
}

export default function () {
  if (lane === null) {
    if (!TOKEN) exec.test.abort("[tranche] " + TOKEN_ENV + " is not set: the destination's bearer token is read from it (as tranche run reads it); no default token is sent. Run with -e " + TOKEN_ENV + "=...");
    lane = lanes[exec.vu.idInTest - 1];
    if (!lane) exec.test.abort("[tranche] VU " + exec.vu.idInTest + " has no lane (" + LANES + " lanes): run the script with its own options, without --vus or --iterations");
    instance = exec.instance;
    metadata = exec.vu.metrics.metadata;
    unsent.add(lane.length);
  }
  if (cursor >= lane.length) return;
  const event = lane[cursor];
  cursor += 1;
  const intendedMs = event.t;
  const readyMs = Math.max(intendedMs, previousDoneMs);
  const waitMs = intendedMs - now();
  if (waitMs > 0) sleep(waitMs / 1000);
  const id = event.op === "activation" ? null : destinationIds[event.sub] || lookUp(event.sub);
  const sentMs = now();
  if (event.op !== "activation" && !id) {
    // Its activation failed: nothing to address. Not sent, and counted as a consequence, as Tranche does.
    previousDoneMs = now();
    record(event, intendedMs, readyMs, sentMs, previousDoneMs, { status: 0, kind: "no_identity" });
    return;
  }
  const url = BASE_URL + event.path.replace(ID_MARKER, encodeURIComponent(id || ""));
  const response = http.request(event.method, url, event.body, {
    headers: headersOf(event),
    tags: { op: event.op, name: event.op },
    timeout: TIMEOUT,
  });
  const doneMs = now();
  previousDoneMs = doneMs;
  const answer = { status: response.status, errorCode: response.error_code };
  if (response.status >= 200 && response.status < 300) {
    // A write's answer is the subscriber's state, with the destination's id: parsed on activation
    // (the id addresses later writes), looked for in the text otherwise.
    if (event.op === "activation") {
      let body;
      try {
        body = response.json();
      } catch (_) {
        body = undefined;
      }
      if (!body || typeof body.id !== "string") answer.kind = "unparseable";
      else {
        destinationIds[event.sub] = body.id;
        delete absent[event.sub];
        answer.id = body.id;
      }
    } else if (typeof response.body !== "string" || !SUBSCRIBER_ID.test(response.body)) {
      answer.kind = "unparseable";
    }
  }
  record(event, intendedMs, readyMs, sentMs, doneMs, answer);
}
`;
}
