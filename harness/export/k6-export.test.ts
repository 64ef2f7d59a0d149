import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parse } from "acorn";
import { describe, expect, it } from "vitest";
import { syntheticEvents } from "../../test/support/synthetic-events.ts";
import type { GateSpec } from "../gates/gate.ts";
import { constantSchedule } from "../replay/arrival-schedule.ts";
import { exportK6, parseShardText, SHARD_BATCH, type ShardEvent, shardTextOf } from "./k6-export.ts";
import { k6ScenarioOf } from "./k6-script.ts";
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
  // Scoped to an operation: k6's requests carry it as `name`, Tranche's own metrics as `op`.
  {
    id: "errors_top_up",
    description: "top-up errors",
    expression: "rate(errors) < 1%",
    operation: "top_up",
    severity: "major",
  },
  {
    id: "failures_act",
    description: "activation failures",
    expression: "count(errors) == 0",
    operation: "activation",
    severity: "major",
  },
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
const input = {
  suite: "provisioning.replay",
  events,
  schedule: constantSchedule(events.length, 200),
  gates,
  lanes: 8,
  baseUrl: "http://destination:8080",
  tokenEnv: "TRANCHE_TARGET_TOKEN",
  seed: 4242,
  refDate: "2026-03-01T00:00:00Z",
  harnessVersion: "0.1.0",
  configFingerprint: "abc123",
  flags: { target: "http://destination:8080", seed: "4242" },
};
const files = exportK6(input);
const file = (path: string) => files.find((f) => f.path === path)?.content ?? "";
const shards = files.filter((f) => f.path.startsWith("shards/")).map((f) => parseShardText(f.content));

