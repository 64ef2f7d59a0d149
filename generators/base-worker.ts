/**
 * Worker thread of the base writer: renders the chunks the main thread asks for and hands the
 * bytes back without copying (transferred ArrayBuffers).
 */
import { parentPort, workerData } from "node:worker_threads";
import { type OutputFormat, renderBaseChunk } from "./base-chunk.ts";
import { createBaseGenerator } from "./base-generator.ts";
import { type BaseSpec, baseOptionsFromSpec } from "./base-spec.ts";
import { ByteBuffer } from "./byte-buffer.ts";

const { spec, format } = workerData as { spec: BaseSpec; format: OutputFormat };
const generator = createBaseGenerator(baseOptionsFromSpec(spec));
const bytes = new ByteBuffer(4 << 20);

parentPort?.on("message", (task: { chunk: number; from: number; to: number }) => {
  const rendered = renderBaseChunk(generator, task.from, task.to, format, bytes);
  const base = bytes.take();
  parentPort?.postMessage({ chunk: task.chunk, base, truth: rendered.truth, li: rendered.li }, [
    base.buffer as ArrayBuffer,
  ]);
});
