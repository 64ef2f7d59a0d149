/**
 * `npm run bench:replay`: Tranche's replay engine next to autocannon, in one process, against the
 * same minimal loopback HTTP server.
 *
 * 1. Throughput: autocannon at full speed with 64 connections, repeating the same request (method,
 *    path, headers, body) as Tranche's first event, then Tranche replaying as many events
 *    as autocannon completed, all due at once, 64 in flight — after a warm-up, three rounds each, best
 *    of three (the machine is shared). Tranche sends through the load-only adapter (same requests, bodies not validated, as
 *    autocannon does); the contract adapter's figure (every body validated) is printed beside it.
 * 2. Schedule precision, against the same server in a child process (so the harness's thread does
 *    only the harness's work, as against a real destination): Tranche at a constant 2,000 events/s
 *    for 10 s after a 2 s warm-up; schedule lag p99 (load-only adapter). Then the full validating contract adapter — every answer parsed
 *    and checked against the contract's subscriber schema, as `tranche run` does — at 1,000
 *    events/s for 10 s: its schedule lag p99.
 * 3. Stall comparison: the server stalls 1 s every 5 s; both tools send 200 requests/s for 10 s.
 *    Tranche's p99 from intended send time vs what autocannon reports.
 *
 * Prints figures to stderr and, as its LAST line, one JSON object:
 *   {"replay_rps":…, "autocannon_rps":…, "ratio":…, "schedule_lag_p99_ms":…,
 *    "contract_rps":…, "contract_lag_p99_ms":…}
 * Figures depend on the machine and on what else runs on it; no test asserts on them.
 */
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { createContractAdapter } from "../harness/adapters/index.ts";
import { createLoadAdapter } from "../harness/replay/load-adapter.ts";
import { replayEvents } from "../harness/replay/open-model-replay.ts";
import { startStallingServer } from "../test/support/stalling-server.ts";
import { syntheticEvents } from "../test/support/synthetic-events.ts";
import { SAMPLE } from "./sample-request.ts";

const CONNECTIONS = 64;
const THROUGHPUT_SEC = 5;
const ROUNDS = 3;
const LAG_RATE_PER_SEC = 2000;
const LAG_SEC = 10;
const CONTRACT_LAG_RATE_PER_SEC = 1000;
const STALL_RATE_PER_SEC = 200;
const STALL_SEC = 10;

const log = (line: string) => process.stderr.write(`[bench:replay] ${line}\n`);
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number };
  duration: number;
}

async function cannon(url: string, options: Record<string, unknown>): Promise<CannonResult> {
  return (await autocannon({
    url: `${url}${SAMPLE.path}`,
    method: SAMPLE.method,
    headers: SAMPLE.headers,
    body: SAMPLE.body,
    connections: CONNECTIONS,
    ...options,
  })) as unknown as CannonResult;
}

async function tranche(url: string, count: number, contract: boolean, quiet = false): Promise<number> {
  const events = syntheticEvents(count, count);
  const options = { baseUrl: url, token: "t", connections: CONNECTIONS };
  const adapter = contract ? createContractAdapter(options) : createLoadAdapter(options);
  const writer = "capabilities" in adapter ? adapter.capabilities.provisioning : adapter;
  try {
    const result = await replayEvents(events, writer, { ratePerSec: 1e9, concurrency: CONNECTIONS });
    const rps = (result.completed * 1000) / result.durationMs;
    if (!quiet)
      log(
        `tranche (${contract ? "contract" : "load-only"} adapter): ${result.completed} events in ${round(result.durationMs / 1000, 2)} s = ${round(rps)} events/s`,
      );
    return rps;
  } finally {
    await adapter.close();
  }
}

async function throughput(): Promise<{ replayRps: number; autocannonRps: number; contractRps: number }> {
  const server = await startStallingServer();
  let autocannonRps = 0;
  let replayRps = 0;
  let contractRps = 0;
  try {
    // Warm-up (JIT, connections, server): not counted.
    await cannon(server.url, { duration: 1 });
    await tranche(server.url, 5000, false, true);
    for (let round_ = 0; round_ < ROUNDS; round_++) {
      const ac = await cannon(server.url, { duration: THROUGHPUT_SEC });
      const rps = ac.requests.total / ac.duration;
      log(`autocannon: ${ac.requests.total} requests in ${round(ac.duration, 2)} s = ${round(rps)} req/s`);
      autocannonRps = Math.max(autocannonRps, rps);
      replayRps = Math.max(
        replayRps,
        await tranche(server.url, Math.max(1000, Math.round(rps * THROUGHPUT_SEC)), false),
      );
    }
    await tranche(server.url, 5000, true, true);
    for (let round_ = 0; round_ < ROUNDS; round_++) {
      contractRps = Math.max(
        contractRps,
        await tranche(server.url, Math.max(1000, Math.round(autocannonRps * THROUGHPUT_SEC)), true),
      );
    }
  } finally {
    await server.close();
  }
  return { replayRps, autocannonRps, contractRps };
}

