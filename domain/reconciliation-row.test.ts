import { describe, expect, it } from "vitest";
import {
  BUCKET_SPACE,
  ChecksumAccumulator,
  canonicalRowText,
  hex64,
  keyBucket,
  type ReconciliationRow,
  rowDifferences,
  rowHash,
  segmentChecksums,
  splitRange,
} from "./index.ts";

const a: ReconciliationRow = {
  key: "sub-00000001",
  msisdn: "+447700900001",
  imsi: "234150000000001",
  iccid: "8944000000000000001",
  planId: "PREPAID-S",
  paymentType: "prepaid",
  status: "active",
  balanceMinor: 1500,
  currency: "GBP",
  anchorDay: 15,
  timezone: "Europe/London",
  addOns: ["ROAM-EU", "DATA-1GB"],
};
const b: ReconciliationRow = {
  ...a,
  key: "sub-00000002",
  msisdn: "+447700900002",
  balanceMinor: -20,
  addOns: [],
  planId: "weird\tplan,x",
};

describe("the canonical reconciliation row (contract test vectors)", () => {
  it("joins the fields in order by TAB, add-ons by comma, escaping TAB as \\t", () => {
    expect(canonicalRowText(a)).toBe(
      "sub-00000001\t+447700900001\t234150000000001\t8944000000000000001\tPREPAID-S\tprepaid\tactive\t1500\tGBP\t15\tEurope/London\tROAM-EU,DATA-1GB",
    );
    expect(canonicalRowText(b)).toBe(
      "sub-00000002\t+447700900002\t234150000000001\t8944000000000000001\tweird\\tplan,x\tprepaid\tactive\t-20\tGBP\t15\tEurope/London\t",
    );
    expect(canonicalRowText({ ...a, addOns: ["A,B", "C\\D"] }).endsWith("\tA\\,B,C\\\\D")).toBe(true);
  });

  it("hashes the text and buckets the key with SHA-256 (the vectors of docs/destination-contract.md)", () => {
    expect(keyBucket(a.key)).toBe(4265279338);
    expect(keyBucket(b.key)).toBe(1907284643);
    const ha = rowHash(a);
    const hb = rowHash(b);
    expect(hex64(ha.hi, ha.lo)).toBe("d37ed36bd9502884");
    expect(hex64(hb.hi, hb.lo)).toBe("418da8ea08fa8ee1");
    const sum = new ChecksumAccumulator();
    sum.add(ha.hi, ha.lo);
    sum.add(hb.hi, hb.lo);
    expect(sum.digest()).toBe("150c7c55e24ab765");
  });

  it("sums checksums modulo 2^64 exactly, in any order", () => {
    const x = new ChecksumAccumulator();
    const y = new ChecksumAccumulator();
    for (let i = 0; i < 3000; i++) x.add(0xffffffff, 0xffffffff);
    for (let i = 0; i < 3000; i++) y.add(0xffffffff, 0xffffffff);
    expect(x.digest()).toBe(y.digest());
    // 3000 × (2^64 − 1) ≡ −3000 (mod 2^64)
    expect(BigInt(`0x${x.digest()}`)).toBe((2n ** 64n - 3000n) % 2n ** 64n);
  });

  it("splits ranges by the contract's boundary rule and checksums each segment", () => {
    expect(splitRange({ from: 0, to: BUCKET_SPACE }, 2)).toEqual([
      { from: 0, to: 2147483648 },
      { from: 2147483648, to: BUCKET_SPACE },
    ]);
    expect(splitRange({ from: 10, to: 13 }, 8)).toEqual([
      { from: 10, to: 11 },
      { from: 11, to: 12 },
      { from: 12, to: 13 },
    ]);
    const rows = [a, b].map((r) => ({ bucket: keyBucket(r.key), hash: rowHash(r) }));
    expect(segmentChecksums(rows, { from: 0, to: BUCKET_SPACE }, 2)).toEqual([
      { from: 0, to: 2147483648, count: 1, checksum: "418da8ea08fa8ee1" },
      { from: 2147483648, to: BUCKET_SPACE, count: 1, checksum: "d37ed36bd9502884" },
    ]);
  });

  it("names the fields two rows of a key differ in", () => {
    expect(rowDifferences(a, { ...a, balanceMinor: 1499, addOns: ["ROAM-EU"] })).toEqual([
      "balanceMinor",
      "addOns",
    ]);
    expect(rowDifferences(a, { ...a })).toEqual([]);
  });
});
