import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { CdrSchema, parseCountryMix } from "../domain/index.ts";
import { generateBase } from "./base-generator.ts";
import type { BaseSpec } from "./base-spec.ts";
import { writeBase } from "./base-writer.ts";
import { generateTrafficWithTruth } from "./traffic.ts";
import { DEFAULT_IRREGULARITIES } from "./traffic-irregularities.ts";
import { writeTraffic } from "./traffic-writer.ts";
import { DEFAULT_USAGE_ANOMALIES } from "./usage-anomalies.ts";
import { writeUsage } from "./usage-writer.ts";

const dir = mkdtempSync(join(tmpdir(), "tranche-traffic-"));
const refDate = Temporal.Instant.from("2026-03-01T00:00:00Z");
const baseOptions = { seed: 4, refDate, count: 800, countries: parseCountryMix("GB:0.5,DE:0.5") };
const lines = () => generateBase(baseOptions);
/** The same base as a file spec, for the writer. */
const baseSpec: BaseSpec = {
  seed: 4,
  refDate: refDate.toString(),
  count: 800,
  countries: [
    ["GB", 0.5],
    ["DE", 0.5],
  ],
};
const options = {
  seed: 4,
  from: refDate,
  durationSec: 3 * 86_400,
  eventsPerSubscriber: 5,
  irregularities: DEFAULT_IRREGULARITIES,
};
const read = (f: string) => readFileSync(f, "utf8");

describe("streamed traffic and usage files", { timeout: 60_000 }, () => {
  it("are byte-identical whatever the sort batch size, and equal the in-memory traffic", () => {
    const a = writeTraffic(options, lines, { out: join(dir, "a.ndjson"), batchEvents: 100_000 });
    const b = writeTraffic(options, lines, { out: join(dir, "b.ndjson"), batchEvents: 313 });
    expect(read(a.files.events)).toBe(read(b.files.events));
    expect(read(a.files.truth)).toBe(read(b.files.truth));
    const memory = generateTrafficWithTruth(options, lines());
    expect(read(a.files.events)).toBe(memory.events.map((e) => `${JSON.stringify(e)}\n`).join(""));
    const other = writeTraffic({ ...options, seed: 5 }, lines, { out: join(dir, "c.ndjson") });
    expect(read(other.files.events)).not.toBe(read(a.files.events));
  });

  it("never change the base: traffic settings only read it", async () => {
    const before = await writeBase(baseSpec, { out: join(dir, "base-1") });
    writeTraffic({ ...options, eventsPerSubscriber: 9, types: ["top_up"] }, lines, {
      out: join(dir, "d.ndjson"),
    });
    const after = await writeBase(baseSpec, { out: join(dir, "base-2") });
    expect(read(before.files.base)).toBe(read(after.files.base));
    const activations = read(join(dir, "d.ndjson"))
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l))
      .filter((e) => e.type === "activation");
    const msisdns = new Set(
      read(before.files.base)
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l).msisdn),
    );
    for (const e of activations) expect(msisdns.has(e.payload.msisdn)).toBe(true);
  });

  it("write CDRs that validate except the ones the truth marks malformed, with partials and gaps marked", () => {
    const result = writeUsage(
      {
        ...options,
        durationSec: 2 * 86_400,
        anomalies: { ...DEFAULT_USAGE_ANOMALIES, malformedRate: 0.01, gapRate: 0.01 },
      },
      lines,
      { out: join(dir, "u.ndjson") },
    );
    const records = read(result.files.records)
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    const truth = read(result.files.truth)
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    const malformed = new Set(truth.filter((t) => t.kind === "malformed").map((t) => t.id));
    expect(malformed.size).toBeGreaterThan(0);
    for (const r of records) expect(CdrSchema.safeParse(r).success).toBe(!malformed.has(r.recordId));
    const gaps = new Set(truth.filter((t) => t.kind === "sequence_gap").map((t) => t.id));
    const partials = records.filter((r) => r.partial?.sequence > 1);
    expect(partials.length).toBeGreaterThan(0);
    for (const p of partials) {
      const before = `cdr-${p.chargingId}-${p.partial.sequence - 1}`;
      expect(gaps.has(before) || records.some((r) => r.recordId === before)).toBe(true);
    }
    const byNode = new Map<string, number[]>();
    for (const r of records) {
      const key = `${r.chargingId.slice(0, 8)}/${r.recordingNode}`;
      byNode.set(key, [...(byNode.get(key) ?? []), r.localSequence]);
    }
    let missing = 0;
    for (const seqs of byNode.values()) {
      const sorted = [...new Set(seqs)].sort((a, b) => a - b);
      for (let i = 1; i < sorted.length; i++)
        missing += (sorted[i] as number) - (sorted[i - 1] as number) - 1;
    }
    expect(missing).toBeGreaterThan(0);
    expect(missing).toBeLessThanOrEqual(gaps.size);
    const ids = records.map((r) => r.recordId);
    expect(ids.length - new Set(ids).size).toBe(truth.filter((t) => t.kind === "duplicate").length);
  });
});
