/**
 * `npm run bench:destination`: provisioning write throughput of the reference destination with a
 * clean profile. Starts `tranche destination serve --port 0` as a child process (its own event
 * loop, in-memory store, loopback), seeds subscribers, then drives a write mix with autocannon:
 * activations (unique MSISDN/IMSI/ICCID each), top-ups and plan changes on seeded subscribers, every
 * write with its own Idempotency-Key. Progress goes to stderr; the last stdout line is exactly one
 * JSON object {"writes_per_s", "p99_ms", …}. The machine's cores are shared with other work, so
 * figures vary run to run; nothing asserts on them.
 *
 * Options (env): BENCH_DURATION_S (default 10), BENCH_CONNECTIONS (default 32).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { availableParallelism, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

const durationSec = Number(process.env.BENCH_DURATION_S ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const token = "reference-bss-token";
const seeded = 500;

function startDestination(): Promise<{ child: ChildProcess; url: string }> {
  const bin = fileURLToPath(new URL("../bin/tranche.js", import.meta.url));
  const child = spawn(process.execPath, [bin, "destination", "serve", "--port", "0"], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, TRANCHE_REFERENCE_BSS_TOKEN: token },
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/\S+)/.exec(out);
      if (match?.[1]) resolve({ child, url: match[1] });
    });
    child.once("exit", (code) => reject(new Error(`destination exited early with code ${code}`)));
  });
}

function activation(n: number): string {
  const digits = String(n).padStart(9, "0");
  return JSON.stringify({
    externalId: `BENCH-${n}`,
    msisdn: `+447${digits}`,
    imsi: `234150${digits}`,
    iccid: `894400000${digits}`,
    planId: "POSTPAID-S",
    paymentType: "postpaid",
    currency: "GBP",
    initialBalanceMinor: 0,
    anchorDay: 1 + (n % 28),
    timezone: "Europe/London",
    at: "2026-03-02T10:00:00Z",
  });
}

async function seed(url: string): Promise<void> {
  for (let i = 1; i <= seeded; i++) {
    const response = await fetch(`${url}/v1/subscribers`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: activation(i),
    });
    if (response.status !== 201) throw new Error(`seeding subscriber ${i} gave HTTP ${response.status}`);
  }
}

// The machine's cores are shared: record how busy it was, so a low figure can be read in context.
const loadBefore = loadavg()[0] ?? 0;
const { child, url } = await startDestination();
try {
  process.stderr.write(`[tranche] bench: destination at ${url}; seeding ${seeded} subscribers\n`);
  await seed(url);
  let counter = 0;
  const plans = ["POSTPAID-S", "POSTPAID-L", "POSTPAID-UNL"];
  process.stderr.write(`[tranche] bench: ${durationSec}s of writes over ${connections} connections\n`);
  const result = await autocannon({
    url,
    connections,
    duration: durationSec,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    requests: [
      {
        setupRequest(request: autocannon.Request): autocannon.Request {
          counter += 1;
          const n = counter;
          const kind = n % 3;
          const target = `S${String(1 + (n % seeded)).padStart(7, "0")}`;
          const headers = { ...request.headers, "idempotency-key": `bench-${n}` };
          if (kind === 0) {
            return {
              ...request,
              method: "POST",
              path: "/v1/subscribers",
              headers,
              body: activation(seeded + n),
            };
          }
          if (kind === 1) {
            return {
              ...request,
              method: "POST",
              path: `/v1/subscribers/${target}/top-ups`,
              headers,
              body: JSON.stringify({ amountMinor: 100, currency: "GBP", at: "2026-03-03T10:00:00Z" }),
            };
          }
          return {
            ...request,
            method: "POST",
            path: `/v1/subscribers/${target}/plan-change`,
            headers,
            body: JSON.stringify({
              planId: plans[n % plans.length],
              at: `2026-03-04T10:00:${String(n % 60).padStart(2, "0")}Z`,
            }),
          };
        },
      },
    ],
  });
  const ok = result["2xx"];
  const figures = {
    writes_per_s: Math.round(ok / durationSec),
    p99_ms: result.latency.p99,
    p50_ms: result.latency.p50,
    non_2xx: result.non2xx,
    errors: result.errors,
    connections,
    duration_s: durationSec,
    cpus: availableParallelism(),
    loadavg_1m_before: Math.round(loadBefore * 100) / 100,
  };
  process.stderr.write(
    `[tranche] bench: ${ok} successful writes, ${result.non2xx} non-2xx, ${result.errors} errors\n`,
  );
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} finally {
  child.kill("SIGINT");
}
