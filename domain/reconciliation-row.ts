/**
 * The canonical reconciliation row and its hashes (destination contract, "Reconciliation"): what
 * the legacy BSS and the destination each publish about a subscriber so that a parallel run can
 * compare the two systems by checksums over key ranges and bisect only where they differ
 * (data-diff's method). Defined to the byte so that an independent vendor computes the same
 * checksums: the row's text, the key's bucket and the row's hash are all specified here and in
 * docs/destination-contract.md, with test vectors in reconciliation-row.test.ts.
 *
 * - The **key** is the legacy subscriber id (the destination's `externalId`).
 * - The **bucket** of a key is the first 4 bytes of SHA-256(UTF-8 key) read as an unsigned 32-bit
 *   big-endian integer. Key ranges are ranges of buckets, `[from, to)` with 0 ≤ from < to ≤ 2^32,
 *   so they split evenly whatever the ids look like.
 * - The **row text** is the fields of RECONCILIATION_FIELDS in that order, joined by one TAB; each
 *   string has `\` `TAB` `LF` `CR` escaped as `\\` `\t` `\n` `\r` (and `,` as `\,` inside an add-on
 *   id); integers are base 10 with a leading `-` when negative; `addOns` are joined by `,` in the
 *   order the subscriber bought them.
 * - The **row hash** is the first 8 bytes of SHA-256(UTF-8 row text), 16 lower-case hex digits.
 * - A **range checksum** is the number of rows in the range and the sum of their row hashes as
 *   unsigned 64-bit integers modulo 2^64, 16 lower-case hex digits: order-independent, so either
 *   side may scan its rows in any order.
 */
import { hash } from "node:crypto";

/** One subscriber as both systems publish it for reconciliation. */
export interface ReconciliationRow {
  readonly key: string;
  readonly msisdn: string;
  readonly imsi: string;
  readonly iccid: string;
  readonly planId: string;
  readonly paymentType: string;
  readonly status: string;
  readonly balanceMinor: number;
  readonly currency: string;
  readonly anchorDay: number;
  readonly timezone: string;
  readonly addOns: readonly string[];
}

/** The row's fields in canonical order (the row text joins them in this order). */
export const RECONCILIATION_FIELDS = [
  "key",
  "msisdn",
  "imsi",
  "iccid",
  "planId",
  "paymentType",
  "status",
  "balanceMinor",
  "currency",
  "anchorDay",
  "timezone",
  "addOns",
] as const satisfies readonly (keyof ReconciliationRow)[];

/** The whole bucket space: 2^32. */
export const BUCKET_SPACE = 2 ** 32;

const TWO_32 = 2 ** 32;

function escapeText(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) =>
        c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r",
      )
    : value;
}

function escapeAddOn(value: string): string {
  const text = escapeText(value);
  return text.includes(",") ? text.replace(/,/g, "\\,") : text;
}

const SPECIAL = /[\\\n\r]/;
/** Tabs in a row text whose fields hold none: the 11 separators. */
const SEPARATORS = RECONCILIATION_FIELDS.length - 1;

function tabCountExceeds(text: string, limit: number): boolean {
  let n = 0;
  for (let i = text.indexOf("\t"); i !== -1; i = text.indexOf("\t", i + 1)) if (++n > limit) return true;
  return false;
}

/** The canonical text of a row (see the module comment). */
export function canonicalRowText(row: ReconciliationRow): string {
  const addOns = row.addOns.length === 0 ? "" : row.addOns.join(",");
  // Fast path, the usual row: the plain text has nothing to escape (no backslash, CR or LF, no tab
  // beyond the separators, no comma inside an add-on id). Otherwise escape field by field.
  const text = `${row.key}\t${row.msisdn}\t${row.imsi}\t${row.iccid}\t${row.planId}\t${row.paymentType}\t${row.status}\t${Math.trunc(row.balanceMinor)}\t${row.currency}\t${Math.trunc(row.anchorDay)}\t${row.timezone}\t${addOns}`;
  if (
    !SPECIAL.test(text) &&
    !tabCountExceeds(text, SEPARATORS) &&
    (row.addOns.length === 0 || !row.addOns.some((a) => a.includes(",")))
  ) {
    return text;
  }
  return [
    escapeText(row.key),
    escapeText(row.msisdn),
    escapeText(row.imsi),
    escapeText(row.iccid),
    escapeText(row.planId),
    escapeText(row.paymentType),
    escapeText(row.status),
    String(Math.trunc(row.balanceMinor)),
    escapeText(row.currency),
    String(Math.trunc(row.anchorDay)),
    escapeText(row.timezone),
    row.addOns.map(escapeAddOn).join(","),
  ].join("\t");
}

/** The bucket of a key: first 4 bytes of SHA-256(UTF-8 key), unsigned big-endian. */
export function keyBucket(key: string): number {
  // Hex output is several times faster than a Buffer in Node (no allocation per hash).
  return Number.parseInt((hash("sha256", key, "hex") as string).slice(0, 8), 16);
}

