/**
 * The answers of an exported k6 run, read back from the runners' `--out json` outputs and merged
 * into the replay result Tranche's own engine would have produced: the exported script writes its
 * answers in `tranche_answers` samples, whose metadata `a` holds one line per event (its index `k`,
 * operation, status, own lateness, lane wait, service time in whole microseconds, error code,
 * failure kind, destination id). Merging is by event: an event answered twice (overlapping runners,
 * the same output given twice) is bad input; an event answered by no output is unsent, and a
 * replay with unsent events is cut short — its state is never compared, so nothing k6 did not send
 * is filled in.
 */
import type { EventType, ProvisioningEvent } from "../../domain/index.ts";
import { inputError } from "../../domain/index.ts";
import type { ApplyOutcome, FailureKind } from "../adapters/index.ts";
import { createLatencyRecorder } from "../measure/latency-recorder.ts";
import {
  createReplayCollector,
  type OperationStats,
  operationStatsOf,
  timeSeriesOf,
} from "../measure/replay-stats.ts";
import type { ReplayResult } from "../replay/open-model-replay.ts";

/** One event's answer as the exported script recorded it. */
export interface K6Answer {
  /** Index of the event in the exported plan. */
  readonly k: number;
  readonly op: string;
  readonly status: number;
  /** From the intended send time to the answer (ms). */
  readonly latencyMs: number;
  /** The VU's own lateness: from when the event was ready to when it left (ms). */
  readonly lagMs: number;
  /** Wait for the lane's previous event beyond the intended time (ms). */
  readonly laneWaitMs: number;
  /** From the send to the answer (ms). */
  readonly serviceMs: number;
  /** k6's error code for a request without an answer (1050 timeout, 1212 connection refused, …). */
  readonly errorCode: number;
  /** Set by the script: `unparseable` (2xx without a subscriber id) or `no_identity` (not sent). */
  readonly kind: string | null;
  readonly destinationId: string | null;
  /** Output file and line, for messages. */
  readonly source: string;
}

const number = (value: unknown): number => (typeof value === "string" ? Number(value) : Number.NaN);
const micros = (value: string | undefined): number => {
  const n = number(value);
  return Number.isFinite(n) ? Math.max(0, n) / 1000 : 0;
};

/** The answers in one k6 `--out json` output (NDJSON text); `file` names it in errors. */
export function parseK6Output(text: string, file: string): K6Answer[] {
  const answers: K6Answer[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === "") continue;
    // Only our samples matter; k6's own metrics are skipped without parsing.
    if (!line.includes('"tranche_answers"')) continue;
    let record: { type?: unknown; metric?: unknown; data?: Record<string, unknown> };
    try {
      record = JSON.parse(line);
    } catch {
      throw inputError(
        file,
        i + 1,
        "is not JSON.",
        "Pass the files k6 wrote with --out json=FILE (.json or .json.gz).",
      );
    }
    if (record.type !== "Point" || record.metric !== "tranche_answers") continue;
    const data = record.data ?? {};
    const meta = (data.metadata ?? {}) as Record<string, unknown>;
    const bad = () =>
      inputError(
        file,
        i + 1,
        'a tranche_answers sample without the answers (metadata "a", one line per event, as many as its value) of a Tranche-exported script.',
        "Run the script.js that `tranche export k6` wrote, unchanged.",
      );
    if (typeof meta.a !== "string") throw bad();
    const rows = meta.a.split("\n");
    if (data.value !== rows.length) throw bad();
    for (const row of rows) {
      // "k op status lag laneWait service errorCode kind destinationId" (see k6-script.ts).
      const fields = row.split(" ");
      const k = number(fields[0]);
      const status = number(fields[2]);
      if (fields.length !== 9 || !Number.isInteger(k) || k < 0 || !Number.isInteger(status)) throw bad();
      let destinationId: string | null = null;
      if (fields[8] !== "-") {
        try {
          destinationId = decodeURIComponent(fields[8] as string);
        } catch {
          throw bad();
        }
      }
      const lagMs = micros(fields[3]);
      const laneWaitMs = micros(fields[4]);
      const serviceMs = micros(fields[5]);
      const kind = fields[7] as string;
      const errorCode = number(fields[6]);
      answers.push({
        k,
        op: fields[1] as string,
        status,
        latencyMs: laneWaitMs + lagMs + serviceMs,
        lagMs,
        laneWaitMs,
        serviceMs,
        errorCode: Number.isFinite(errorCode) ? errorCode : 0,
        kind: kind === "-" ? null : kind,
        destinationId,
        source: `${file} line ${i + 1}`,
      });
    }
  }
  return answers;
}

/** Merges the outputs' answers by event index; an event answered twice or not of this plan is bad input. */
export function mergeK6Answers(
  outputs: ReadonlyArray<readonly K6Answer[]>,
  events: readonly ProvisioningEvent[],
): Array<K6Answer | undefined> {
  const byK = new Array<K6Answer | undefined>(events.length);
  for (const answers of outputs) {
    for (const answer of answers) {
      const event = events[answer.k];
      if (!event || event.type !== answer.op) {
        const [file, line] = answer.source.split(" line ");
        throw inputError(
          file as string,
          Number(line),
          `event ${answer.k} (${answer.op}) is not event ${answer.k} of this export (${event ? event.type : `it has ${events.length} events`}).`,
          "Check the outputs against the export they were run from (same seed, config and target).",
        );
      }
      const earlier = byK[answer.k];
      if (earlier) {
        const [file, line] = answer.source.split(" line ");
        throw inputError(
          file as string,
          Number(line),
          `event ${answer.k} is answered twice (also at ${earlier.source}).`,
          "Give each runner's output once; runners must use distinct execution segments.",
        );
      }
      byK[answer.k] = answer;
    }
  }
  return byK;
}

