import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SubscriberSchema } from "../domain/index.ts";
import { createBaseGenerator } from "./base-generator.ts";
import type { BaseSpec } from "./base-spec.ts";
import { baseOptionsFromSpec } from "./base-spec.ts";
import { sidecarFiles, writeBase } from "./base-writer.ts";
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
const { defects: _legacy, ...cleanSpec } = spec;
let n = 0;
const write = async (
  s: BaseSpec,
  options: { chunkSize?: number; workers?: number; format?: "csv"; signal?: AbortSignal } = {},
) => {
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
    const d = await write(spec, { chunkSize: 250, workers: 1 });
    expect(a.base.equals(b.base)).toBe(true);
    for (const other of [c, d]) {
      expect(a.base.equals(other.base)).toBe(true);
      expect(a.truth).toBe(other.truth);
      expect(a.li).toBe(other.li);
    }
    expect(a.result.count).toBe(6000);
    expect(a.result.defects).toBe(a.truth.split("\n").length - 1);
  });

  it("writes clean lines straight to bytes exactly as JSON.stringify writes the subscriber", async () => {
    // The writer renders clean lines without building the object; defective and LI lines go
    // through record(). Both must give the same text, line for line, with defects on or off.
    for (const s of [spec, { ...cleanSpec, seed: 7 }]) {
      const a = await write(s, { workers: 0 });
      const generator = createBaseGenerator(baseOptionsFromSpec(s));
      const lines = a.base.toString("utf8").trimEnd().split("\n");
      lines.forEach((line, i) => {
        expect(line).toBe(JSON.stringify(generator.record(i).subscriber));
        expect(JSON.stringify(JSON.parse(line))).toBe(line);
      });
      if (s.defects) expect(lines.filter((_, i) => !generator.isClean(i)).length).toBeGreaterThan(100);
    }
  });

  it("stops between chunks when aborted, leaving nothing under the final name", async () => {
    const controller = new AbortController();
    controller.abort();
    const out0 = join(dir, `base-${n++}`);
    await expect(writeBase(cleanSpec, { out: out0, workers: 1, signal: controller.signal })).rejects.toThrow(
      /interrupted after 0 of 6000 subscribers: nothing was written/,
    );
    expect(existsSync(out0)).toBe(false);
    const late = new AbortController();
    const out = join(dir, `base-${n++}`);
    await expect(
      writeBase(cleanSpec, {
        out,
        workers: 1,
        chunkSize: 500,
        signal: late.signal,
        onProgress: (done) => done >= 1000 && late.abort(),
      }),
    ).rejects.toMatchObject({ code: "E_INTERRUPTED" });
    for (const file of [out, ...Object.values(sidecarFiles(out))]) expect(existsSync(file), file).toBe(false);
    // No temporary file is left behind either.
    expect(readdirSync(dir).filter((f) => f.includes("partial"))).toEqual([]);
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
