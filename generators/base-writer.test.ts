import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SubscriberSchema } from "../domain/index.ts";
import type { BaseSpec } from "./base-spec.ts";
import { writeBase } from "./base-writer.ts";
import { SUBSCRIBER_CSV_COLUMNS } from "./csv.ts";
import { LEGACY_DEFECT_RATES } from "./defects.ts";

const dir = mkdtempSync(join(tmpdir(), "tranche-base-"));
const spec: BaseSpec = {
  seed: 42,
  refDate: "2026-03-01T00:00:00Z",
  count: 6000,
  countries: [
    ["GB", 0.5],
    ["DE", 0.3],
    ["US", 0.2],
  ],
  defects: LEGACY_DEFECT_RATES,
};
let n = 0;
const write = async (s: BaseSpec, options: { chunkSize?: number; workers?: number; format?: "csv" } = {}) => {
  const out = join(dir, `base-${n++}`);
  const result = await writeBase(s, { out, ...options });
  return {
    result,
    base: readFileSync(out),
    truth: readFileSync(result.files.truth, "utf8"),
    li: readFileSync(result.files.li, "utf8"),
  };
};

describe("base writer", { timeout: 60_000 }, () => {
  it("writes byte-identical files for one seed whatever the chunk size or worker count", async () => {
    const a = await write(spec, { chunkSize: 4096, workers: 0 });
    const b = await write(spec, { chunkSize: 777, workers: 0 });
    const c = await write(spec, { chunkSize: 1000, workers: 2 });
    expect(a.base.equals(b.base)).toBe(true);
    expect(a.base.equals(c.base)).toBe(true);
    expect(a.truth).toBe(c.truth);
    expect(a.li).toBe(c.li);
    expect(a.result.count).toBe(6000);
    expect(a.result.defects).toBe(a.truth.split("\n").length - 1);
  });

  it("changes with the seed, and a longer base starts with the shorter one", async () => {
    const a = await write(spec);
    const other = await write({ ...spec, seed: 43 });
    expect(a.base.equals(other.base)).toBe(false);
    const longer = await write({ ...spec, count: 7000 });
    expect(longer.base.subarray(0, a.base.length).equals(a.base)).toBe(true);
  });

  it("writes valid NDJSON subscribers, and CSV with one header and one row per line", async () => {
    const a = await write(spec);
    const lines = a.base.toString("utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(6000);
    for (const line of lines.slice(0, 500))
      expect(SubscriberSchema.safeParse(JSON.parse(line)).success).toBe(true);
    const csv = await write(spec, { format: "csv" });
    const rows = csv.base.toString("utf8").trimEnd().split("\n");
    expect(rows[0]).toBe(SUBSCRIBER_CSV_COLUMNS.join(","));
    expect(rows).toHaveLength(6001);
  });
});