/** The fast destination in a child process (see fast-destination-child.ts). */
async function startChildDestination(): Promise<{ url: string; close(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL("./fast-destination-child.ts", import.meta.url))],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("\n")) resolve(out.trim());
    });
    child.on("exit", (code) => reject(new Error(`fast destination exited (${code})`)));
  });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

async function scheduleLag(contract: boolean): Promise<number> {
  const server = await startChildDestination();
  const rate = contract ? CONTRACT_LAG_RATE_PER_SEC : LAG_RATE_PER_SEC;
  const events = syntheticEvents(rate * LAG_SEC, rate * LAG_SEC);
  const options = { baseUrl: server.url, token: "t", connections: CONNECTIONS };
  const adapter = contract ? createContractAdapter(options) : createLoadAdapter(options);
  const writer = "capabilities" in adapter ? adapter.capabilities.provisioning : adapter;
  try {
    // Warm-up at the same rate (JIT, connections): not counted.
    await replayEvents(syntheticEvents(rate * 2, rate * 2), writer, {
      ratePerSec: rate,
      concurrency: CONNECTIONS,
    });
    const result = await replayEvents(events, writer, { ratePerSec: rate, concurrency: CONNECTIONS });
    const lag = result.scheduleLag;
    log(
      `schedule lag at ${rate}/s for ${LAG_SEC} s (${contract ? "contract" : "load-only"} adapter): p50 ${lag.p50Ms} ms, p99 ${lag.p99Ms} ms, max ${lag.maxMs} ms; ` +
        `late (> ${result.lateThresholdMs} ms) ${result.late} of ${result.sent}; achieved ${round(result.achievedRatePerSec)}/s; ` +
        `harness tick lag p99 ${result.harnessLag.p99Ms} ms, event-loop delay p99 ${result.eventLoopDelay.p99Ms} ms`,
    );
    return lag.p99Ms;
  } finally {
    await adapter.close();
    await server.close();
  }
}

async function stallComparison(): Promise<void> {
  const stall = { periodMs: 5000, stallMs: 1000, stallOffsetMs: 2000 };
  let server = await startStallingServer(stall);
  const events = syntheticEvents(STALL_RATE_PER_SEC * STALL_SEC, STALL_RATE_PER_SEC * STALL_SEC);
  const adapter = createContractAdapter({ baseUrl: server.url, token: "t", connections: 256 });
  try {
    const result = await replayEvents(events, adapter.capabilities.provisioning, {
      ratePerSec: STALL_RATE_PER_SEC,
      concurrency: 256,
    });
    log(
      `stall 1 s every 5 s, ${STALL_RATE_PER_SEC}/s: Tranche p50 ${result.latency.p50Ms} ms, p99 ${result.latency.p99Ms} ms from intended send time ` +
        `(service time p99 ${result.operations.activation?.serviceTime.p99Ms ?? 0} ms), ${result.sent} requests sent of ${events.length} intended, ${result.late} late`,
    );
  } finally {
    await adapter.close();
    await server.close();
  }
  for (const ignoreCoordinatedOmission of [false, true]) {
    server = await startStallingServer(stall);
    try {
      const ac = await cannon(server.url, {
        connections: 10,
        overallRate: STALL_RATE_PER_SEC,
        duration: STALL_SEC,
        ignoreCoordinatedOmission,
      });
      log(
        `stall 1 s every 5 s, ${STALL_RATE_PER_SEC}/s: autocannon (10 connections, ignoreCoordinatedOmission=${ignoreCoordinatedOmission}) ` +
          `p50 ${ac.latency.p50} ms, p99 ${ac.latency.p99} ms, ${ac.requests.total} requests sent of ${STALL_RATE_PER_SEC * STALL_SEC} intended`,
      );
    } finally {
      await server.close();
    }
  }
}

// Schedule precision first, in a fresh heap; then throughput and the stall comparison.
log(
  `2 cores shared with other work; load average before the run: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(", ")}`,
);
const lagP99 = await scheduleLag(false);
const contractLagP99 = await scheduleLag(true);
const { replayRps, autocannonRps, contractRps } = await throughput();
await stallComparison();
process.stdout.write(
  `${JSON.stringify({
    replay_rps: round(replayRps),
    autocannon_rps: round(autocannonRps),
    ratio: round(replayRps / autocannonRps, 3),
    schedule_lag_p99_ms: lagP99,
    contract_rps: round(contractRps),
    contract_lag_p99_ms: contractLagP99,
  })}\n`,
);
