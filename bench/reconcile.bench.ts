/**
 * `npm run bench:reconcile`: reconciles 1,000,000 subscribers of which 0.1 % drifted, over two
 * in-process sources implementing the same interface as the HTTP ones (harness/reconcile). Timed:
 * both sides computing their buckets and row hashes (what each system's checksum index costs) and
 * the bisection itself. Rows are built before the clock starts. The last line is one JSON object:
 * subscribers, drifted, found, seconds_1m (index both sides + reconcile).
 */
import { createStream, type ReconciliationRow } from "../domain/index.ts";
import { createRowSource, reconcile } from "../harness/index.ts";

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1_000_000);
const DRIFT_SHARE = Number(process.env.BENCH_DRIFT ?? 0.001);
const stream = createStream(20260301, "bench/reconcile");
const PLANS = ["PAYG-BASIC", "PREPAID-S", "PREPAID-M", "POSTPAID-L"];

const legacy: ReconciliationRow[] = new Array(SUBSCRIBERS);
for (let i = 0; i < SUBSCRIBERS; i++) {
  const digits = String(i).padStart(9, "0");
  legacy[i] = {
    key: `sub-${String(i).padStart(8, "0")}`,
    msisdn: `+447${digits}`,
    imsi: `234150${digits}`,
    iccid: `8944000000${digits}`,
    planId: PLANS[i % PLANS.length] as string,
    paymentType: i % 4 === 3 ? "postpaid" : "prepaid",
    status: "active",
    balanceMinor: (i * 37) % 5000,
    currency: "GBP",
    anchorDay: (i % 28) + 1,
    timezone: "Europe/London",
    addOns: i % 10 === 0 ? ["ROAM-EU"] : [],
  };
}
// The drifted rows: a seeded choice of distinct subscribers, each one field off.
const destination = legacy.slice();
const drifted = new Set<number>();
const wanted = Math.round(SUBSCRIBERS * DRIFT_SHARE);
for (let j = 0; drifted.size < wanted; j++) drifted.add(Math.floor(stream.record(j).next() * SUBSCRIBERS));
for (const i of drifted) {
  const row = legacy[i] as ReconciliationRow;
  destination[i] = { ...row, balanceMinor: row.balanceMinor + 1 };
}

const t0 = performance.now();
const a = createRowSource(legacy);
const b = createRowSource(destination);
const t1 = performance.now();
const result = await reconcile(a, b, { segments: 32, leafRows: 64 });
const t2 = performance.now();
const found = result.differences.length;
const correct = result.differences.every((d) => d.fields.join() === "balanceMinor");
process.stderr.write(
  `[tranche] index both sides ${((t1 - t0) / 1000).toFixed(2)} s, bisection ${((t2 - t1) / 1000).toFixed(2)} s: ${result.checksumCalls} checksum requests per side, ${result.segmentsCompared} segments compared, ${result.rowsFetched} rows fetched (${((100 * result.rowsFetched) / (2 * SUBSCRIBERS)).toFixed(2)} % of both bases), ${result.levels} levels${correct ? "" : " — WRONG FIELDS"}\n`,
);
const seconds = (t2 - t0) / 1000;
process.stdout.write(
  `${JSON.stringify({ subscribers: SUBSCRIBERS, drifted: drifted.size, found, seconds_1m: Number(((seconds * 1_000_000) / SUBSCRIBERS).toFixed(2)) })}\n`,
);
