/**
 * Writes a base to disk as a stream: `<out>` (NDJSON or CSV), `<out>.truth.ndjson` (the injected
 * defects) and `<out>.li.ndjson` (the lawful-intercept list, kept apart from the base). Lines are
 * rendered in fixed chunks, in this thread or in worker threads; chunks are written in order, so the
 * bytes are the same for any worker count or chunk size, and only a few chunks are held at once.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { type OutputFormat, type RenderedChunk, renderBaseChunk } from "./base-chunk.ts";
import { createBaseGenerator } from "./base-generator.ts";
import { type BaseSpec, baseOptionsFromSpec } from "./base-spec.ts";
import { ByteBuffer } from "./byte-buffer.ts";
import { SUBSCRIBER_CSV_COLUMNS } from "./csv.ts";
import { createFileSink, type Sink } from "./file-sink.ts";

export interface WriteBaseOptions {
  readonly out: string;
  readonly format?: OutputFormat;
  /** Worker threads; 0 renders in this thread. Default: up to 2 for large bases, else 0. */
  readonly workers?: number;
  /** Lines per chunk (does not change the output). */
  readonly chunkSize?: number;
  /** Called after each chunk is written. */
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
}

export interface WriteBaseResult {
  readonly count: number;
  readonly defects: number;
  readonly liTargets: number;
  readonly files: { readonly base: string; readonly truth: string; readonly li: string };
}

/** The sidecar file names of a base written to `out`. */
export function sidecarFiles(out: string): { truth: string; li: string } {
  return { truth: `${out}.truth.ndjson`, li: `${out}.li.ndjson` };
}

/** Generates the base `spec` describes and streams it to files. */
export async function writeBase(spec: BaseSpec, options: WriteBaseOptions): Promise<WriteBaseResult> {
  const format = options.format ?? "ndjson";
  const chunkSize = options.chunkSize ?? 4096;
  const workers = options.workers ?? (spec.count >= 50_000 ? Math.min(2, availableParallelism()) : 0);
  const files = { base: options.out, ...sidecarFiles(options.out) };
  const sinks = {
    base: createFileSink(files.base),
    truth: createFileSink(files.truth),
    li: createFileSink(files.li),
  };
  if (format === "csv") sinks.base.write(`${SUBSCRIBER_CSV_COLUMNS.join(",")}\n`);
  const counts = { defects: 0, liTargets: 0 };
  const chunks = Math.ceil(spec.count / chunkSize);
  let written = 0;
  const emit = (chunk: number, rendered: { base: Uint8Array } & RenderedChunk) => {
    sinks.base.writeBytes(rendered.base);
    sinks.truth.write(rendered.truth);
    sinks.li.write(rendered.li);
    counts.defects += countLines(rendered.truth);
    counts.liTargets += countLines(rendered.li);
    written = Math.min(spec.count, (chunk + 1) * chunkSize);
    options.onProgress?.(written, spec.count);
  };
  try {
    if (workers <= 0) {
      const generator = createBaseGenerator(baseOptionsFromSpec(spec));
      const bytes = new ByteBuffer(4 << 20);
      for (let c = 0; c < chunks && !options.signal?.aborted; c++) {
        const to = Math.min(spec.count, (c + 1) * chunkSize);
        const sidecars = renderBaseChunk(generator, c * chunkSize, to, format, bytes);
        emit(c, { base: bytes.drain(), ...sidecars });
        await Promise.resolve();
      }
    } else {
      await renderInWorkers(spec, format, workers, chunkSize, chunks, emit, options.signal);
    }
  } finally {
    closeAll(sinks);
  }
  return { count: written, ...counts, files };
}

type Emit = (chunk: number, rendered: { base: Uint8Array } & RenderedChunk) => void;

/** Round-robins chunks over workers, at most two in flight per worker, writing them in order. */
function renderInWorkers(
  spec: BaseSpec,
  format: OutputFormat,
  workerCount: number,
  chunkSize: number,
  chunks: number,
  emit: Emit,
  signal: AbortSignal | undefined,
): Promise<void> {
  const url = new URL("./base-worker.ts", import.meta.url);
  // A worker holds two chunks at most: a small heap keeps the process's RSS flat (it counts them all).
  const resourceLimits = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 64 };
  const pool = Array.from(
    { length: workerCount },
    () => new Worker(url, { workerData: { spec, format }, resourceLimits }),
  );
  const done = new Map<number, { base: Uint8Array } & RenderedChunk>();
  const inFlight = workerCount * 2;
  let next = 0;
  let requested = 0;
  return new Promise<void>((resolve, reject) => {
    const finish = (error?: unknown) => {
      for (const w of pool) void w.terminate();
      if (error) reject(error);
      else resolve();
    };
    const request = () => {
      while (requested < chunks && requested < next + inFlight && !signal?.aborted) {
        const from = requested * chunkSize;
        (pool[requested % workerCount] as Worker).postMessage({
          chunk: requested,
          from,
          to: Math.min(spec.count, from + chunkSize),
        });
        requested++;
      }
    };
    for (const worker of pool) {
      worker.on("error", finish);
      worker.on("message", (msg: { chunk: number; base: Uint8Array } & RenderedChunk) => {
        done.set(msg.chunk, msg);
        try {
          for (let ready = done.get(next); ready; ready = done.get(next)) {
            done.delete(next);
            emit(next, ready);
            next++;
          }
        } catch (error) {
          finish(error);
          return;
        }
        if (next >= chunks || (signal?.aborted && next >= requested)) finish();
        else request();
      });
    }
    if (chunks === 0) finish();
    else request();
  });
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

function closeAll(sinks: Record<string, Sink>): void {
  for (const sink of Object.values(sinks)) sink.close();
}
