/**
 * An external sort for time-ordered files too large for memory: lines arrive keyed by (epoch ms,
 * id) in any order, are sorted in bounded batches, spilled to temporary run files when a batch is
 * full, and merged into the sink at the end. Keys are unique, so the output order — and therefore
 * the bytes — never depend on the batch size.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StringDecoder } from "node:string_decoder";
import { createFileSink, type Sink } from "./file-sink.ts";
import { padDigits } from "./identifiers.ts";

interface Entry {
  readonly key: string;
  readonly line: string;
}

/** A sort key that orders like (ms, id): fixed-width milliseconds, then the id. */
export function sortKey(ms: number, id: string): string {
  return `${padDigits(Math.max(0, ms), 15)} ${id}`;
}

export class SortedLineWriter {
  private readonly sink: Sink;
  private readonly maxBuffered: number;
  private buffer: Entry[] = [];
  private runDir: string | undefined;
  private readonly runs: string[] = [];

  constructor(sink: Sink, maxBuffered = 200_000) {
    this.sink = sink;
    this.maxBuffered = maxBuffered;
  }

  /** Adds one line (with its newline) under its sort key. */
  add(key: string, line: string): void {
    this.buffer.push({ key, line });
    if (this.buffer.length >= this.maxBuffered) this.spill();
  }

  /** Writes every line in key order to the sink and removes the run files. */
  finish(): void {
    if (this.runs.length === 0) {
      for (const e of this.sorted()) this.sink.write(e.line);
      this.buffer = [];
      return;
    }
    this.spill();
    try {
      this.merge();
    } finally {
      if (this.runDir) rmSync(this.runDir, { recursive: true, force: true });
    }
  }

  private sorted(): Entry[] {
    return this.buffer.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  private spill(): void {
    if (this.buffer.length === 0) return;
    this.runDir ??= mkdtempSync(join(tmpdir(), "tranche-sort-"));
    const file = join(this.runDir, `run-${this.runs.length}`);
    const run = createFileSink(file);
    for (const e of this.sorted()) run.write(`${e.key}\t${e.line}`);
    run.close();
    this.runs.push(file);
    this.buffer = [];
  }

  private merge(): void {
    const readers = this.runs.map((f) => new LineReader(f));
    const heads: Array<{ key: string; line: string; r: LineReader }> = [];
    const pull = (r: LineReader) => {
      const raw = r.next();
      if (raw === null) {
        r.close();
        return null;
      }
      const tab = raw.indexOf("\t");
      return { key: raw.slice(0, tab), line: `${raw.slice(tab + 1)}\n`, r };
    };
    for (const r of readers) {
      const h = pull(r);
      if (h) heads.push(h);
    }
    // Few runs (tens): a linear scan for the minimum beats a heap's bookkeeping.
    while (heads.length > 0) {
      let min = 0;
      for (let i = 1; i < heads.length; i++)
        if ((heads[i]?.key as string) < (heads[min]?.key as string)) min = i;
      const head = heads[min] as { key: string; line: string; r: LineReader };
      this.sink.write(head.line);
      const next = pull(head.r);
      if (next) heads[min] = next;
      else heads.splice(min, 1);
    }
  }
}

/** Reads a file line by line in 1 MiB blocks (lines without their newline). */
export class LineReader {
  private readonly fd: number;
  private readonly decoder = new StringDecoder("utf8");
  private readonly block = Buffer.allocUnsafe(1 << 20);
  private lines: string[] = [];
  private at = 0;
  private carry = "";
  private eof = false;
  /** 1-based number of the line last returned. */
  lineNumber = 0;

  constructor(file: string) {
    this.fd = openSync(file, "r");
  }

  /** The next line, or null at the end of the file. */
  next(): string | null {
    while (this.at >= this.lines.length) {
      if (this.eof) return null;
      const n = readSync(this.fd, this.block, 0, this.block.length, null);
      let text: string;
      if (n === 0) {
        this.eof = true;
        text = this.carry + this.decoder.end();
        this.carry = "";
        this.lines = text.length > 0 ? [text] : [];
      } else {
        text = this.carry + this.decoder.write(this.block.subarray(0, n));
        const parts = text.split("\n");
        this.carry = parts.pop() ?? "";
        this.lines = parts;
      }
      this.at = 0;
    }
    this.lineNumber++;
    return this.lines[this.at++] as string;
  }

  /** Closes the file. */
  close(): void {
    closeSync(this.fd);
  }
}