/** The failure an answer stands for, in the terms of Tranche's adapter. */
export function failureOf(answer: K6Answer): { kind: FailureKind; message: string } | undefined {
  if (answer.kind === "no_identity") {
    return {
      kind: "no_identity",
      message: "not sent: the destination has no subscriber with this externalId (its activation failed)",
    };
  }
  if (answer.status === 0) {
    const code = answer.errorCode;
    const kind: FailureKind =
      code === 1050 || code === 1211 ? "timeout" : code === 1212 || code === 1210 ? "refused" : "reset";
    return { kind, message: `k6 error_code ${code || "unknown"}` };
  }
  if (answer.status >= 500) return { kind: "http_5xx", message: `HTTP ${answer.status}` };
  if (answer.status >= 400) return { kind: "http_4xx", message: `HTTP ${answer.status}` };
  if (answer.kind === "unparseable") {
    return { kind: "unparseable", message: "a 2xx answer without the subscriber's id" };
  }
  return undefined;
}

export interface K6ReplayOptions {
  readonly windowMs?: number;
  readonly lateThresholdMs?: number;
  /** Lane of each event (k → lane), to name the lanes whose events went unanswered. */
  readonly laneOf?: ReadonlyMap<number, number>;
}

/**
 * The replay result of a k6 run, built from the merged answers as Tranche's engine builds its own:
 * latency from intended send time per operation and window, the VU's own lateness as schedule and
 * harness lag, lane waits as ordering waits, identities from activations, every answer as the
 * outcome the shadow model judges. Events without an answer are unsent, and the replay is marked
 * stopped with the reason.
 */
export function replayResultOfK6(
  events: readonly ProvisioningEvent[],
  schedule: Float64Array,
  answers: ReadonlyArray<K6Answer | undefined>,
  options: K6ReplayOptions = {},
): ReplayResult {
  const n = events.length;
  const lateThresholdMs = options.lateThresholdMs ?? 10;
  const collector = createReplayCollector(options.windowMs);
  const overall = createLatencyRecorder();
  const lag = createLatencyRecorder();
  const orderingWait = createLatencyRecorder();
  const identities = new Map<string, string>();
  const outcomes = new Map<string, ApplyOutcome>();
  for (const event of events) collector.operation(event.type).planned++;
  // Completion order, as Tranche's engine sees completions (examples and identities follow it).
  const done = answers
    .filter((a): a is K6Answer => a !== undefined)
    .map((a) => ({ a, atMs: (schedule[a.k] as number) + a.latencyMs }))
    .sort((x, y) => x.atMs - y.atMs || x.a.k - y.a.k);
  let late = 0;
  let durationMs = 0;
  for (const { a, atMs } of done) {
    const event = events[a.k] as ProvisioningEvent;
    const op = collector.operation(event.type);
    op.sent++;
    lag.record(a.lagMs);
    if (a.lagMs > lateThresholdMs) {
      late++;
      op.late++;
    }
    if (a.laneWaitMs > 0) orderingWait.record(a.laneWaitMs);
    overall.record(a.latencyMs);
    const failure = failureOf(a);
    collector.complete(op, event.id, atMs, a.latencyMs, a.serviceMs, failure);
    const outcome: ApplyOutcome = {
      status: a.status,
      ...(a.destinationId ? { destinationId: a.destinationId } : {}),
      ...(failure ? { failure } : {}),
    };
    outcomes.set(event.id, outcome);
    if (!failure && a.destinationId) identities.set(event.subscriberId, a.destinationId);
    durationMs = Math.max(durationMs, atMs);
  }
  const sent = done.length;
  const unsent = n - sent;
  let abortReason: string | null = null;
  if (unsent > 0) {
    const lanes = new Set<number>();
    for (let k = 0; k < n; k++) if (!answers[k]) lanes.add(options.laneOf?.get(k) ?? -1);
    const named = [...lanes].filter((l) => l >= 0).sort((x, y) => x - y);
    abortReason = `the k6 outputs answer ${sent} of ${n} events; ${unsent} were never sent${
      named.length > 0
        ? ` (lanes ${named.slice(0, 10).join(", ")}${named.length > 10 ? ", …" : ""}: a runner's output missing, or k6 stopped before sending them)`
        : ""
    }`;
  }
  const harnessLag = lag.summary();
  return {
    total: n,
    sent,
    completed: sent,
    unsent,
    late,
    lateThresholdMs,
    aborted: unsent > 0,
    interrupted: 0,
    abortReason,
    durationMs,
    achievedRatePerSec: durationMs > 0 ? (sent * 1000) / durationMs : 0,
    schedule,
    operations: operationStatsOf(collector) as Partial<Record<EventType, OperationStats>>,
    latency: overall.summary(),
    scheduleLag: harnessLag,
    harnessLag,
    // k6 runs no Node event loop; its own lateness is the lag above.
    eventLoopDelay: { p99Ms: 0, maxMs: 0 },
    orderingWait: orderingWait.summary(),
    timeSeries: timeSeriesOf(collector, durationMs),
    collector,
    identities,
    outcomes,
  };
}
