/**
 * The k6 script text: a paced replay. Options are k6's own names (checked against the k6 v1.3
 * documentation and run on the real binary): one `per-vu-iterations` scenario with one VU per lane
 * and one iteration per VU (`vus` = lanes, `iterations` = 1, `maxDuration` from the schedule),
 * `thresholds` in the `{ threshold, abortOnFail, delayAbortEval }` form, `SharedArray` from
 * `k6/data` for the shards, and `k6/execution` for the VU's test-wide id (`exec.vu.idInTest`,
 * unique across execution segments, so lanes split over k6-operator runners without overlap), the
 * sub-millisecond clock `exec.instance.currentTestRunDuration` and per-sample metadata
 * (`exec.vu.metrics.metadata`) that carries the answers into `--out json` without creating a time
 * series per event.
 *
 * Pacing: VU n replays lane n − 1 in its one iteration, event after event; before each it sleeps
 * until the event's intended send time (ms from the test start), so every event leaves at its time
 * unless its lane's previous event is still in flight. Latency is measured from the intended time
 * (no coordinated omission). No event starts after the deadline (`maxDuration`): what is left is
 * unsent, and the run fails.
 *
 * Speed (measured on k6 v1.3, docs/k6-export.md): one iteration per lane instead of one per event
 * spares k6's per-iteration work (four samples, the executor's hand-off); shard batches spare
 * `SharedArray`'s per-element parse; answers go out in batches (`tranche_answers`, at most
 * ANSWER_BATCH per sample, and always before a lane sleeps or after ANSWER_FLUSH_MS).
 */
import type { K6Threshold } from "./k6-thresholds.ts";

