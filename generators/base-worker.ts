/**
 * Worker thread of the base writer: renders the chunks the main thread asks for and hands the
 * bytes over without copying (transferred ArrayBuffers). The main thread sends each buffer back once
 * it is written, so a worker cycles through the same few buffers for the whole base.
 */
import { parentPort, workerData } from "node:worker_threads";
import { type OutputFormat, renderBaseChunk } from "./base-chunk.ts";
import { createBaseGenerator } from "./base-generator.ts";
import { type BaseSpec, baseOptionsFromSpec } from "./base-spec.ts";
import { ByteBuffer } from "./byte-buffer.ts";

export interface ChunkTask {
  readonly chunk: number;
  readonly from: number;
  readonly to: number;
  /** A buffer this worker sent earlier, written and handed back for reuse. */
  readonly recycled?: ArrayBuffer;
}

export interface ChunkDone {
  readonly chunk: number;
  readonly buffer: ArrayBuffer;
  readonly length: number;
  readonly truth: string;
  readonly li: string;
}

const { spec, format, capacity } = workerData as { spec: BaseSpec; format: OutputFormat; capacity: number };
const generator = createBaseGenerator(baseOptionsFromSpec(spec));
const free: ArrayBuffer[] = [];

parentPort?.on("message", (task: ChunkTask) => {
  if (task.recycled) free.push(task.recycled);
  const bytes = new ByteBuffer(free.pop() ?? capacity);
  const rendered = renderBaseChunk(generator, task.from, task.to, format, bytes);
  const { buffer, length } = bytes.release();
  const done: ChunkDone = { chunk: task.chunk, buffer, length, ...rendered };
  parentPort?.postMessage(done, [buffer]);
});
