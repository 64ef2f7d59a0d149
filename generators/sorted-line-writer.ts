/**
 * An external sort for time-ordered files too large for memory: lines arrive keyed by (epoch ms,
 * id) in any order, are sorted in bounded batches, spilled to temporary run files when a batch is
 * full, and merged into the sink at the end. Keys are unique, so the output order — and therefore
 * the bytes — never depend on the batch size. The merge moves lines as bytes: decoding and
 * re-encoding ten million lines cost more than generating them.
 */
import { closeSync, fstatSync, mkdtempSync, openSync, readSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StringDecoder } from "node:string_decoder";
import { fileProblem, inputError, stripBom, stripLineEnd } from "../domain/index.ts";
import { ByteBuffer } from "./byte-buffer.ts";
import { createFileSink, type Sink } from "./file-sink.ts";

/** A buffered line: its key and where its UTF-8 bytes sit in the arena. */
interface Entry {
  readonly ms: number;
  readonly id: string;
  readonly start: number;
  readonly end: number;
}

/** Buffered lines are encoded into one arena: per-line strings kept whole rope trees alive. */
const ARENA_BYTES = 32 << 20;
/** Longest line the arena takes without growing (UTF-8 needs at most 3 bytes per UTF-16 unit). */
const ARENA_SLACK = 4 << 20;

/** Orders by instant, then id (ids are ASCII, so code-unit order is byte order). */
function compare(aMs: number, aId: string, bMs: number, bId: string): number {
  return aMs - bMs || (aId < bId ? -1 : aId > bId ? 1 : 0);
}

/** Collects keyed lines and writes them to a sink in (ms, id) order, spilling sorted runs to disk. */
export class SortedLineWriter {
  private readonly sink: Sink;
  private readonly maxBuffered: number;
  private buffer: Entry[] = [];
  private readonly arena = new ByteBuffer(ARENA_BYTES + ARENA_SLACK);
  private runDir: string | undefined;
  private readonly runs: string[] = [];

  constructor(sink: Sink, maxBuffered = 100_000) {
    this.sink = sink;
    this.maxBuffered = maxBuffered;
  }

  /** Adds one line (with its newline) delivered at `ms` with a unique ASCII `id`. */
  add(ms: number, id: string, line: string): void {
    if (this.arena.size + line.length * 3 > ARENA_BYTES + ARENA_SLACK) this.spill();
    const start = this.arena.size;
    this.arena.write(line);
    this.buffer.push({ ms, id, start, end: this.arena.size });
    if (this.buffer.length >= this.maxBuffered || this.arena.size >= ARENA_BYTES) this.spill();
  }

  /** Writes every line in key order to the sink and removes the run files. */
  finish(): void {
    if (this.runs.length === 0) {
      for (const e of this.sorted()) this.sink.writeBytes(this.arena.view(e.start, e.end));
      this.buffer = [];
      this.arena.drain();
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
    return this.buffer.sort((a, b) => compare(a.ms, a.id, b.ms, b.id));
  }

  private spill(): void {
    if (this.buffer.length === 0) return;
    this.runDir ??= mkdtempSync(join(tmpdir(), "tranche-sort-"));
    const file = join(this.runDir, `run-${this.runs.length}`);
    const run = createFileSink(file, { atomic: false });
    for (const e of this.sorted()) {
      run.write(`${e.ms}\t${e.id}\t`);
      run.writeBytes(this.arena.view(e.start, e.end));
    }
    run.close();
    this.runs.push(file);
    this.buffer = [];
    this.arena.drain();
  }

  private merge(): void {
    const heads = this.runs.map((f) => new RunReader(f)).filter((r) => r.advance());
    // Tens of runs: a linear scan for the minimum beats a heap's bookkeeping.
    while (heads.length > 0) {
      let min = 0;
      for (let i = 1; i < heads.length; i++) {
        const a = heads[i] as RunReader;
        const b = heads[min] as RunReader;
        if (compare(a.ms, a.id, b.ms, b.id) < 0) min = i;
      }
      const head = heads[min] as RunReader;
      this.sink.writeBytes(head.line);
      if (!head.advance()) {
        head.close();
        heads.splice(min, 1);
      }
    }
  }
}

const NEWLINE = 10;
const TAB = 9;

/**
 * Reads a run file record by record: `ms \t id \t line\n`, the line kept as bytes. Blocks are
 * small because a ten-million-line file merges about a hundred runs at once.
 */
class RunReader {
  ms = 0;
  id = "";
  /** The current line with its newline (a view, valid until the next advance). */
  line: Uint8Array = new Uint8Array(0);
  private readonly fd: number;
  private block = Buffer.allocUnsafe(128 << 10);
  private start = 0;
  private end = 0;
  private eof = false;

