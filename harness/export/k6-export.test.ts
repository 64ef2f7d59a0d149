import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parse } from "acorn";
import { describe, expect, it } from "vitest";
import { syntheticEvents } from "../../test/support/synthetic-events.ts";
import type { GateSpec } from "../gates/gate.ts";
import { constantSchedule } from "../replay/arrival-schedule.ts";
import { exportK6, type ShardEvent } from "./k6-export.ts";
import { k6ThresholdsOf } from "./k6-thresholds.ts";

const gates: GateSpec[] = [
  { id: "p99", description: "p99", expression: "p(99) < 800ms", severity: "major" },
  {
    id: "p95_act",
    description: "p95 act",
    expression: "p(95) <= 1s",
    operation: "activation",
    severity: "major",
  },
  {
    id: "errors",
    description: "errors",
    expression: "rate(errors) < 0.1%",
    severity: "blocker",
    abortOnFail: true,
    abortDelayMs: 30_000,
  },
  { id: "tput", description: "throughput", expression: "throughput >= 100/s", severity: "minor" },
  { id: "state", description: "state", expression: "state_mismatches == 0", severity: "blocker" },
  { id: "soak", description: "drift", expression: "drift(5m, p(99)) < 20%", severity: "major" },
  {
    id: "field_p99",
    description: "field-form latency gate",
    measurement: "provisioning.replay.latency_p99_ms.top_up",
    comparator: "<",
    threshold: 500,
    unit: "ms",
    severity: "major",
  },
  {
    id: "legacy",
    description: "field form",
    measurement: "events_unsent",
    comparator: "==",
    threshold: 0,
    unit: "count",
    severity: "major",
  },
];

const events = syntheticEvents(2000, 300, 8);
const files = exportK6({
  suite: "provisioning.replay",
  events,
  schedule: constantSchedule(events.length, 200),
  gates,
  lanes: 8,
  seed: 4242,
  refDate: "2026-03-01T00:00:00Z",
  harnessVersion: "0.1.0",
  configFingerprint: "abc123",
});
const file = (path: string) => files.find((f) => f.path === path)?.content ?? "";
const shards = files
  .filter((f) => f.path.startsWith("shards/"))
  .map((f) => JSON.parse(f.content) as ShardEvent[]);