describe("k6 export", () => {
  it("writes a script that parses as an ES module, with the seed in its header", () => {
    const script = file("script.js");
    expect(() => parse(script, { ecmaVersion: "latest", sourceType: "module" })).not.toThrow();
    expect(script.slice(0, 400)).toContain("seed: 4242");
    expect(script.slice(0, 600)).toContain("target: http://destination:8080");
    expect(script).toContain('"executor": "per-vu-iterations"');
    expect(file("README.md")).toContain("k6-operator");
  });

  it("paces one VU per lane over the schedule: maxDuration from the last send plus the drain", () => {
    const lastMs = input.schedule[input.schedule.length - 1] as number;
    const deadlineS = Math.ceil((lastMs + 30_000) / 1000);
    expect(k6ScenarioOf({ lanes: 8, lastSendMs: lastMs, drainMs: 30_000, timeoutMs: 10_000 })).toEqual({
      executor: "per-vu-iterations",
      vus: 8,
      iterations: 1,
      maxDuration: `${deadlineS}s`,
      gracefulStop: "15s",
    });
    const script = file("script.js");
    expect(script).toContain('"iterations": 1');
    // The script's own deadline is maxDuration: no event starts after it.
    expect(script).toContain(`const DEADLINE_MS = ${deadlineS * 1000};`);
    expect(script).toContain(`const LANE_SIZES = ${JSON.stringify(shards.map((s) => s.length))};`);
  });

  it("stores a shard as batches of tab-separated lines that read back to the same events", () => {
    const text = file("shards/lane-000.json");
    const batches = JSON.parse(text) as Array<{ s: string }>;
    expect(batches.length).toBe(Math.ceil((shards[0] as ShardEvent[]).length / SHARD_BATCH));
    expect(batches.every((b) => b.s.split("\n").length <= SHARD_BATCH)).toBe(true);
    expect(shardTextOf(parseShardText(text))).toBe(text);
    const event = (shards[0] as ShardEvent[])[0] as ShardEvent;
    expect(() => shardTextOf([{ ...event, key: "k\t1" }])).toThrow(/its key holds a tab or line break/);
    expect(() => shardTextOf([{ ...event, sub: "s\n1" }])).toThrow(/its sub holds a tab or line break/);
  });

  it("is the same files for the same input, with the plan's digest in the manifest", () => {
    expect(exportK6(input)).toEqual(files);
    const manifest = JSON.parse(file("tranche-export.json")) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      kind: "tranche-k6-export",
      suite: "provisioning.replay",
      configFingerprint: "abc123",
      target: "http://destination:8080",
      tokenEnv: "TRANCHE_TARGET_TOKEN",
      events: events.length,
      lanes: 8,
      segments: 1,
      flags: input.flags,
    });
    expect(manifest.planDigest).toMatch(/^[0-9a-f]{64}$/);
    const other = exportK6({ ...input, schedule: constantSchedule(events.length, 300) });
    expect(
      JSON.parse(other.find((f) => f.path === "tranche-export.json")?.content ?? "{}").planDigest,
    ).not.toBe(manifest.planDigest);
  });

  it("reads the token from the run's token variable and never falls back to a default", () => {
    const script = file("script.js");
    expect(script).toContain('const TOKEN_ENV = "TRANCHE_TARGET_TOKEN";');
    expect(script).not.toContain("reference-bss-token");
    const custom = exportK6({ ...input, tokenEnv: "BSS_TOKEN" });
    expect(custom.find((f) => f.path === "script.js")?.content).toContain('const TOKEN_ENV = "BSS_TOKEN";');
    expect(custom.find((f) => f.path === "k8s/testrun.yaml")?.content).toContain("- name: BSS_TOKEN");
  });

  it("writes k6-operator manifests that load the export from a volume, not a ConfigMap", () => {
    const testRun = file("k8s/testrun.yaml");
    expect(testRun).toContain("kind: TestRun");
    expect(testRun).toContain("volumeClaim:");
    expect(testRun).toContain("file: tranche.tar");
    expect(testRun).toContain("secretKeyRef");
    expect(testRun).toContain("value: json=/results/$(POD_NAME).json.gz");
    for (const f of files) expect(f.content).not.toMatch(/configMap:|kind: ConfigMap/);
    expect(file("README.md")).toContain("tranche check --state");
  });

  it("splits into execution segments: one command per runner, and only thresholds that hold per runner", () => {
    const split = exportK6({ ...input, segments: 3 });
    const readme = split.find((f) => f.path === "README.md")?.content ?? "";
    expect(readme).toContain("--execution-segment 0:1/3 --execution-segment-sequence 0,1/3,2/3,1");
    expect(readme).toContain("--execution-segment 2/3:1 --execution-segment-sequence 0,1/3,2/3,1");
    expect(split.find((f) => f.path === "k8s/testrun.yaml")?.content).toContain("parallelism: 3");
    const translated = JSON.parse(split.find((f) => f.path === "thresholds.json")?.content ?? "{}") as {
      thresholds: Record<string, unknown>;
      untranslated: Array<{ id: string }>;
    };
    expect(translated.thresholds.tranche_events).toBeUndefined();
    expect(translated.untranslated.map((u) => u.id)).toContain("tput");
    expect(translated.thresholds.tranche_latency).toEqual(["p(99)<800"]);
    expect(() => exportK6({ ...input, segments: 9 })).toThrow(/more than the 8 lanes/);
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
      http_req_failed: [{ threshold: "rate<0.001", abortOnFail: true, delayAbortEval: "30s" }],
      tranche_events: ["rate>=100"],
      "http_req_failed{name:top_up}": ["rate<0.01"],
      "tranche_failures{op:activation}": ["count==0"],
      "tranche_latency{op:top_up}": ["p(99)<500"],
      // Always: every event answered, no iteration dropped at maxDuration.
      tranche_unsent: ["count==0"],
      dropped_iterations: ["count==0"],
    });
    expect(untranslated.map((u) => u.id)).toEqual(["state", "soak", "legacy"]);
    expect(script).toContain(JSON.stringify(thresholds, null, 2).split("\n").join("\n  "));
    for (const u of untranslated) expect(file("README.md")).toContain(`\`${u.id}\``);
  });
});

