/**
 * Renders a contiguous slice of a base as text: the base lines (NDJSON or CSV), the truth-file
 * lines of its defects and the LI-list lines. The writer and its worker threads share it, so the
 * bytes of a slice never depend on who rendered it.
 */
import type { BaseGenerator } from "./base-generator.ts";
import type { ByteBuffer } from "./byte-buffer.ts";
import { subscriberCsv } from "./csv.ts";

export type OutputFormat = "ndjson" | "csv";

export interface RenderedChunk {
  truth: string;
  li: string;
}

/**
 * Renders lines [from, to) of the base: base lines into `base`, the sidecar lines returned. A clean
 * NDJSON line is written straight to bytes; only lines with defects, LI targets (for the list) and
 * CSV output build the subscriber object.
 */
export function renderBaseChunk(
  generator: BaseGenerator,
  from: number,
  to: number,
  format: OutputFormat,
  base: ByteBuffer,
): RenderedChunk {
  let truth = "";
  let li = "";
  for (let i = from; i < to; i++) {
    const direct = format === "ndjson" && generator.isClean(i);
    if (direct) {
      generator.writeCleanLine(i, base);
      base.byte(NEWLINE);
      if (!generator.isLiTarget(i)) continue;
    }
    const record = generator.record(i);
    if (!direct) {
      base.write(
        format === "csv" ? subscriberCsv(record.subscriber) : `${JSON.stringify(record.subscriber)}\n`,
      );
    }
    for (const defect of record.defects) truth += `${JSON.stringify(defect)}\n`;
    if (record.liTarget) li += `${JSON.stringify(record.liTarget)}\n`;
  }
  return { truth, li };
}

const NEWLINE = 0x0a;