describe("k6 export", () => {
  it("writes a script that parses as an ES module, with the seed in its header", () => {
    const script = file("script.js");
    expect(() => parse(script, { ecmaVersion: "latest", sourceType: "module" })).not.toThrow();
    expect(script.slice(0, 400)).toContain("seed: 4242");
    expect(script).toContain('"executor": "constant-arrival-rate"');
    expect(file("README.md")).toContain("k6-operator");
  });

  it("puts every event in exactly one shard", () => {
    expect(shards).toHaveLength(8);
    const ids = shards.flat().map((e) => e.id);
    expect(ids).toHaveLength(events.length);
    expect(new Set(ids).size).toBe(events.length);
  });

  it("keeps each subscriber in one shard, in replay order", () => {
    const laneOf = new Map<string, number>();
    shards.forEach((shard, lane) => {
      let lastK = -1;
      for (const e of shard) {
        expect(laneOf.get(e.sub) ?? lane).toBe(lane);
        laneOf.set(e.sub, lane);
        expect(e.k).toBeGreaterThan(lastK);
        lastK = e.k;
      }
    });
    expect(laneOf.size).toBe(new Set(events.map((e) => e.subscriberId)).size);
    const sizes = shards.map((s) => s.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(20);
  });

  it("translates the gates k6 can check into thresholds and lists the rest", () => {
    const script = file("script.js");
    const { thresholds, untranslated } = k6ThresholdsOf(gates);
    expect(thresholds).toEqual({
      tranche_latency: ["p(99)<800"],
      "tranche_latency{op:activation}": ["p(95)<=1000"],
      tranche_errors: [{ threshold: "rate<0.001", abortOnFail: true, delayAbortEval: "30s" }],
      tranche_events: ["rate>=100"],
      "tranche_latency{op:top_up}": ["p(99)<500"],
    });
    expect(untranslated.map((u) => u.id)).toEqual(["state", "soak", "legacy"]);
    expect(script).toContain(JSON.stringify(thresholds, null, 2).split("\n").join("\n  "));
    for (const u of untranslated) expect(file("README.md")).toContain(`\`${u.id}\``);
  });

  it("replays every lane in order when run under a stand-in for the k6 runtime", () => {
    const dir = mkdtempSync(join(tmpdir(), "tranche-k6-"));
    for (const f of files) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.content);
    }
    const body = file("script.js")
      .replace(/^import .*$/gm, "")
      .replace("export const options", "const options")
      .replace("export default function", "return function");
    const requests: Array<{ key: string; path: string }> = [];
    const vu = { idInTest: 1 };
    const runtime = {
      http: {
        request: (
          _method: string,
          url: string,
          body: string,
          params: { headers: Record<string, string> },
        ) => {
          requests.push({ key: params.headers["idempotency-key"] ?? "", path: url });
          const externalId = (JSON.parse(body) as { externalId?: string }).externalId;
          return { status: 201, json: () => ({ id: `dest-${externalId}` }) };
        },
      },
      exec: { vu, scenario: { startTime: 0 } },
      SharedArray: class {
        constructor(_name: string, load: () => unknown[]) {
          // biome-ignore lint/correctness/noConstructorReturn: k6's SharedArray is array-like
          return load();
        }
      },
      Trend: class {
        add() {}
      },
      Rate: class {
        add() {}
      },
      Counter: class {
        add() {}
      },
      open: (path: string) => readFileSync(join(dir, path), "utf8"),
      __ENV: {},
    };
    // Each VU is its own JS VM in k6: build one default function per VU.
    const makeVu = () => new Function(...Object.keys(runtime), body)(...Object.values(runtime)) as () => void;
    const vus = Array.from({ length: 8 }, makeVu);
    for (let round = 0; round < 400; round++) {
      vus.forEach((run, i) => {
        vu.idInTest = i + 1;
        run();
      });
    }
    expect(requests).toHaveLength(events.length);
    // Idempotency keys are k-<subscriber>-<n>: n must rise by one per subscriber, in request order.
    const lastN = new Map<string, number>();
    for (const r of requests) {
      const [, sub, n] = r.key.split("-");
      expect(Number(n)).toBe((lastN.get(sub as string) ?? -1) + 1);
      lastN.set(sub as string, Number(n));
    }
    // Later events of a subscriber reach the destination id learned on its activation.
    const later = requests.filter((r) => r.path.includes("/top-ups"));
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((r) => /\/v1\/subscribers\/dest-sub-\d+\/top-ups$/.test(r.path))).toBe(true);
  });
});

describe("k6 executors", () => {
  it("maps ramps and steps onto ramping-arrival-rate stages", async () => {
    const { k6ScenarioOf } = await import("./k6-script.ts");
    expect(
      k6ScenarioOf({ kind: "ramp", fromPerSec: 10, toPerSec: 100, durationSec: 60 }, 8, 100),
    ).toMatchObject({
      executor: "ramping-arrival-rate",
      startRate: 10,
      timeUnit: "1s",
      stages: [
        { target: 100, duration: "60s" },
        { target: 100, duration: "48s" },
      ],
      preAllocatedVUs: 8,
      maxVUs: 8,
    });
    const steps = k6ScenarioOf(
      {
        kind: "steps",
        steps: [
          { ratePerSec: 50, durationSec: 30 },
          { ratePerSec: 80, durationSec: 30 },
        ],
      },
      4,
      60,
    ) as { executor: string; stages: Array<{ target: number; duration: string }> };
    expect(steps.executor).toBe("ramping-arrival-rate");
    expect(steps.stages.slice(0, 4)).toEqual([
      { target: 50, duration: "0s" },
      { target: 50, duration: "30s" },
      { target: 80, duration: "0s" },
      { target: 80, duration: "30s" },
    ]);
  });
});
