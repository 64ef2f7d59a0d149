/**
 * `npm run bench:k6`: side by side in one run, against one minimal loopback server (64 in flight
 * each): Tranche's replay engine (load-only adapter), autocannon, a real k6 with its own
 * `constant-arrival-rate` executor repeating one request (with and without `--out json`), and the
 * exported paced script of 60,000 events (one VU per lane, every event due at once so each lane
 * runs flat out, with a latency and an error-rate threshold as a readiness export has, answers
 * recorded with `--out json` as `tranche check --state` needs them, and without the output). Each
 * figure is the best of ROUNDS runs (the machine is shared).
 *
 * The k6 binary is found as the tests find it (TRANCHE_K6, ../shared/tools/k6/k6, k6 on PATH);
 * without one the k6 figures are null and say so.
 *
 * Prints figures to stderr and, as its LAST line, one JSON object:
 *   {"replay_rps":…, "autocannon_rps":…, "k6_constant_rate_rps":…, "k6_constant_rate_out_rps":…,
 *    "k6_export_rps":…, "k6_export_no_out_rps":…, "export_vs_k6":…, "export_no_out_vs_k6":…, "export_vs_k6_out":…}
 * Figures depend on the machine and on what else runs on it; no test asserts on them.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import autocannon from "autocannon";
import { exportK6 } from "../harness/export/k6-export.ts";
import type { GateSpec } from "../harness/gates/gate.ts";
import { constantSchedule } from "../harness/replay/arrival-schedule.ts";
import { createLoadAdapter } from "../harness/replay/load-adapter.ts";
import { replayEvents } from "../harness/replay/open-model-replay.ts";
import { locateK6, runK6 } from "../test/support/k6-binary.ts";
import { startStallingServer } from "../test/support/stalling-server.ts";
import { syntheticEvents } from "../test/support/synthetic-events.ts";
import { SAMPLE } from "./sample-request.ts";

const CONNECTIONS = 64;
const SECONDS = 5;
const ROUNDS = 3;
const EXPORT_EVENTS = 60_000;
const BENCH_GATES: GateSpec[] = [
  // Every event is due at once here, so latency from the intended time spans the whole run: a bound it holds.
  { id: "p99", description: "p99 latency", expression: "p(99) < 10m", severity: "major" },
  { id: "errors", description: "errors", expression: "rate(errors) < 0.1%", severity: "blocker" },
];

const log = (line: string) => process.stderr.write(`[bench:k6] ${line}\n`);
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

async function trancheRps(url: string, count: number): Promise<number> {
  const events = syntheticEvents(count, count);
  const adapter = createLoadAdapter({ baseUrl: url, token: "t", connections: CONNECTIONS });
  try {
    const result = await replayEvents(events, adapter, { ratePerSec: 1e9, concurrency: CONNECTIONS });
    return (result.completed * 1000) / result.durationMs;
  } finally {
    await adapter.close();
  }
}

async function autocannonRps(url: string): Promise<number> {
  const result = (await autocannon({
    url: `${url}${SAMPLE.path}`,
    method: SAMPLE.method as "POST",
    headers: SAMPLE.headers,
    body: SAMPLE.body,
    connections: CONNECTIONS,
    duration: SECONDS,
  })) as unknown as { requests: { total: number }; duration: number };
  return result.requests.total / result.duration;
}

/** k6's own constant-arrival-rate at `rate`/s with 64 VUs: the rate it achieved (http_reqs/s), with or without `--out json`. */
async function k6ConstantRate(
  k6: string,
  url: string,
  rate: number,
  dir: string,
  out: boolean,
): Promise<number> {
  const script = join(dir, "constant-rate.js");
  writeFileSync(
    script,
    `import http from "k6/http";
export const options = {
  scenarios: { cr: { executor: "constant-arrival-rate", rate: ${Math.round(rate)}, timeUnit: "1s", duration: "${SECONDS}s", preAllocatedVUs: ${CONNECTIONS}, maxVUs: ${CONNECTIONS} } },
  systemTags: ["status", "method", "name", "scenario", "expected_response"],
};
const body = ${JSON.stringify(SAMPLE.body)};
const params = { headers: ${JSON.stringify(SAMPLE.headers)}, tags: { name: "activation" } };
export default function () { http.request(${JSON.stringify(SAMPLE.method)}, ${JSON.stringify(url + SAMPLE.path)}, body, params); }
`,
  );
  const summary = join(dir, "constant-rate.summary.json");
  const args = [
    "--summary-export",
    summary,
    ...(out ? ["--out", `json=${join(dir, "constant-rate.json.gz")}`] : []),
    script,
  ];
  const run = await runK6(k6, args, { cwd: dir, env: {} });
  if (run.code !== 0)
    throw new Error(`k6 constant-arrival-rate exited ${run.code}: ${run.stderr.slice(0, 500)}`);
  const metrics = JSON.parse(readFileSync(summary, "utf8")).metrics as Record<string, { rate?: number }>;
  return metrics.http_reqs?.rate ?? 0;
}

