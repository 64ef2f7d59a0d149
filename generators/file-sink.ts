/**
 * A buffered, synchronous line sink over a file descriptor. Generators write through it so that
 * memory stays flat however large the output: text is flushed every megabyte.
 */
import { closeSync, openSync, writeSync } from "node:fs";

const FLUSH_AT = 1 << 20;

export interface Sink {
  /** Appends text (typically whole lines) to the file. */
  write(text: string | Uint8Array): void;
  /** Flushes and closes the file. */
  close(): void;
}

/** Opens `path` for writing (truncating it) and returns a buffered sink. */
export function createFileSink(path: string): Sink {
  const fd = openSync(path, "w");
  let pending = "";
  const flush = () => {
    if (pending.length > 0) writeSync(fd, pending);
    pending = "";
  };
  return {
    write(text) {
      if (typeof text === "string") {
        pending += text;
        if (pending.length >= FLUSH_AT) flush();
      } else {
        flush();
        let offset = 0;
        while (offset < text.length) offset += writeSync(fd, text, offset);
      }
    },
    close() {
      flush();
      closeSync(fd);
    },
  };
}
