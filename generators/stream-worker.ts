/** Worker side of runStreamJob: rebuilds the options, runs the writer, reports progress and result. */
import { parentPort, workerData } from "node:worker_threads";
import { Temporal } from "temporal-polyfill";
import { type Subscriber, SubscriberSchema, TrancheError } from "../domain/index.ts";
import { generateBase } from "./base-generator.ts";
import { baseOptionsFromSpec } from "./base-spec.ts";
import { readNdjsonRecords } from "./ndjson-reader.ts";
import type { JobBase, StreamJob } from "./stream-job.ts";
import { writeTraffic } from "./traffic-writer.ts";
import { writeUsage } from "./usage-writer.ts";

/** The lines of a job: re-read (or regenerated) on each call, never held in memory. */
function linesOf(base: JobBase): () => Iterable<Subscriber> {
  if ("file" in base) return () => readNdjsonRecords(base.file, SubscriberSchema);
  const options = baseOptionsFromSpec(base.spec);
  return () => generateBase(options);
}

const job = workerData as StreamJob;

parentPort?.once("message", ({ abort }: { abort: Int32Array }) => {
  const signal = { aborted: false } as { aborted: boolean };
  Object.defineProperty(signal, "aborted", { get: () => Atomics.load(abort, 0) === 1 });
  const write = {
    ...job.write,
    signal: signal as AbortSignal,
    onProgress: (done: number) => parentPort?.postMessage({ progress: done }),
  };
  try {
    const from = Temporal.Instant.from(job.options.from);
    const lines = linesOf(job.base);
    const result =
      job.kind === "traffic"
        ? writeTraffic({ ...job.options, from }, lines, write)
        : writeUsage({ ...job.options, from }, lines, write);
    parentPort?.postMessage({ result });
  } catch (error) {
    if (!(error instanceof TrancheError)) throw error;
    parentPort?.postMessage({ error: { code: error.code, message: error.message, hint: error.hint } });
  }
});
