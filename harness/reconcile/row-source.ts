/**
 * An in-process reconciliation source over a set of rows: each row's bucket and hash computed once,
 * rows sorted by bucket, so a range checksum is two binary searches and a sum over the slice (what
 * an indexed database does). The benchmark reconciles a million subscribers over two of these; the
 * HTTP sources (destination contract, legacy BSS mock) implement the same interface.
 */
import {
  type BucketRange,
  ChecksumAccumulator,
  keyBucket,
  type RangeChecksum,
  type ReconciliationRow,
  rowHash,
  splitRange,
} from "../../domain/index.ts";
import type { ReconcileSource } from "./reconciler.ts";

/** A source over `rows` (any order; keys unique). */
export function createRowSource(
  rows: readonly ReconciliationRow[],
): ReconcileSource & { readonly size: number } {
  const n = rows.length;
  const order = sortedByBucket(rows);
  const sortedBuckets = new Float64Array(n);
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  const sorted: ReconciliationRow[] = new Array(n);
  for (let j = 0; j < n; j++) {
    const index = order.index[j] as number;
    const row = rows[index] as ReconciliationRow;
    const h = rowHash(row);
    sortedBuckets[j] = order.bucket[j] as number;
    hi[j] = h.hi;
    lo[j] = h.lo;
    sorted[j] = row;
  }
  /** First index whose bucket is ≥ b. */
  const lowerBound = (b: number) => {
    let a = 0;
    let z = n;
    while (a < z) {
      const m = (a + z) >>> 1;
      if ((sortedBuckets[m] as number) < b) a = m + 1;
      else z = m;
    }
    return a;
  };
  return {
    size: n,
    async checksums(range: BucketRange, segments: number): Promise<RangeChecksum[]> {
      return splitRange(range, segments).map((part) => {
        const start = lowerBound(part.from);
        const end = lowerBound(part.to);
        const sum = new ChecksumAccumulator();
        for (let j = start; j < end; j++) sum.add(hi[j] as number, lo[j] as number);
        return { ...part, count: sum.count, checksum: sum.digest() };
      });
    },
    async rows(range: BucketRange): Promise<ReconciliationRow[]> {
      return sorted.slice(lowerBound(range.from), lowerBound(range.to));
    },
  };
}

/**
 * Row indexes sorted by bucket. Below 2^21 rows, bucket and index pack exactly into one double
 * (32 + 21 bits), so a native numeric sort does it without a comparator call per comparison.
 */
function sortedByBucket(rows: readonly ReconciliationRow[]): { index: Uint32Array; bucket: Float64Array } {
  const n = rows.length;
  const buckets = new Float64Array(n);
  for (let i = 0; i < n; i++) buckets[i] = keyBucket((rows[i] as ReconciliationRow).key);
  const index = new Uint32Array(n);
  const bucket = new Float64Array(n);
  if (n <= 2 ** 21) {
    const packed = new Float64Array(n);
    for (let i = 0; i < n; i++) packed[i] = (buckets[i] as number) * 2 ** 21 + i;
    packed.sort();
    for (let j = 0; j < n; j++) {
      const v = packed[j] as number;
      const i = v % 2 ** 21;
      index[j] = i;
      bucket[j] = (v - i) / 2 ** 21;
    }
    return { index, bucket };
  }
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (buckets[a] as number) - (buckets[b] as number),
  );
  for (let j = 0; j < n; j++) {
    index[j] = order[j] as number;
    bucket[j] = buckets[order[j] as number] as number;
  }
  return { index, bucket };
}
