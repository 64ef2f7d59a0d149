/**
 * Runs a traffic or usage file job in a worker thread with a bounded heap. The job is plain data
 * (instants as ISO strings, the base as a spec or a file), so the output is the same as running
 * writeTraffic / writeUsage in this thread; the worker only caps memory: V8 sizes a busy main
 * thread's young generation far beyond what a streaming writer needs.
 */
import { Worker } from "node:worker_threads";
import { type ErrorCode, TrancheError } from "../domain/index.ts";
import type { BaseSpec } from "./base-spec.ts";
import type { TrafficOptions } from "./traffic-generator.ts";
import type { WriteTrafficResult } from "./traffic-writer.ts";
import type { UsageAnomalies } from "./usage-anomalies.ts";
import type { WriteUsageResult } from "./usage-writer.ts";

/** Where a job's lines come from: the seed's base, or a base file (validated line by line). */
export type JobBase = { readonly spec: BaseSpec } | { readonly file: string };

export interface JobWrite {
  readonly out: string;
  readonly format?: "ndjson" | "csv";
  readonly batchEvents?: number;
}

export type StreamJob =
  | {
      readonly kind: "traffic";
      readonly options: Omit<TrafficOptions, "from"> & { readonly from: string };
      readonly base: JobBase;
      readonly write: JobWrite;
    }
  | {
      readonly kind: "usage";
      readonly options: { seed: number; from: string; durationSec: number; anomalies?: UsageAnomalies };
      readonly base: JobBase;
      readonly write: JobWrite;
    };

type JobResult<J extends StreamJob> = J["kind"] extends "traffic" ? WriteTrafficResult : WriteUsageResult;

/** Runs the job in a worker; `onProgress` gets lines done; aborting stops it after the current line. */
export function runStreamJob<J extends StreamJob>(
  job: J,
  onProgress?: (done: number) => void,
  signal?: AbortSignal,
): Promise<JobResult<J>> {
  const worker = new Worker(new URL("./stream-worker.ts", import.meta.url), {
    workerData: job,
    resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 128 },
  });
  const abort = new Int32Array(new SharedArrayBuffer(4));
  worker.postMessage({ abort });
  const onAbort = () => Atomics.store(abort, 0, 1);
  signal?.addEventListener("abort", onAbort, { once: true });
  return new Promise((resolve, reject) => {
    worker.on(
      "message",
      (msg: {
        progress?: number;
        result?: JobResult<J>;
        error?: { code: string; message: string; hint?: string };
      }) => {
        if (msg.progress !== undefined) onProgress?.(msg.progress);
        if (msg.result) resolve(msg.result);
        if (msg.error)
          reject(new TrancheError(msg.error.code as ErrorCode, msg.error.message, msg.error.hint));
      },
    );
    worker.on("error", reject);
    worker.on("exit", () => signal?.removeEventListener("abort", onAbort));
  });
}
