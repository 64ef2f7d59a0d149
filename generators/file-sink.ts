/**
 * A buffered, synchronous sink over a file descriptor. Text is encoded into a byte buffer as it
 * arrives (concatenating strings first built deep ropes whose flattening dominated write time)
 * and flushed every megabyte, so memory stays flat however large the output.
 *
 * Output files are written under a temporary name beside the final one and renamed when complete
 * (`close`): an interrupted run never leaves a file of complete lines under the final name that
 * looks like a finished, smaller output. `abort` removes the temporary file.
 */
import { closeSync, existsSync, openSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileProblem, outputError, TrancheError } from "../domain/index.ts";
import { ByteBuffer } from "./byte-buffer.ts";

const FLUSH_AT = 1 << 20;

export interface Sink {
  /** Appends text (typically whole lines) as UTF-8. */
  write(text: string): void;
  /** Appends bytes as they are. */
  writeBytes(bytes: Uint8Array): void;
  /** Flushes and closes the file; an atomic sink then moves it to its final name. */
  close(): void;
  /** Closes and removes what was written (the final name is left untouched). */
  abort(): void;
}

/**
 * Checks that `path` can be written as a file: its folder exists and is a folder, and it is not a
 * folder itself. Throws E_OUTPUT naming the path and the fix.
 */
export function checkOutputFile(path: string): void {
  const folder = dirname(path);
  let info: ReturnType<typeof statSync> | undefined;
  try {
    info = statSync(folder);
  } catch (error) {
    throw outputError(
      path,
      `its folder ${folder} cannot be used (${fileProblem(error)})`,
      "Create the folder first or choose another path.",
    );
  }
  if (!info.isDirectory())
    throw outputError(path, `${folder} is a file, not a folder`, "Choose a path inside a folder.");
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw outputError(path, "it is a folder", "Give a file name, e.g. out/base.ndjson.");
  }
}

/** Opens `path` for writing (truncating it when complete) and returns a buffered sink. */
export function createFileSink(path: string, options: { readonly atomic?: boolean } = {}): Sink {
  const atomic = options.atomic ?? true;
  if (atomic) checkOutputFile(path);
  const target = atomic ? join(dirname(path), `.${basename(path)}.partial-${process.pid}`) : path;
  let fd: number;
  try {
    fd = openSync(target, "w");
  } catch (error) {
    throw outputError(path, fileProblem(error), "Check the path and its permissions.");
  }
  const pending = new ByteBuffer(FLUSH_AT * 2);
  const writeAll = (bytes: Uint8Array) => {
    let offset = 0;
    try {
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
    } catch (error) {
      throw outputError(path, fileProblem(error));
    }
  };
  const flush = () => {
    if (pending.size > 0) writeAll(pending.drain());
  };
  let open = true;
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
      if (!open) return;
      open = false;
      flush();
      closeSync(fd);
      if (atomic) renameSync(target, path);
    },
    abort() {
      if (!open) return;
      open = false;
      closeSync(fd);
      if (atomic) rmSync(target, { force: true });
    },
  };
}

/** Writes a whole text file atomically (temporary name, then rename). */
export function writeFileAtomic(path: string, text: string): void {
  const sink = createFileSink(path);
  try {
    sink.write(text);
  } catch (error) {
    sink.abort();
    throw error;
  }
  sink.close();
}

/** The error of a generation stopped before its end: nothing is left under the final name. */
export function interrupted(file: string, done: number, total: number | null, what: string): TrancheError {
  return new TrancheError(
    "E_INTERRUPTED",
    `generation interrupted after ${done}${total === null ? "" : ` of ${total}`} ${what}: nothing was written to ${file}.`,
    "Run it again to completion.",
  );
}
