/**
 * `npm run bench:reconcile`: reconciles 1,000,000 subscribers of which 0.1 % drifted. Each side —
 * legacy and destination — is a worker thread holding its rows and answering checksum and row
 * requests through the same ReconcileSource interface as the HTTP sources (harness/reconcile), as
 * two systems computing their own checksums would. Timed: both sides indexing their rows (bucket,
 * row hash, sort: what each system's checksum index costs) and the bisection; building the rows is
 * not. The last line is one JSON object: subscribers, drifted, found, seconds_1m.
 */
import { Worker } from "node:worker_threads";
import type { BucketRange, RangeChecksum, ReconciliationRow } from "../domain/index.ts";
import { type ReconcileSource, reconcile } from "../harness/index.ts";

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1_000_000);
const DRIFT_SHARE = Number(process.env.BENCH_DRIFT ?? 0.001);

interface Side extends ReconcileSource {
  index(): Promise<number>;
  close(): Promise<number>;
}

function startSide(side: "legacy" | "destination"): Promise<Side> {
  const worker = new Worker(new URL("./reconcile-side.ts", import.meta.url), {
    workerData: { subscribers: SUBSCRIBERS, driftShare: DRIFT_SHARE, side },
  });
  const pending = new Map<number, (value: unknown) => void>();
  let next = 1;
  const ask = <T>(message: Record<string, unknown>): Promise<T> =>
    new Promise((resolve) => {
      const id = next++;
      pending.set(id, resolve as (value: unknown) => void);
      worker.postMessage({ id, ...message });
    });
  return new Promise((ready, fail) => {
    worker.once("error", fail);
    worker.on("message", (m: { id: number; value: unknown }) => {
      if (m.id === 0) {
        ready({
          index: () => ask<number>({ op: "index" }),
          checksums: (range: BucketRange, segments: number) =>
            ask<RangeChecksum[]>({ op: "checksums", range, segments }),
          rows: (range: BucketRange) => ask<ReconciliationRow[]>({ op: "rows", range }),
          close: () => worker.terminate(),
        });
        return;
      }
      pending.get(m.id)?.(m.value);
      pending.delete(m.id);
    });
  });
}

const [legacy, destination] = await Promise.all([startSide("legacy"), startSide("destination")]);
const t0 = performance.now();
const [, drifted] = await Promise.all([legacy.index(), destination.index()]);
const t1 = performance.now();
const result = await reconcile(legacy, destination, { segments: 32, leafRows: 64 });
const t2 = performance.now();
await Promise.all([legacy.close(), destination.close()]);
const found = result.differences.length;
const correct = result.differences.every((d) => d.fields.join() === "balanceMinor");
process.stderr.write(
  `[tranche] index both sides (each on its own thread) ${((t1 - t0) / 1000).toFixed(2)} s, bisection ${((t2 - t1) / 1000).toFixed(2)} s: ${result.checksumCalls} checksum requests per side, ${result.segmentsCompared} segments compared, ${result.rowsFetched} rows fetched (${((100 * result.rowsFetched) / (2 * SUBSCRIBERS)).toFixed(2)} % of both bases), ${result.levels} levels${correct ? "" : " — WRONG FIELDS"}\n`,
);
const seconds = (t2 - t0) / 1000;
process.stdout.write(
  `${JSON.stringify({ subscribers: SUBSCRIBERS, drifted, found, seconds_1m: Number(((seconds * 1_000_000) / SUBSCRIBERS).toFixed(2)) })}\n`,
);
