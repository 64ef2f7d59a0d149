/**
 * The reconciler: compares two systems' subscriber state by checksums over key ranges and bisects
 * only where they differ (data-diff's method). Each level asks both sides for the checksums of the
 * segments of every range still in question; equal segments are done, a differing segment small
 * enough is fetched row by row from both sides and diffed, a larger one is split again. The work
 * grows with the drift, not with the base: a clean base costs one round of checksums.
 *
 * The core is pure over two `ReconcileSource`s — the HTTP contract operations of a destination,
 * the legacy BSS mock, or in-process rows (the benchmark) all implement the same interface.
 */
import {
  BUCKET_SPACE,
  type BucketRange,
  type RangeChecksum,
  type ReconciliationRow,
  rowDifferences,
} from "../../domain/index.ts";

/** One side of a reconciliation. */
export interface ReconcileSource {
  /** Checksums of `segments` equal splits of `range` (domain/reconciliation-row.ts `splitRange`). */
  checksums(range: BucketRange, segments: number, signal?: AbortSignal): Promise<RangeChecksum[]>;
  /** Every row of the range, in any order. */
  rows(range: BucketRange, signal?: AbortSignal): Promise<ReconciliationRow[]>;
}

export interface ReconcileOptions {
  /** Segments each differing range is split into per level (data-diff's bisection factor). */
  readonly segments?: number;
  /** A differing segment with at most this many rows on either side is fetched, not split (bisection threshold). */
  readonly leafRows?: number;
  /** Ranges asked about at once per level. */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
}

/** A key that differs: its row on each side (absent when that side lacks the key) and the fields that differ. */
export interface RowDifference {
  readonly key: string;
  readonly legacy: ReconciliationRow | undefined;
  readonly destination: ReconciliationRow | undefined;
  readonly fields: readonly string[];
}

export interface ReconcileResult {
  readonly differences: readonly RowDifference[];
  /** Rows on each side in the whole range. */
  readonly legacyRows: number;
  readonly destinationRows: number;
  /** Checksum requests per side, segments compared, rows fetched (both sides), levels descended. */
  readonly checksumCalls: number;
  readonly segmentsCompared: number;
  readonly rowsFetched: number;
  readonly levels: number;
}

/** Reconciles `legacy` against `destination` over the whole key space; pure over the sources. */
export async function reconcile(
  legacy: ReconcileSource,
  destination: ReconcileSource,
  options: ReconcileOptions = {},
): Promise<ReconcileResult> {
  const segments = options.segments ?? 32;
  const leafRows = options.leafRows ?? 64;
  const concurrency = options.concurrency ?? 8;
  const signal = options.signal;
  const differences: RowDifference[] = [];
  let checksumCalls = 0;
  let segmentsCompared = 0;
  let rowsFetched = 0;
  let levels = 0;
  let legacyRows = 0;
  let destinationRows = 0;
  let open: BucketRange[] = [{ from: 0, to: BUCKET_SPACE }];
  const leaves: BucketRange[] = [];
  while (open.length > 0) {
    levels += 1;
    const next: BucketRange[] = [];
    await eachLimited(open, concurrency, async (range) => {
      const [a, b] = await Promise.all([
        legacy.checksums(range, segments, signal),
        destination.checksums(range, segments, signal),
      ]);
      checksumCalls += 1;
      checkSegments(range, segments, a, b);
      if (levels === 1) {
        legacyRows = a.reduce((n, s) => n + s.count, 0);
        destinationRows = b.reduce((n, s) => n + s.count, 0);
      }
      for (let i = 0; i < a.length; i++) {
        const x = a[i] as RangeChecksum;
        const y = b[i] as RangeChecksum;
        segmentsCompared += 1;
        if (x.count === y.count && x.checksum === y.checksum) continue;
        if (Math.max(x.count, y.count) <= leafRows || x.to - x.from <= 1) leaves.push(x);
        else next.push({ from: x.from, to: x.to });
      }
    });
    open = next;
  }
  await eachLimited(leaves, concurrency, async (range) => {
    const [a, b] = await Promise.all([legacy.rows(range, signal), destination.rows(range, signal)]);
    rowsFetched += a.length + b.length;
    differences.push(...diffRows(a, b));
  });
  differences.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  return {
    differences,
    legacyRows,
    destinationRows,
    checksumCalls,
    segmentsCompared,
    rowsFetched,
    levels,
  };
}

/** The differing keys of two row sets of one range. */
export function diffRows(
  legacy: readonly ReconciliationRow[],
  destination: readonly ReconciliationRow[],
): RowDifference[] {
  const theirs = new Map(destination.map((r) => [r.key, r]));
  const out: RowDifference[] = [];
  for (const row of legacy) {
    const other = theirs.get(row.key);
    theirs.delete(row.key);
    if (!other) {
      out.push({ key: row.key, legacy: row, destination: undefined, fields: ["existence"] });
      continue;
    }
    const fields = rowDifferences(row, other);
    if (fields.length > 0) out.push({ key: row.key, legacy: row, destination: other, fields });
  }
  for (const row of theirs.values()) {
    out.push({ key: row.key, legacy: undefined, destination: row, fields: ["existence"] });
  }
  return out;
}

function checkSegments(
  range: BucketRange,
  segments: number,
  a: readonly RangeChecksum[],
  b: readonly RangeChecksum[],
): void {
  if (a.length !== b.length || a.some((s, i) => s.from !== b[i]?.from || s.to !== b[i]?.to)) {
    throw new Error(
      `the two sides split [${range.from}, ${range.to}) into ${segments} segments differently (${a.length} and ${b.length} segments)`,
    );
  }
}

async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(workers);
}
