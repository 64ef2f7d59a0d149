/**
 * Streams a traffic file: every line's chain is generated in base order and pushed through an
 * external sort, so ten million events need memory for one sort batch only. Writes `<out>`
 * (NDJSON or CSV, ordered by delivery time, ties by id) and `<out>.truth.ndjson`.
 */
import { type Subscriber, toSeed } from "../domain/index.ts";
import { csvLine } from "./csv.ts";
import { createFileSink, interrupted } from "./file-sink.ts";
import { SortedLineWriter } from "./sorted-line-writer.ts";
import { withPeakRate } from "./traffic.ts";
import { TrafficGenerator, type TrafficOptions } from "./traffic-generator.ts";
import { skewTruth } from "./traffic-irregularities.ts";
import { DEFAULT_TRAFFIC_PROFILE } from "./traffic-profile.ts";

export const EVENT_CSV_COLUMNS = [
  "id",
  "at",
  "occurredAt",
  "subscriberId",
  "type",
  "idempotencyKey",
  "source",
  "payload",
];

export interface WriteTrafficOptions {
  readonly out: string;
  readonly format?: "ndjson" | "csv";
  /** Events per in-memory sort batch (does not change the output). */
  readonly batchEvents?: number;
  /** Called every 10,000 lines with lines done (total is the base size when known). */
  readonly onProgress?: (done: number) => void;
  readonly signal?: AbortSignal;
}

export interface WriteTrafficResult {
  readonly subscribers: number;
  readonly events: number;
  readonly irregular: number;
  readonly files: { readonly events: string; readonly truth: string };
}

/** Generates traffic for the lines `base()` yields (called twice when a peak rate is set). */
export function writeTraffic(
  options: TrafficOptions,
  base: () => Iterable<Subscriber>,
  write: WriteTrafficOptions,
): WriteTrafficResult {
  const resolved = options.peakEventsPerSec === undefined ? options : withPeakRate(options, base());
  const generator = new TrafficGenerator(resolved);
  const files = { events: write.out, truth: `${write.out}.truth.ndjson` };
  const sink = createFileSink(files.events);
  const truthSink = createFileSink(files.truth);
  const csv = write.format === "csv";
  if (csv) sink.write(csvLine(EVENT_CSV_COLUMNS));
  const sorter = new SortedLineWriter(sink, write.batchEvents);
  let subscribers = 0;
  let events = 0;
  let irregular = 0;
  try {
    for (const subscriber of base()) {
      if (write.signal?.aborted) break;
      const chain = generator.chain(subscriber, subscribers++);
      for (const { ms, event } of chain.events) {
        const e = event as typeof event & { occurredAt?: string };
        const line = csv
          ? csvLine([
              e.id,
              e.at,
              e.occurredAt,
              e.subscriberId,
              e.type,
              e.idempotencyKey,
              e.source,
              JSON.stringify(e.payload),
            ])
          : `${JSON.stringify(event)}\n`;
        sorter.add(ms, event.id, line);
        events++;
      }
      for (const t of chain.truth) truthSink.write(`${JSON.stringify(t)}\n`);
      irregular += chain.truth.length;
      if (subscribers % 10_000 === 0) write.onProgress?.(subscribers);
    }
    sorter.finish();
    const sources = [...new Set(Object.values(options.profile?.sources ?? DEFAULT_TRAFFIC_PROFILE.sources))];
    for (const t of skewTruth(toSeed(options.seed), sources, options.irregularities?.maxClockSkewMs ?? 0)) {
      truthSink.write(`${JSON.stringify(t)}\n`);
      irregular++;
    }
  } catch (error) {
    sink.abort();
    truthSink.abort();
    throw error;
  }
  if (write.signal?.aborted) {
    sink.abort();
    truthSink.abort();
    throw interrupted(files.events, subscribers, null, "subscribers' lines");
  }
  sink.close();
  truthSink.close();
  write.onProgress?.(subscribers);
  return { subscribers, events, irregular, files };
}
