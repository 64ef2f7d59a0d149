/**
 * Streams a usage file: `<out>` (CDRs as NDJSON or CSV, ordered by delivery time — record close
 * time, later for late records) and `<out>.truth.ndjson`, through the same external sort as traffic.
 */
import type { Subscriber } from "../domain/index.ts";
import { csvLine } from "./csv.ts";
import { createFileSink, interrupted } from "./file-sink.ts";
import { SortedLineWriter } from "./sorted-line-writer.ts";
import { UsageGenerator, type UsageOptions } from "./usage-generator.ts";

export const CDR_CSV_COLUMNS = [
  "recordId",
  "service",
  "msisdn",
  "imsi",
  "imei",
  "calledNumber",
  "start",
  "durationSec",
  "uplinkBytes",
  "downlinkBytes",
  "chargingId",
  "partial.sequence",
  "partial.final",
  "localSequence",
  "recordingNode",
  "closeCause",
  "cell",
  "roamingMcc",
];

export interface WriteUsageResult {
  readonly subscribers: number;
  readonly records: number;
  readonly anomalies: number;
  readonly files: { readonly records: string; readonly truth: string };
}

/** Generates CDRs for the lines `base()` yields. */
export function writeUsage(
  options: UsageOptions,
  base: () => Iterable<Subscriber>,
  write: {
    readonly out: string;
    readonly format?: "ndjson" | "csv";
    readonly onProgress?: (done: number) => void;
    readonly signal?: AbortSignal;
  },
): WriteUsageResult {
  const generator = new UsageGenerator(options);
  const files = { records: write.out, truth: `${write.out}.truth.ndjson` };
  const sink = createFileSink(files.records);
  const truthSink = createFileSink(files.truth);
  const csv = write.format === "csv";
  if (csv) sink.write(csvLine(CDR_CSV_COLUMNS));
  const sorter = new SortedLineWriter(sink);
  let subscribers = 0;
  let records = 0;
  let truthLines = 0;
  try {
    for (const subscriber of base()) {
      if (write.signal?.aborted) break;
      const result = generator.records(subscriber, subscribers++);
      for (const { ms, id, record } of result.records) {
        const r = record as Record<string, unknown> & { partial?: { sequence: number; final: boolean } };
        const line = csv
          ? csvLine(
              CDR_CSV_COLUMNS.map((c) =>
                c.startsWith("partial.")
                  ? r.partial?.[c.slice(8) as "sequence" | "final"]
                  : (r[c] as string | number | null),
              ),
            )
          : `${JSON.stringify(record)}\n`;
        sorter.add(ms, id, line);
        records++;
      }
      for (const t of result.truth) truthSink.write(`${JSON.stringify(t)}\n`);
      truthLines += result.truth.length;
      if (subscribers % 10_000 === 0) write.onProgress?.(subscribers);
    }
    sorter.finish();
  } catch (error) {
    sink.abort();
    truthSink.abort();
    throw error;
  }
  if (write.signal?.aborted) {
    sink.abort();
    truthSink.abort();
    throw interrupted(files.records, subscribers, null, "subscribers' lines");
  }
  sink.close();
  truthSink.close();
  write.onProgress?.(subscribers);
  return { subscribers, records, anomalies: truthLines, files };
}
