/**
 * One side of `bench:reconcile` in its own worker thread, as the legacy BSS and the destination each
 * compute their own checksums on their own machine: builds its rows (the destination's with the
 * drifted subscribers off by one minor unit), indexes them when told to, then answers the
 * reconciler's checksum and row requests.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createStream, type ReconciliationRow } from "../domain/index.ts";
import { createRowSource } from "../harness/index.ts";

const { subscribers, driftShare, side } = workerData as {
  subscribers: number;
  driftShare: number;
  side: "legacy" | "destination";
};
const PLANS = ["PAYG-BASIC", "PREPAID-S", "PREPAID-M", "POSTPAID-L"];

/** The drifted subscribers: a seeded choice of distinct indexes (the same on both sides). */
export function driftedIndexes(n: number, share: number): Set<number> {
  const stream = createStream(20260301, "bench/reconcile");
  const out = new Set<number>();
  for (let j = 0; out.size < Math.round(n * share); j++) out.add(Math.floor(stream.record(j).next() * n));
  return out;
}

const drifted = side === "destination" ? driftedIndexes(subscribers, driftShare) : new Set<number>();
const rows: ReconciliationRow[] = new Array(subscribers);
for (let i = 0; i < subscribers; i++) {
  const digits = String(i).padStart(9, "0");
  rows[i] = {
    key: `sub-${String(i).padStart(8, "0")}`,
    msisdn: `+447${digits}`,
    imsi: `234150${digits}`,
    iccid: `8944000000${digits}`,
    planId: PLANS[i % PLANS.length] as string,
    paymentType: i % 4 === 3 ? "postpaid" : "prepaid",
    status: "active",
    balanceMinor: ((i * 37) % 5000) + (drifted.has(i) ? 1 : 0),
    currency: "GBP",
    anchorDay: (i % 28) + 1,
    timezone: "Europe/London",
    addOns: i % 10 === 0 ? ["ROAM-EU"] : [],
  };
}
let source: ReturnType<typeof createRowSource> | undefined;
parentPort?.on(
  "message",
  async (m: {
    id: number;
    op: "index" | "checksums" | "rows";
    range?: { from: number; to: number };
    segments?: number;
  }) => {
    if (m.op === "index") {
      source = createRowSource(rows);
      parentPort?.postMessage({ id: m.id, value: drifted.size });
      return;
    }
    const s = source as NonNullable<typeof source>;
    const range = m.range as { from: number; to: number };
    const value = m.op === "checksums" ? await s.checksums(range, m.segments as number) : await s.rows(range);
    parentPort?.postMessage({ id: m.id, value });
  },
);
parentPort?.postMessage({ id: 0, value: "ready" });
