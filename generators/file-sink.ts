/**
 * A buffered, synchronous sink over a file descriptor. Text is encoded into a byte buffer as it
 * arrives (concatenating strings first built deep ropes whose flattening dominated write time)
 * and flushed every megabyte, so memory stays flat however large the output.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { ByteBuffer } from "./byte-buffer.ts";

const FLUSH_AT = 1 << 20;

export interface Sink {
  /** Appends text (typically whole lines) as UTF-8. */
  write(text: string): void;
  /** Appends bytes as they are. */
  writeBytes(bytes: Uint8Array): void;
  /** Flushes and closes the file. */
  close(): void;
}

/** Opens `path` for writing (truncating it) and returns a buffered sink. */
export function createFileSink(path: string): Sink {
  const fd = openSync(path, "w");
  const pending = new ByteBuffer(FLUSH_AT * 2);
  const writeAll = (bytes: Uint8Array) => {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
  };
  const flush = () => {
    if (pending.size > 0) writeAll(pending.drain());
  };
  return {
    write(text) {
      pending.write(text);
      if (pending.size >= FLUSH_AT) flush();
    },
    writeBytes(bytes) {
      if (bytes.length >= FLUSH_AT) {
        flush();
        writeAll(bytes);
        return;
      }
      pending.writeBytes(bytes);
      if (pending.size >= FLUSH_AT) flush();
    },
    close() {
      flush();
      closeSync(fd);
    },
  };
}
