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
import type { ChunkDone, ChunkTask } from "./base-worker.ts";
import { ByteBuffer } from "./byte-buffer.ts";
import { SUBSCRIBER_CSV_COLUMNS } from "./csv.ts";
import { createFileSink, interrupted } from "./file-sink.ts";

export interface WriteBaseOptions {
  readonly out: string;
  readonly format?: OutputFormat;
  /**
   * Worker threads rendering beside this thread, which renders too and writes. 0 renders in this
   * thread only. Default: for bases of 50,000 lines or more, one less than the cores (at most 2).
   */
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

/** The worker count writeBase uses when none is given. */
export function defaultBaseWorkers(count: number): number {
  return count >= 50_000 ? Math.max(0, Math.min(2, availableParallelism() - 1)) : 0;
}

/** A rendered chunk waiting for its turn to be written. */
interface Rendered extends RenderedChunk {
  readonly bytes: Uint8Array;
  /** Gives the chunk's memory back once it is written. */
  readonly recycle: () => void;
}

/** Bytes per rendered chunk to start with (a line is ~750 bytes; buffers grow when needed). */
const BYTES_PER_LINE = 800;

/** Generates the base `spec` describes and streams it to files. */
export async function writeBase(spec: BaseSpec, options: WriteBaseOptions): Promise<WriteBaseResult> {
  const format = options.format ?? "ndjson";
  const chunkSize = options.chunkSize ?? 4096;
  const workerCount = options.workers ?? defaultBaseWorkers(spec.count);
  const files = { base: options.out, ...sidecarFiles(options.out) };
  const sinks = {
    base: createFileSink(files.base),
    truth: createFileSink(files.truth),
    li: createFileSink(files.li),
  };
  if (format === "csv") sinks.base.write(`${SUBSCRIBER_CSV_COLUMNS.join(",")}\n`);
  const counts = { defects: 0, liTargets: 0 };
  const chunks = Math.ceil(spec.count / chunkSize);
  const capacity = chunkSize * BYTES_PER_LINE;
  const generator = createBaseGenerator(baseOptionsFromSpec(spec));
  const pool = Array.from({ length: workerCount }, () => new ChunkWorker(spec, format, capacity));
  const spare: ByteBuffer[] = [];
  const ready = new Map<number, Rendered>();
  // Chunks may be rendered at most this far ahead of the one being written: memory stays bounded.
  const window = 4 * (workerCount + 1);
  let assigned = 0;
  let written = 0;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const wakeUp = () => {
    wake?.();
    wake = undefined;
  };
  const canAssign = () => assigned < chunks && assigned - written < window && !options.signal?.aborted;
  const range = (chunk: number) => ({
    from: chunk * chunkSize,
    to: Math.min(spec.count, (chunk + 1) * chunkSize),
  });

  for (const worker of pool) {
    worker.onDone = (chunk, rendered) => {
      ready.set(chunk, rendered);
      wakeUp();
    };
    worker.onError = (error) => {
      failure ??= error;
      wakeUp();
    };
  }
  try {
    while (written < assigned || canAssign()) {
      if (failure) throw failure;
      for (const worker of pool) {
        while (worker.inFlight < 3 && canAssign()) worker.render(assigned, range(assigned++));
      }
      for (let next = ready.get(written); next; next = ready.get(written)) {
        ready.delete(written);
        sinks.base.writeBytes(next.bytes);
        sinks.truth.write(next.truth);
        sinks.li.write(next.li);
        counts.defects += countLines(next.truth);
        counts.liTargets += countLines(next.li);
        next.recycle();
        written++;
        options.onProgress?.(Math.min(spec.count, written * chunkSize), spec.count);
      }
      if (canAssign()) {
        // This thread renders a chunk too, then lets the workers' messages in.
        const chunk = assigned++;
        const { from, to } = range(chunk);
        const bytes = spare.pop() ?? new ByteBuffer(capacity);
        const sidecars = renderBaseChunk(generator, from, to, format, bytes);
        ready.set(chunk, {
          bytes: bytes.view(0, bytes.size),
          ...sidecars,
          recycle: () => {
            bytes.truncate(0);
            spare.push(bytes);
          },
        });
        await new Promise<void>((resolve) => setImmediate(resolve));
      } else if (!ready.has(written) && written < assigned) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    }
  } catch (error) {
    for (const sink of Object.values(sinks)) sink.abort();
    throw error;
  } finally {
    for (const worker of pool) worker.close();
  }
  const count = Math.min(spec.count, written * chunkSize);
  if (count < spec.count) {
    for (const sink of Object.values(sinks)) sink.abort();
    throw interrupted(files.base, count, spec.count, "subscribers");
  }
  for (const sink of Object.values(sinks)) sink.close();
  return { count, ...counts, files };
}

/** One worker thread of the writer, with the buffers it lent out on their way back. */
class ChunkWorker {
  inFlight = 0;
  onDone: (chunk: number, rendered: Rendered) => void = () => {};
  onError: (error: unknown) => void = () => {};
  private readonly worker: Worker;
  private readonly returned: ArrayBuffer[] = [];
  private closing = false;

  constructor(spec: BaseSpec, format: OutputFormat, capacity: number) {
    // A worker holds a few chunks at most: a small heap keeps the process's RSS flat (it counts them all).
    const resourceLimits = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 64 };
    this.worker = new Worker(new URL("./base-worker.ts", import.meta.url), {
      workerData: { spec, format, capacity },
      resourceLimits,
    });
    this.worker.on("error", (error) => this.onError(error));
    this.worker.on("exit", (code) => {
      if (!this.closing) this.onError(new Error(`a base worker thread stopped early (exit code ${code})`));
    });
    this.worker.on("message", (done: ChunkDone) => {
      this.inFlight--;
      this.onDone(done.chunk, {
        bytes: new Uint8Array(done.buffer, 0, done.length),
        truth: done.truth,
        li: done.li,
        recycle: () => this.returned.push(done.buffer),
      });
    });
  }

  render(chunk: number, range: { from: number; to: number }): void {
    const recycled = this.returned.pop();
    const task: ChunkTask = recycled ? { chunk, ...range, recycled } : { chunk, ...range };
    this.inFlight++;
    this.worker.postMessage(task, recycled ? [recycled] : []);
  }

  close(): void {
    this.closing = true;
    void this.worker.terminate();
  }
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}