  /** Opens `file`; throws E_INPUT naming it when it is missing, a folder or unreadable. */
  constructor(file: string) {
    try {
      this.fd = openSync(file, "r");
      if (fstatSync(this.fd).isDirectory()) {
        closeSync(this.fd);
        throw Object.assign(new Error("folder"), { code: "EISDIR" });
      }
    } catch (error) {
      throw inputError(file, undefined, `${fileProblem(error)}.`);
    }
  }

  /** Moves to the next record; false at the end. */
  advance(): boolean {
    let nl = this.block.indexOf(NEWLINE, this.start);
    while (nl === -1 || nl >= this.end) {
      if (this.eof) return false;
      this.refill();
      nl = this.block.indexOf(NEWLINE, this.start);
    }
    let p = this.start;
    let ms = 0;
    for (let c = this.block[p] as number; c !== TAB; c = this.block[++p] as number) ms = ms * 10 + (c - 48);
    const idStart = ++p;
    while (this.block[p] !== TAB) p++;
    this.ms = ms;
    this.id = this.block.toString("latin1", idStart, p);
    this.line = this.block.subarray(p + 1, nl + 1);
    this.start = nl + 1;
    return true;
  }

  private refill(): void {
    const rest = this.end - this.start;
    if (rest === this.block.length) {
      const grown = Buffer.allocUnsafe(this.block.length * 2);
      this.block.copy(grown, 0, this.start, this.end);
      this.block = grown;
    } else {
      this.block.copy(this.block, 0, this.start, this.end);
    }
    this.start = 0;
    this.end = rest;
    const n = readSync(this.fd, this.block, this.end, this.block.length - this.end, null);
    if (n === 0) this.eof = true;
    this.end += n;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Reads a text file line by line in 1 MiB blocks (lines without their newline). */
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

  /** Opens `file`; throws E_INPUT naming it when it is missing, a folder or unreadable. */
  constructor(file: string) {
    try {
      this.fd = openSync(file, "r");
      if (fstatSync(this.fd).isDirectory()) {
        closeSync(this.fd);
        throw Object.assign(new Error("folder"), { code: "EISDIR" });
      }
    } catch (error) {
      throw inputError(file, undefined, `${fileProblem(error)}.`);
    }
  }

  /** The next line, or null at the end of the file. */
  next(): string | null {
    while (this.at >= this.lines.length) {
      if (this.eof) return null;
      const n = readSync(this.fd, this.block, 0, this.block.length, null);
      if (n === 0) {
        this.eof = true;
        const text = this.carry + this.decoder.end();
        this.carry = "";
        this.lines = text.length > 0 ? [text] : [];
      } else {
        const parts = (this.carry + this.decoder.write(this.block.subarray(0, n))).split("\n");
        this.carry = parts.pop() ?? "";
        this.lines = parts;
      }
      this.at = 0;
    }
    this.lineNumber++;
    const line = this.lines[this.at++] as string;
    // Windows tools write a byte-order mark first and CRLF endings: read both as plain lines.
    return this.lineNumber === 1 ? stripLineEnd(stripBom(line)) : stripLineEnd(line);
  }

  /** Closes the file. */
  close(): void {
    closeSync(this.fd);
  }
}