export interface K6ScriptInput {
  readonly header: Readonly<Record<string, string | number>>;
  readonly lanes: number;
  /** Events in each lane, in lane order. */
  readonly laneSizes: readonly number[];
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

/** Answers per `tranche_answers` sample at most. */
export const ANSWER_BATCH = 32;
/** A lane writes its pending answers at least this often (ms), so a stopped run loses little. */
export const ANSWER_FLUSH_MS = 250;

/** `ms` rounded up to whole seconds, at least one: how k6 durations are written here. */
function wholeSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** k6 duration text of `ms`, rounded up to whole seconds. */
export function k6Seconds(ms: number): string {
  return `${wholeSeconds(ms)}s`;
}

/** The scenario: one VU per lane, each running its whole lane in one iteration. */
export function k6ScenarioOf(input: Pick<K6ScriptInput, "lanes" | "lastSendMs" | "drainMs" | "timeoutMs">) {
  return {
    executor: "per-vu-iterations",
    vus: input.lanes,
    iterations: 1,
    maxDuration: k6Seconds(input.lastSendMs + input.drainMs),
    gracefulStop: k6Seconds(input.timeoutMs + 5000),
  };
}

/** Renders script.js. */
export function renderK6Script(input: K6ScriptInput): string {
  // maxDuration in ms: the script's own deadline is the scenario's.
  const deadlineMs = wholeSeconds(input.lastSendMs + input.drainMs) * 1000;
  // A tagged sample costs k6 more than a bare one: latency carries its operation only when a threshold reads it so.
  const latencyByOp = Object.keys(input.thresholds).some((key) => key.startsWith("tranche_latency{"));
  const headerLines = Object.entries(input.header).map(([k, v]) => ` * ${k}: ${v}`);
  const options = {
    scenarios: { replay: k6ScenarioOf(input) },
    thresholds: input.thresholds,
    summaryTrendStats: ["avg", "min", "med", "p(90)", "p(95)", "p(99)", "max"],
    // No `url` tag: it holds subscriber ids, one time series each. `name` carries the operation.
    systemTags: ["status", "method", "name", "error", "error_code", "scenario", "expected_response"],
  };
  return `/**
 * Tranche replay exported for k6 — generated, do not edit; re-export instead.
${headerLines.join("\n")}
 *
 * Each subscriber's events live in one lane (shards/lane-NNN.json). VU n replays lane n - 1 in one
 * iteration, event after event, sleeping until each event's intended send time, so a subscriber
 * never has two events in flight and the schedule is kept. Latency is measured from the intended
 * send time. Every event's answer goes into --out json, as a line of the metadata "a" of a
 * tranche_answers sample, for \`tranche check --state\`. See README.md for the run commands.
 */
import http from "k6/http";
import exec from "k6/execution";
import { sleep } from "k6";
import { SharedArray } from "k6/data";
import { Counter, Trend } from "k6/metrics";

const LANES = ${input.lanes};
// Events per lane: a VU counts its whole lane as unsent before its first event.
const LANE_SIZES = ${JSON.stringify(input.laneSizes)};
const ID_MARKER = "__TRANCHE_ID__";
const BASE_URL = ${JSON.stringify(input.baseUrl.replace(/\/$/, ""))};
const TOKEN_ENV = ${JSON.stringify(input.tokenEnv)};
// Checked before the first request, not at init: \`k6 archive\` and k6-operator's initializer run
// the init code without the token (an archive keeps -e variables, so it must not get one).
const TOKEN = __ENV[TOKEN_ENV];
const TIMEOUT = "${input.timeoutMs}ms";
// No event starts later than this (ms from the start): the scenario's maxDuration.
const DEADLINE_MS = ${deadlineMs};
const COUNT_EVENTS = ${input.countEvents ? "true" : "false"};
// Whether a threshold reads latency per operation (tranche_latency{op:…}): only then are its samples tagged.
const LATENCY_BY_OP = ${latencyByOp ? "true" : "false"};
const ANSWER_BATCH = ${ANSWER_BATCH};
const ANSWER_FLUSH_MS = ${ANSWER_FLUSH_MS};

// A lane is an array of batches {"s": lines}; a line is one event: k t id op sub method path key body, tab-separated.
const lanes = [];
for (let i = 0; i < LANES; i++) {
  const file = "./shards/lane-" + String(i).padStart(3, "0") + ".json";
  lanes.push(new SharedArray("lane-" + i, function () { return JSON.parse(open(file)); }));
}

// One sample per event, from the intended send time to the answer (tagged op when LATENCY_BY_OP).
const latency = new Trend("tranche_latency", true);
const failures = new Counter("tranche_failures");
const sent = COUNT_EVENTS ? new Counter("tranche_events") : null;
// The answers: each sample's value is how many, its metadata "a" holds them, one line each (tranche check --state reads them).
const answered = new Counter("tranche_answers");
// Events of this runner's lanes whose answer is not written: a VU adds its lane's size first and takes off each batch it writes.
const unsent = new Counter("tranche_unsent");
// Errors are answers the contract does not allow (none, or 5xx): k6's http_req_failed with 4xx expected,
// since a 4xx is an answer the shadow model judges.
http.setResponseCallback(http.expectedStatuses({ min: 200, max: 499 }));

export const options = ${JSON.stringify(options, null, 2)};

const SUBSCRIBER_ID = /"id"\\s*:\\s*"/;
const round = Math.round;
const opTags = {};
const nameTags = {};
// One tags object per operation, made once: k6 reads tags on every sample.
function tagsOf(table, key, op) {
  let tags = table[op];
  if (tags === undefined) {
    tags = {};
    tags[key] = op;
    table[op] = tags;
  }
  return tags;
}

// VU-local state: this VU's clock, the destination ids it learned (URI-encoded, as paths and answers carry them),
// its answers not yet written.
let instance = null;
let metadata = null;
let done = false;
const destinationIds = {};
const absent = {};
let answers = "";
let pending = 0;
let flushedMs = 0;

function headers() {
  return { authorization: "Bearer " + TOKEN, accept: "application/json" };
}

// The live subscriber with this legacy id (as Tranche's identity recovery finds it), else undefined.
function lookUp(externalId) {
  if (absent[externalId]) return undefined;
  const response = http.get(BASE_URL + "/v1/subscribers?externalId=" + encodeURIComponent(externalId), {
    headers: headers(),
    tags: { name: "lookup" },
    timeout: TIMEOUT,
    // No response callback: k6 then emits no http_req_failed sample, so its error rate counts events, as
    // Tranche's rate(errors) does, not the lookups made for them.
    responseCallback: null,
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
  if (!id) {
    absent[externalId] = true;
    return undefined;
  }
  destinationIds[externalId] = encodeURIComponent(id);
  return destinationIds[externalId];
}

// Writes the pending answers as one tranche_answers sample and takes them off tranche_unsent.
function flush() {
  if (pending === 0) return;
  metadata.a = answers;
  answered.add(pending);
  delete metadata.a;
  unsent.add(-pending);
  answers = "";
  pending = 0;
  flushedMs = instance.currentTestRunDuration;
}

// An answer line: "k op status lag laneWait service errorCode kind destinationId", times in whole microseconds.
function record(k, op, intendedMs, readyMs, sentMs, doneMs, status, errorCode, kind, destinationId) {
  // The line first, then one append: appending each piece would copy the growing batch every time.
  const line = k + " " + op + " " + status + " " + round((sentMs - readyMs) * 1000) + " " + round((readyMs - intendedMs) * 1000) +
    " " + round((doneMs - sentMs) * 1000) + " " + errorCode + " " + kind + " " + destinationId;
  answers = pending === 0 ? line : answers + "\\n" + line;
  pending += 1;
  if (LATENCY_BY_OP) latency.add(doneMs - intendedMs, tagsOf(opTags, "op", op));
  else latency.add(doneMs - intendedMs);
  if (sent !== null) sent.add(1, tagsOf(opTags, "op", op));
  if (kind !== "no_identity" && (status === 0 || status >= 500)) failures.add(1, tagsOf(opTags, "op", op));
  if (pending >= ANSWER_BATCH || doneMs - flushedMs >= ANSWER_FLUSH_MS) flush();
}

export default function () {
  if (done) return;
  done = true;
  if (!TOKEN) exec.test.abort("[tranche] " + TOKEN_ENV + " is not set: the destination's bearer token is read from it (as tranche run reads it); no default token is sent. Run with -e " + TOKEN_ENV + "=...");
  const lane = lanes[exec.vu.idInTest - 1];
  if (!lane) exec.test.abort("[tranche] VU " + exec.vu.idInTest + " has no lane (" + LANES + " lanes): run the script with its own options, without --vus or --iterations");
  instance = exec.instance;
  metadata = exec.vu.metrics.metadata;
  unsent.add(LANE_SIZES[exec.vu.idInTest - 1]);
  // Two parameter objects, reused: only the idempotency key and the tags change per event.
  const withBody = { headers: headers(), tags: null, timeout: TIMEOUT };
  withBody.headers["content-type"] = "application/json";
  const noBody = { headers: headers(), tags: null, timeout: TIMEOUT };
  let previousDoneMs = 0;
  const batches = lane.length;
  for (let b = 0; b < batches; b++) {
    const lines = lane[b].s.split("\\n");
    for (let j = 0; j < lines.length; j++) {
      const f = lines[j].split("\\t");
      const k = f[0];
      const intendedMs = +f[1];
      const op = f[3];
      const sub = f[4];
      const body = f[8];
      const readyMs = intendedMs > previousDoneMs ? intendedMs : previousDoneMs;
      let nowMs = instance.currentTestRunDuration;
      if (intendedMs > nowMs) {
        flush();
        sleep((intendedMs - nowMs) / 1000);
        nowMs = instance.currentTestRunDuration;
      }
      if (nowMs > DEADLINE_MS) {
        // Past maxDuration: what is left stays unsent, and the run fails on tranche_unsent.
        flush();
        return;
      }
      const activation = op === "activation";
      let id = null;
      let sentMs = nowMs;
      if (!activation) {
        id = destinationIds[sub];
        if (id === undefined) {
          id = lookUp(sub);
          sentMs = instance.currentTestRunDuration;
        }
      }
      if (!activation && !id) {
        // Its activation failed: nothing to address. Not sent, and counted as a consequence, as Tranche does.
        previousDoneMs = instance.currentTestRunDuration;
        record(k, op, intendedMs, readyMs, sentMs, previousDoneMs, 0, 0, "no_identity", "-");
        continue;
      }
      const params = body === "" ? noBody : withBody;
      if (f[7] !== "") params.headers["idempotency-key"] = f[7];
      else delete params.headers["idempotency-key"];
      params.tags = tagsOf(nameTags, "name", op);
      const url = BASE_URL + (id ? f[6].replace(ID_MARKER, id) : f[6]);
      const response = http.request(f[5], url, body === "" ? null : body, params);
      const doneMs = instance.currentTestRunDuration;
      previousDoneMs = doneMs;
      const status = response.status;
      let kind = "-";
      let destinationId = "-";
      // k6's error_code tells why there is no answer (status 0; tranche check --state reads it only then): not
      // read on a 2xx, since each read of the response crosses into Go.
      let errorCode = 0;
      if (status >= 200 && status < 300) {
        // A write's answer is the subscriber's state, with the destination's id: read on activation
        // (the id addresses later writes), looked for in the text otherwise. response.json("id") is
        // k6's Go-side selector: the top-level id of a valid JSON body, else undefined, without
        // building the whole body as JavaScript objects (a tenth of the cost).
        if (activation) {
          const newId = response.json("id");
          if (typeof newId !== "string") kind = "unparseable";
          else {
            destinationId = encodeURIComponent(newId);
            destinationIds[sub] = destinationId;
            delete absent[sub];
          }
        } else {
          const text = response.body;
          if (typeof text !== "string" || !SUBSCRIBER_ID.test(text)) kind = "unparseable";
        }
      } else {
        errorCode = response.error_code || 0;
      }
      record(k, op, intendedMs, readyMs, sentMs, doneMs, status, errorCode, kind, destinationId);
    }
  }
  flush();
}
`;
}
