import { describe, expect, it } from "vitest";
import { syntheticEvents } from "../../test/support/synthetic-events.ts";
import { constantSchedule } from "../replay/arrival-schedule.ts";
import { failureOf, type K6Answer, mergeK6Answers, parseK6Output, replayResultOfK6 } from "./k6-results.ts";

const events = syntheticEvents(40, 10, 3);
const schedule = constantSchedule(events.length, 100);

/** One answer line as the exported script writes it for event k (times in microseconds). */
function row(k: number, answer: Record<string, string> = {}, op: string = events[k]?.type ?? ""): string {
  const a = { st: "200", g: "250", w: "10250", svc: "2000", e: "0", f: "-", d: "-", ...answer };
  return [k, op, a.st, a.g, a.w, a.svc, a.e, a.f, a.d].join(" ");
}

/** One line of k6 --out json: a tranche_answers sample carrying these answer lines. */
function sample(rows: string[], value = rows.length): string {
  return JSON.stringify({
    metric: "tranche_answers",
    type: "Point",
    data: {
      time: "2026-12-02T00:00:00.000000001Z",
      value,
      tags: { scenario: "replay" },
      metadata: { a: rows.join("\n") },
    },
  });
}

const point = (k: number, answer: Record<string, string> = {}) => sample([row(k, answer)]);

const metricLine = JSON.stringify({
  type: "Metric",
  data: { name: "tranche_answers" },
  metric: "tranche_answers",
});
const otherPoint = JSON.stringify({ metric: "http_reqs", type: "Point", data: { value: 1, tags: {} } });

describe("k6 outputs", () => {
  it("reads every answer line of each tranche_answers sample and skips everything else", () => {
    const text = [
      metricLine,
      otherPoint,
      sample([row(0, { st: "201", d: "dest%201" }), row(3, { st: "409" })]),
      point(4),
      "",
    ].join("\n");
    const answers = parseK6Output(text, "a.json");
    expect(answers.map((a) => [a.k, a.status, a.destinationId])).toEqual([
      [0, 201, "dest 1"],
      [3, 409, null],
      [4, 200, null],
    ]);
    // Latency from the intended time: lane wait + own lateness + service.
    expect(answers[0]).toMatchObject({
      latencyMs: 12.5,
      lagMs: 0.25,
      laneWaitMs: 10.25,
      serviceMs: 2,
      source: "a.json line 3",
    });
    expect(answers[2]?.source).toBe("a.json line 4");
  });

  it("names file and line of a sample that is not JSON or lacks the answers", () => {
    expect(() => parseK6Output(`${point(0)}\n{"metric":"tranche_answers",`, "b.json")).toThrow(
      "could not read b.json line 2: is not JSON.",
    );
    const bare = JSON.stringify({
      metric: "tranche_answers",
      type: "Point",
      data: { value: 1, tags: {} },
    });
    expect(() => parseK6Output(bare, "c.json")).toThrow(/c\.json line 1: a tranche_answers sample without/);
    // As many lines as the sample's value, each with all nine fields.
    expect(() => parseK6Output(sample([row(0), row(1)], 3), "d.json")).toThrow(/d\.json line 1/);
    expect(() => parseK6Output(sample(["0 activation 200 1 2"]), "e.json")).toThrow(/e\.json line 1/);
  });

  it("merges runners by event and refuses an event answered twice or not of this plan", () => {
    const a = parseK6Output([point(0), point(1)].join("\n"), "a.json");
    const b = parseK6Output([point(2)].join("\n"), "b.json");
    const merged = mergeK6Answers([a, b], events);
    expect(merged.filter(Boolean)).toHaveLength(3);
    expect(() => mergeK6Answers([a, parseK6Output(point(1), "c.json")], events)).toThrow(
      "could not read c.json line 1: event 1 is answered twice (also at a.json line 2).",
    );
    const wrongOp = sample([row(5, {}, "nope")]);
    expect(() => mergeK6Answers([parseK6Output(wrongOp, "d.json")], events)).toThrow(
      /is not event 5 of this export/,
    );
  });

  it("maps answers to the failure kinds Tranche's adapter reports", () => {
    const base: K6Answer = {
      k: 0,
      op: "activation",
      status: 200,
      latencyMs: 1,
      lagMs: 0,
      laneWaitMs: 0,
      serviceMs: 1,
      errorCode: 0,
      kind: null,
      destinationId: null,
      source: "x",
    };
    expect(failureOf(base)).toBeUndefined();
    expect(failureOf({ ...base, status: 503 })?.kind).toBe("http_5xx");
    expect(failureOf({ ...base, status: 422 })?.kind).toBe("http_4xx");
    expect(failureOf({ ...base, status: 0, errorCode: 1050 })?.kind).toBe("timeout");
    expect(failureOf({ ...base, status: 0, errorCode: 1212 })?.kind).toBe("refused");
    expect(failureOf({ ...base, status: 0, errorCode: 1220 })?.kind).toBe("reset");
    expect(failureOf({ ...base, kind: "unparseable" })?.kind).toBe("unparseable");
    expect(failureOf({ ...base, status: 0, kind: "no_identity" })?.kind).toBe("no_identity");
  });

  it("builds the replay result: every answer an outcome, identities, latency, lag, throughput over the replay window", () => {
    const lines = events.map((e, k) =>
      point(
        k,
        e.type === "activation"
          ? { st: "201", d: `dest-${e.subscriberId}` }
          : { g: k === 7 ? "25000" : "250" },
      ),
    );
    const replay = replayResultOfK6(
      events,
      schedule,
      mergeK6Answers([parseK6Output(lines.join("\n"), "o")], events),
    );
    expect(replay).toMatchObject({
      total: 40,
      sent: 40,
      unsent: 0,
      aborted: false,
      abortReason: null,
      late: 1,
    });
    expect(replay.outcomes.size).toBe(40);
    expect(replay.identities.get(events[0]?.subscriberId as string)).toBe(`dest-${events[0]?.subscriberId}`);
    expect(replay.latency.count).toBe(40);
    const lastMs = (schedule[39] as number) + 12.5;
    expect(replay.durationMs).toBeCloseTo(lastMs, 6);
    expect(replay.achievedRatePerSec).toBeCloseTo((40 * 1000) / lastMs, 6);
  });

  it("marks a replay with unanswered events as stopped, naming the lanes: its state is never filled in", () => {
    const lines = events.slice(0, 30).map((_, k) => point(k));
    const laneOf = new Map(events.map((_, k) => [k, k % 4]));
    const replay = replayResultOfK6(
      events,
      schedule,
      mergeK6Answers([parseK6Output(lines.join("\n"), "o")], events),
      {
        laneOf,
      },
    );
    expect(replay).toMatchObject({ sent: 30, unsent: 10, aborted: true });
    expect(replay.abortReason).toContain("answer 30 of 40 events; 10 were never sent (lanes 0, 1, 2, 3");
  });
});