/** A row hash as its two 32-bit halves (fast to sum). */
export interface RowHash {
  readonly hi: number;
  readonly lo: number;
}

/** The row hash: first 8 bytes of SHA-256(UTF-8 canonical row text), as two unsigned halves. */
export function rowHash(row: ReconciliationRow): RowHash {
  const digest = hash("sha256", canonicalRowText(row), "hex") as string;
  return { hi: Number.parseInt(digest.slice(0, 8), 16), lo: Number.parseInt(digest.slice(8, 16), 16) };
}

/** 16 lower-case hex digits of a 64-bit value given as halves. */
export function hex64(hi: number, lo: number): string {
  return hi.toString(16).padStart(8, "0") + lo.toString(16).padStart(8, "0");
}

/**
 * A running sum of row hashes modulo 2^64. Halves are summed as doubles (exact below 2^53) and
 * normalised every 2^20 additions, so a range of any size sums exactly without BigInt.
 */
export class ChecksumAccumulator {
  count = 0;
  #hi = 0;
  #lo = 0;
  #pending = 0;

  add(hi: number, lo: number): void {
    this.#hi += hi;
    this.#lo += lo;
    this.count += 1;
    if (++this.#pending >= 1 << 20) this.#normalise();
  }

  #normalise(): void {
    const carry = Math.floor(this.#lo / TWO_32);
    this.#lo -= carry * TWO_32;
    this.#hi = (this.#hi + carry) % TWO_32;
    this.#pending = 0;
  }

  /** The checksum so far: 16 hex digits. */
  digest(): string {
    this.#normalise();
    return hex64(this.#hi, this.#lo);
  }
}

/** A key range of buckets, `[from, to)`. */
export interface BucketRange {
  readonly from: number;
  readonly to: number;
}

/** Count and checksum of the rows of one range. */
export interface RangeChecksum extends BucketRange {
  readonly count: number;
  readonly checksum: string;
}

/**
 * Splits `[from, to)` into `segments` ranges: boundary i is from + floor((to − from) × i / n), with
 * n = min(segments, to − from) so no segment is empty of buckets.
 */
export function splitRange(range: BucketRange, segments: number): BucketRange[] {
  const width = range.to - range.from;
  const n = Math.max(1, Math.min(Math.trunc(segments), width));
  const out: BucketRange[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      from: range.from + Math.floor((width * i) / n),
      to: range.from + Math.floor((width * (i + 1)) / n),
    });
  }
  return out;
}

/** Checks a range: integers with 0 ≤ from < to ≤ 2^32; returns the problem or null. */
export function rangeProblem(from: number, to: number): string | null {
  if (!Number.isInteger(from) || !Number.isInteger(to)) return "from and to must be integers";
  if (from < 0 || to > BUCKET_SPACE || from >= to) return `expected 0 <= from < to <= ${BUCKET_SPACE}`;
  return null;
}

/**
 * Checksums of the segments of `range` over rows given with their buckets and hashes (what both
 * the legacy mock and the reference destination compute per request).
 */
export function segmentChecksums(
  rows: Iterable<{ readonly bucket: number; readonly hash: RowHash }>,
  range: BucketRange,
  segments: number,
): RangeChecksum[] {
  const parts = splitRange(range, segments);
  const sums = parts.map(() => new ChecksumAccumulator());
  const width = range.to - range.from;
  const n = parts.length;
  for (const row of rows) {
    if (row.bucket < range.from || row.bucket >= range.to) continue;
    // The segment whose [from, to) holds the bucket: invert the boundary formula, then correct.
    let i = Math.min(n - 1, Math.floor(((row.bucket - range.from) * n) / width));
    while (i > 0 && row.bucket < (parts[i] as BucketRange).from) i--;
    while (i < n - 1 && row.bucket >= (parts[i] as BucketRange).to) i++;
    (sums[i] as ChecksumAccumulator).add(row.hash.hi, row.hash.lo);
  }
  return parts.map((p, i) => {
    const sum = sums[i] as ChecksumAccumulator;
    return { ...p, count: sum.count, checksum: sum.digest() };
  });
}

/** Whether two rows are the same (same canonical text). */
export function sameRow(a: ReconciliationRow, b: ReconciliationRow): boolean {
  return canonicalRowText(a) === canonicalRowText(b);
}

/** The fields in which two rows of one key differ, in canonical order. */
export function rowDifferences(a: ReconciliationRow, b: ReconciliationRow): string[] {
  const out: string[] = [];
  for (const field of RECONCILIATION_FIELDS) {
    const x = a[field];
    const y = b[field];
    const same = Array.isArray(x) ? x.join("\u0000") === (y as readonly string[]).join("\u0000") : x === y;
    if (!same) out.push(field);
  }
  return out;
}