/** A stand-in for the k6 runtime, one per VU (each VU is its own JS VM in k6), with its own clock. */
function standInVu(
  dir: string,
  vuId: number,
  http: (
    method: string,
    url: string,
    body: string | null,
    headers: Record<string, string>,
    atMs: number,
  ) => {
    status: number;
    body: unknown;
    /** Service time of this request on the VU's clock (ms; default 2). */
    tookMs?: number;
  },
  env: Record<string, string> = { TRANCHE_TARGET_TOKEN: "t0ken" },
) {
  let clockMs = 0;
  const samples: Array<{
    metric: string;
    value: number;
    metadata: Record<string, string>;
    tags?: Record<string, string>;
  }> = [];
  const metadata: Record<string, string> = {};
  const vu = { idInTest: vuId, metrics: { metadata } };
  const metric = (name: string) =>
    class {
      add(value: number | boolean, tags?: Record<string, string>) {
        samples.push({ metric: name, value: Number(value), metadata: { ...metadata }, tags });
      }
    };
  let expected: { min: number; max: number } | null = null;
  const respond = (
    method: string,
    url: string,
    body: string | null,
    params: { headers: Record<string, string>; responseCallback?: { min: number; max: number } | null },
  ) => {
    const answer = http(method, url, body, params.headers, clockMs);
    clockMs += answer.tookMs ?? 2;
    // k6 emits http_req_failed only for a request a response callback applies to: the request's own, else the global one.
    const callback = "responseCallback" in params ? params.responseCallback : expected;
    if (callback)
      samples.push({
        metric: "http_req_failed",
        value: Number(answer.status < callback.min || answer.status > callback.max),
        metadata: { ...metadata },
        tags: { url },
      });
    return {
      status: answer.status,
      error_code: 0,
      body: JSON.stringify(answer.body),
      // json(selector) is k6's Go-side selector: a top-level key of the body.
      json: (selector?: string) =>
        selector === undefined ? answer.body : (answer.body as Record<string, unknown> | null)?.[selector],
    };
  };
  const runtime = {
    http: {
      request: respond,
      get: (url: string, params: { headers: Record<string, string> }) => respond("GET", url, null, params),
      expectedStatuses: (range: { min: number; max: number }) => range,
      setResponseCallback: (callback: { min: number; max: number }) => {
        expect(callback).toEqual({ min: 200, max: 499 });
        expected = callback;
      },
    },
    exec: {
      vu,
      instance: {
        get currentTestRunDuration() {
          return clockMs;
        },
      },
      test: {
        abort: (reason: string) => {
          throw new Error(reason);
        },
      },
    },
    sleep: (seconds: number) => {
      clockMs += seconds * 1000;
    },
    SharedArray: class {
      constructor(_name: string, load: () => unknown[]) {
        // biome-ignore lint/correctness/noConstructorReturn: k6's SharedArray is array-like
        return load();
      }
    },
    Trend: metric("tranche_latency"),
    Counter: class {
      readonly name: string;
      constructor(name: string) {
        this.name = name;
      }
      add(value: number) {
        samples.push({ metric: this.name, value, metadata: { ...metadata } });
      }
    },
    open: (path: string) => readFileSync(join(dir, path), "utf8"),
    __ENV: env,
  };
  const body = readFileSync(join(dir, "script.js"), "utf8")
    .replace(/^import .*$/gm, "")
    .replace("export const options", "const options")
    .replace("export default function", "return function");
  const iteration = new Function(...Object.keys(runtime), body)(...Object.values(runtime)) as () => void;
  return {
    samples,
    /** The VU's one iteration, then a second that must do nothing. */
    run() {
      iteration();
      iteration();
    },
    /** The answer lines the VU wrote, in order. */
    answers(): string[] {
      return samples
        .filter((s) => s.metric === "tranche_answers")
        .flatMap((s) => (s.metadata.a ?? "").split("\n"));
    },
  };
}