/** Writes the export the rounds run, every event due at once, into `folder`. */
function writeExport(url: string, folder: string): void {
  const events = syntheticEvents(EXPORT_EVENTS, EXPORT_EVENTS / 5);
  for (const file of exportK6({
    suite: "bench.k6",
    events,
    schedule: constantSchedule(events.length, 1e9),
    // What a readiness export carries: a latency threshold (k6 evaluates it during the run) and an error rate.
    gates: BENCH_GATES,
    lanes: CONNECTIONS,
    baseUrl: url,
    tokenEnv: "TRANCHE_TARGET_TOKEN",
    seed: 1,
    refDate: "2026-03-01T00:00:00Z",
    harnessVersion: "bench",
    configFingerprint: "bench",
    flags: {},
  })) {
    mkdirSync(dirname(join(folder, file.path)), { recursive: true });
    writeFileSync(join(folder, file.path), file.content);
  }
}

/** The exported paced script in `folder` run once: events answered per second of its run. */
async function k6Export(k6: string, folder: string, dir: string, out: boolean): Promise<number> {
  const summary = join(dir, "export.summary.json");
  const args = [
    "--summary-export",
    summary,
    ...(out ? ["--out", `json=${join(dir, "answers.json.gz")}`] : []),
    "script.js",
  ];
  const run = await runK6(k6, args, { cwd: folder, env: { TRANCHE_TARGET_TOKEN: "t" } });
  if (run.code !== 0) throw new Error(`k6 export exited ${run.code}: ${run.stderr.slice(0, 500)}`);
  const metrics = JSON.parse(readFileSync(summary, "utf8")).metrics as Record<
    string,
    { count?: number; rate?: number }
  >;
  // Every event is one request here (the server answers activations with an id: no lookups).
  const requests = metrics.http_reqs?.count ?? 0;
  if (requests !== EXPORT_EVENTS)
    throw new Error(`the export sent ${requests} requests for ${EXPORT_EVENTS} events`);
  return metrics.http_reqs?.rate ?? 0;
}

log(
  `2 cores shared with other work; load average before the run: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(", ")}`,
);
const k6 = locateK6();
if (!k6) log("no k6 binary (TRANCHE_K6, ../shared/tools/k6/k6, k6 on PATH): k6 figures are null");
const server = await startStallingServer();
const dir = mkdtempSync(join(tmpdir(), "tranche-bench-k6-"));
const exportDir = join(dir, "export");
if (k6) writeExport(server.url, exportDir);
const best = { replay: 0, autocannon: 0, constantRate: 0, constantRateOut: 0, exported: 0, exportedNoOut: 0 };
try {
  // Warm-up (JIT, connections, server): not counted.
  await autocannon({ url: `${server.url}${SAMPLE.path}`, method: "POST", body: SAMPLE.body, duration: 1 });
  await trancheRps(server.url, 5000);
  for (let r = 0; r < ROUNDS; r++) {
    const ac = await autocannonRps(server.url);
    const replay = await trancheRps(server.url, Math.max(5000, Math.round(ac * SECONDS)));
    log(`round ${r + 1}: autocannon ${round(ac)} req/s, Tranche replay ${round(replay)} events/s`);
    best.autocannon = Math.max(best.autocannon, ac);
    best.replay = Math.max(best.replay, replay);
    if (k6) {
      // Asked for twice what Tranche reached: what k6's executor achieves is its ceiling here.
      const cr = await k6ConstantRate(k6, server.url, 2 * replay, dir, false);
      const crOut = await k6ConstantRate(k6, server.url, 2 * replay, dir, true);
      const exported = await k6Export(k6, exportDir, dir, true);
      const bare = await k6Export(k6, exportDir, dir, false);
      log(
        `round ${r + 1}: k6 constant-arrival-rate ${round(cr)} req/s (${round(crOut)} with --out json); exported paced script ${round(exported)} events/s with --out json (${round(bare)} without)`,
      );
      best.constantRate = Math.max(best.constantRate, cr);
      best.constantRateOut = Math.max(best.constantRateOut, crOut);
      best.exported = Math.max(best.exported, exported);
      best.exportedNoOut = Math.max(best.exportedNoOut, bare);
    }
  }
} finally {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
log(
  `best of ${ROUNDS}: Tranche ${round(best.replay)}/s, autocannon ${round(best.autocannon)}/s, k6 constant-arrival-rate ${round(best.constantRate)}/s (${round(best.constantRate / best.replay, 2)} of Tranche), exported script ${round(best.exported)}/s (${round(best.exported / best.replay, 2)} of Tranche, ${round(best.exported / Math.max(1, best.constantRate), 2)} of k6's constant rate)`,
);
process.stdout.write(
  `${JSON.stringify({
    replay_rps: round(best.replay),
    autocannon_rps: round(best.autocannon),
    k6_constant_rate_rps: k6 ? round(best.constantRate) : null,
    k6_constant_rate_out_rps: k6 ? round(best.constantRateOut) : null,
    k6_export_rps: k6 ? round(best.exported) : null,
    k6_export_no_out_rps: k6 ? round(best.exportedNoOut) : null,
    export_vs_k6: k6 && best.constantRate > 0 ? round(best.exported / best.constantRate, 3) : null,
    // Like for like: both without an output, both writing --out json.
    export_no_out_vs_k6:
      k6 && best.constantRate > 0 ? round(best.exportedNoOut / best.constantRate, 3) : null,
    export_vs_k6_out: k6 && best.constantRateOut > 0 ? round(best.exported / best.constantRateOut, 3) : null,
  })}\n`,
);