describe("the exported script under a stand-in for the k6 runtime", () => {
  const dir = mkdtempSync(join(tmpdir(), "tranche-k6-"));
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.content);
  }

  it("sends every event of its lane at or after its intended time, in order, and records each answer", () => {
    const requests: Array<{ key: string; url: string; atMs: number; auth: string }> = [];
    const vus = Array.from({ length: 8 }, (_, i) =>
      standInVu(dir, i + 1, (_method, url, body, headers, atMs) => {
        requests.push({
          key: headers["idempotency-key"] ?? "",
          url,
          atMs,
          auth: headers.authorization ?? "",
        });
        const externalId = (JSON.parse(body ?? "{}") as { externalId?: string }).externalId;
        return { status: 201, body: { id: externalId ? `dest-${externalId}` : url.split("/")[5] } };
      }),
    );
    for (const vu of vus) vu.run();
    expect(requests).toHaveLength(events.length);
    expect(requests.every((r) => r.auth === "Bearer t0ken")).toBe(true);
    // Idempotency keys are k-<subscriber>-<n>: n must rise by one per subscriber, in request order.
    const lastN = new Map<string, number>();
    for (const r of requests) {
      const [, sub, n] = r.key.split("-");
      expect(Number(n)).toBe((lastN.get(sub as string) ?? -1) + 1);
      lastN.set(sub as string, Number(n));
    }
    // Later events of a subscriber reach the destination id learned on its activation.
    const later = requests.filter((r) => r.url.includes("/top-ups"));
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((r) => /\/v1\/subscribers\/dest-sub-\d+\/top-ups$/.test(r.url))).toBe(true);
    // Every event's answer is written once, in a tranche_answers sample, beside its latency sample.
    const byK = new Map(shards.flat().map((e) => [e.k, e]));
    const samples = vus.flatMap((v) => v.samples);
    expect(vus.flatMap((v) => v.answers())).toHaveLength(events.length);
    for (const vu of vus) {
      const latency = vu.samples.filter((s) => s.metric === "tranche_latency");
      const answers = vu.answers();
      expect(latency).toHaveLength(answers.length);
      answers.forEach((line, i) => {
        const [k, op, status, , , service] = line.split(" ");
        expect(byK.get(Number(k))?.op).toBe(op);
        expect(status).toBe("201");
        expect(Number(service)).toBeGreaterThan(0);
        // Latency from the intended time covers at least the service time (µs in the answer).
        expect(latency[i]?.value).toBeGreaterThanOrEqual(Number(service) / 1000);
        // A threshold reads latency per operation (tranche_latency{op:activation}): each sample carries its op.
        expect(latency[i]?.tags).toEqual({ op });
      });
    }
    const sum = (metric: string) =>
      samples.filter((s) => s.metric === metric).reduce((a, s) => a + s.value, 0);
    expect(sum("tranche_answers")).toBe(events.length);
    expect(sum("tranche_unsent")).toBe(0);
    // A batch holds at most 32 answers.
    const batches = samples.filter((s) => s.metric === "tranche_answers");
    expect(batches.every((s) => s.value <= 32 && s.value === (s.metadata.a ?? "").split("\n").length)).toBe(
      true,
    );
    // No metadata leaks onto other samples.
    expect(
      samples
        .filter((s) => s.metric !== "tranche_answers")
        .every((s) => Object.keys(s.metadata).length === 0),
    ).toBe(true);
  });

  it("waits for each event's intended time: a lane's sends follow the schedule", () => {
    const sends: Array<{ atMs: number; key: string }> = [];
    const vu = standInVu(dir, 1, (_m, url, body, headers, atMs) => {
      sends.push({ atMs, key: headers["idempotency-key"] ?? "" });
      const externalId = (JSON.parse(body ?? "{}") as { externalId?: string }).externalId;
      return { status: 200, body: { id: externalId ? `dest-${externalId}` : url.split("/")[5] } };
    });
    vu.run();
    const lane = shards[0] as ShardEvent[];
    expect(sends).toHaveLength(lane.length);
    sends.forEach((s, i) => {
      expect(s.key).toBe(lane[i]?.key);
      expect(s.atMs).toBeGreaterThanOrEqual((lane[i] as ShardEvent).t - 1e-9);
    });
  });

  it("leaves latency samples untagged when no threshold reads latency per operation", () => {
    const untaggedDir = mkdtempSync(join(tmpdir(), "tranche-k6-untagged-"));
    const globalOnly = gates.filter((g) => g.id !== "p95_act" && g.id !== "field_p99");
    for (const f of exportK6({ ...input, gates: globalOnly })) {
      mkdirSync(dirname(join(untaggedDir, f.path)), { recursive: true });
      writeFileSync(join(untaggedDir, f.path), f.content);
    }
    const vu = standInVu(untaggedDir, 1, (_m, url, body) => {
      const externalId = (JSON.parse(body ?? "{}") as { externalId?: string }).externalId;
      return { status: 200, body: { id: externalId ? `dest-${externalId}` : url.split("/")[5] } };
    });
    vu.run();
    const latency = vu.samples.filter((s) => s.metric === "tranche_latency");
    expect(latency).toHaveLength((shards[0] as ShardEvent[]).length);
    expect(latency.every((s) => s.tags === undefined)).toBe(true);
    // The answers still carry each event's operation.
    expect(vu.answers().every((line) => line.split(" ")[1] !== "")).toBe(true);
  });

  it("does not send a write whose activation failed: it is recorded as a consequence", () => {
    const sent: string[] = [];
    const vu = standInVu(dir, 1, (method, url) => {
      sent.push(`${method} ${url}`);
      if (method === "GET") return { status: 200, body: { items: [] } };
      return { status: url.endsWith("/v1/subscribers") ? 503 : 200, body: { id: "x" } };
    });
    vu.run();
    const lane = shards[0] as ShardEvent[];
    expect(sent.filter((s) => s.startsWith("POST")).length).toBe(
      lane.filter((e) => e.op === "activation").length,
    );
    const answers = vu.answers();
    expect(answers).toHaveLength(lane.length);
    const notSent = answers.filter((line) => line.split(" ")[7] === "no_identity");
    expect(notSent.length).toBe(lane.filter((e) => e.op !== "activation").length);
  });

  it("counts events, not the lookups made for them, in k6's http_req_failed", () => {
    const sent: string[] = [];
    const vu = standInVu(dir, 1, (method, url) => {
      sent.push(url);
      // Every activation fails, so each later write looks its subscriber up first, and every lookup fails too.
      if (method === "GET") return { status: 500, body: null };
      return { status: url.endsWith("/v1/subscribers") ? 503 : 200, body: { id: "x" } };
    });
    vu.run();
    const lookups = sent.filter((url) => url.includes("?externalId="));
    expect(lookups.length).toBeGreaterThan(0);
    const failed = vu.samples.filter((s) => s.metric === "http_req_failed");
    // One sample per event sent (the activations, each an error), none for a lookup.
    expect(failed.map((s) => s.tags?.url)).toEqual(sent.filter((url) => !url.includes("?externalId=")));
    expect(failed.every((s) => s.value === 1)).toBe(true);
  });

  it("starts no event after the deadline: the rest stays unsent, the answers of what was sent are written", () => {
    const lane = shards[0] as ShardEvent[];
    const lastMs = input.schedule[input.schedule.length - 1] as number;
    const deadlineMs = Math.ceil((lastMs + 30_000) / 1000) * 1000;
    const sends: number[] = [];
    const vu = standInVu(dir, 1, (_m, url, body, _h, atMs) => {
      sends.push(atMs);
      const externalId = (JSON.parse(body ?? "{}") as { externalId?: string }).externalId;
      return {
        status: 200,
        body: { id: externalId ? `dest-${externalId}` : url.split("/")[5] },
        tookMs: 5000,
      };
    });
    vu.run();
    expect(sends.length).toBeGreaterThan(0);
    expect(sends.length).toBeLessThan(lane.length);
    expect(sends.every((atMs) => atMs <= deadlineMs)).toBe(true);
    expect(vu.answers()).toHaveLength(sends.length);
    const unsent = vu.samples.filter((s) => s.metric === "tranche_unsent").reduce((a, s) => a + s.value, 0);
    expect(unsent).toBe(lane.length - sends.length);
  });

  it("stops before its first request without the token variable", () => {
    const sent: string[] = [];
    const vu = standInVu(
      dir,
      1,
      (_m, url) => {
        sent.push(url);
        return { status: 200, body: {} };
      },
      {},
    );
    expect(() => vu.run()).toThrow(/TRANCHE_TARGET_TOKEN is not set/);
    expect(sent).toEqual([]);
  });
});
