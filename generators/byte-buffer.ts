/**
 * A growable UTF-8 byte buffer. Lines are encoded into it one by one: concatenating a chunk's lines
 * into one string first built deep rope strings whose flattening dominated the writer's time.
 *
 * The hot writers (the base's NDJSON lines) skip strings altogether: literals are prepared once as
 * bytes (`ascii`), numbers are written digit by digit, and text goes through `jsonText`, which
 * escapes exactly as JSON.stringify does. A million-line base spends no time building, flattening
 * or encoding intermediate strings.
 */
import { luhnOfDigits } from "./identifiers.ts";

const POW10 = Array.from({ length: 17 }, (_, i) => 10 ** i);
/** "00", "01" … "99" as byte pairs. */
const DIGIT_PAIRS = Uint8Array.from(
  { length: 200 },
  (_, i) => 48 + (i % 2 === 0 ? Math.floor(i / 20) : (i >> 1) % 10),
);

export class ByteBuffer {
  private bytes: Uint8Array;
  private view32: DataView;
  private buf: Buffer;
  private length = 0;

  /** A buffer of `capacity` bytes, or one writing into `memory` (e.g. an ArrayBuffer handed back to be reused). */
  constructor(capacity: number | ArrayBuffer = 1 << 20) {
    this.buf = typeof capacity === "number" ? Buffer.allocUnsafeSlow(capacity) : Buffer.from(capacity);
    this.bytes = new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.buf.length);
    this.view32 = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.length);
  }

  /** Appends `text` as UTF-8. */
  write(text: string): void {
    this.reserve(text.length * 3);
    this.length += this.buf.write(text, this.length, "utf8");
  }

  /** Appends raw bytes. */
  writeBytes(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.bytes.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** Appends a literal prepared by `ascii()` or `jsonBody()`, four bytes at a time. */
  lit(literal: Literal): void {
    const n = literal[0] as number;
    // Whole words are copied: up to three bytes past the literal are written and then overwritten.
    this.reserve(n + 3);
    const view = this.view32;
    const at = this.length;
    for (let k = 1, i = 0; i < n; k++, i += 4) view.setUint32(at + i, literal[k] as number, true);
    this.length = at + n;
  }

  /** Appends one byte (an ASCII character code). */
  byte(code: number): void {
    this.reserve(1);
    this.bytes[this.length++] = code;
  }

  /**
   * Appends a number as JSON.stringify writes it: non-negative safe integers digit by digit, any
   * other number through JSON.stringify itself.
   */
  number(value: number): void {
    if (!(value >= 0 && value <= Number.MAX_SAFE_INTEGER && Math.floor(value) === value)) {
      this.write(JSON.stringify(value));
      return;
    }
    let width = 1;
    while (width < 16 && value >= (POW10[width] as number)) width++;
    this.digits(value, width);
  }

  /** Appends a non-negative integer below 10^width as exactly `width` digits, zero-padded. */
  digits(value: number, width: number): void {
    if (!(value >= 0 && value < (POW10[width] ?? 10 ** width))) {
      throw new RangeError(`${value} does not fit in ${width} digits`);
    }
    this.reserve(width);
    let end = this.length + width;
    let rest = value;
    if (width > 9) {
      // Beyond int32: the low nine digits first, the rest (below 10^7) with int math below.
      const high = Math.floor(value / 1e9);
      this.smallDigits(value - high * 1e9, end, 9);
      end -= 9;
      rest = high;
    }
    this.smallDigits(rest, end, end - this.length);
    this.length += width;
  }

  /**
   * Appends `YYYY-MM-DDTHH:MM:SS` from a date packed as y*10000 + m*100 + d (year 0–9999) and a
   * second of the day, with one capacity check and byte-pair writes.
   */
  dateTime(packedDate: number, secondOfDay: number): void {
    this.reserve(19);
    const out = this.bytes;
    const at = this.length;
    const year = (packedDate / 10_000) | 0;
    const monthDay = packedDate - year * 10_000;
    const month = (monthDay / 100) | 0;
    const hour = (secondOfDay / 3600) | 0;
    const minuteSecond = secondOfDay - hour * 3600;
    const minute = (minuteSecond / 60) | 0;
    this.smallDigits(year, at + 4, 4);
    out[at + 4] = 45;
    this.pair(at + 5, month);
    out[at + 7] = 45;
    this.pair(at + 8, monthDay - month * 100);
    out[at + 10] = 84;
    this.pair(at + 11, hour);
    out[at + 13] = 58;
    this.pair(at + 14, minute);
    out[at + 16] = 58;
    this.pair(at + 17, minuteSecond - minute * 60);
    this.length = at + 19;
  }

  private pair(at: number, value: number): void {
    this.bytes[at] = DIGIT_PAIRS[value * 2] as number;
    this.bytes[at + 1] = DIGIT_PAIRS[value * 2 + 1] as number;
  }

  /** Writes `value` (below 10^9) as `width` digits ending before byte `end`, two at a time. */
  private smallDigits(value: number, end: number, width: number): void {
    const out = this.bytes;
    let rest = value | 0;
    let at = end;
    let left = width;
    while (left >= 2) {
      const q = (rest / 100) | 0;
      const pair = (rest - q * 100) * 2;
      out[--at] = DIGIT_PAIRS[pair + 1] as number;
      out[--at] = DIGIT_PAIRS[pair] as number;
      rest = q;
      left -= 2;
    }
    if (left === 1) out[--at] = 48 + (rest % 10);
  }

  /**
   * Appends `text` as the inside of a JSON string literal (no quotes), escaped exactly as
   * JSON.stringify escapes it: printable ASCII is copied, anything else takes JSON.stringify's path.
   */
  jsonText(text: string): void {
    const n = text.length;
    this.reserve(n);
    const out = this.bytes;
    const start = this.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) {
        this.length = start;
        const quoted = JSON.stringify(text);
        this.write(quoted.slice(1, -1));
        return;
      }
      out[start + i] = c;
    }
    this.length = start + n;
  }

  /** The Luhn (ISO/IEC 7812) check digit of the digits written at [start, end). */
  luhnOf(start: number, end: number): number {
    return luhnOfDigits(this.bytes, start, end);
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buf.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.length + extra));
    this.buf.copy(grown, 0, 0, this.length);
    this.buf = grown;
    this.bytes = new Uint8Array(grown.buffer, grown.byteOffset, grown.length);
    this.view32 = new DataView(grown.buffer, grown.byteOffset, grown.length);
  }

  /** Bytes written so far. */
  get size(): number {
    return this.length;
  }

  /** A view of bytes [start, end) written so far (valid until the buffer grows or is drained). */
  view(start: number, end: number): Uint8Array {
    return this.buf.subarray(start, end);
  }

  /** Bytes [start, end) decoded as UTF-8. */
  text(start = 0, end = this.length): string {
    return this.buf.toString("utf8", start, end);
  }

  /** Forgets everything from byte `size` on. */
  truncate(size: number): void {
    this.length = Math.min(this.length, size);
  }

  /**
   * Hands over the memory written so far (for a transfer to another thread, no copy): its
   * ArrayBuffer and how many bytes of it are used. The buffer must not be written to afterwards.
   */
  release(): { buffer: ArrayBuffer; length: number } {
    const { buffer } = this.buf;
    if (this.buf.byteOffset !== 0 || !(buffer instanceof ArrayBuffer)) {
      throw new Error("only a ByteBuffer that owns its whole ArrayBuffer can be released");
    }
    const released = { buffer, length: this.length };
    this.length = 0;
    return released;
  }

  /** A view of the bytes written (valid until the next write), and resets. */
  drain(): Uint8Array {
    const view = this.buf.subarray(0, this.length);
    this.length = 0;
    return view;
  }
}

/**
 * Bytes prepared once and copied many times by `ByteBuffer#lit`: element 0 holds the byte length,
 * the rest the bytes packed four to a word, little-endian.
 */
export type Literal = Uint32Array;

function literalOf(bytes: Uint8Array): Literal {
  const out = new Uint32Array(1 + Math.ceil(bytes.length / 4));
  out[0] = bytes.length;
  for (let i = 0; i < bytes.length; i++)
    (out[1 + (i >> 2)] as number) |= (bytes[i] as number) << (8 * (i & 3));
  return out;
}

/** An ASCII literal for `ByteBuffer#lit`. */
export function ascii(text: string): Literal {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) throw new RangeError(`not ASCII: ${JSON.stringify(text)}`);
    out[i] = c;
  }
  return literalOf(out);
}

/** The inside of `text`'s JSON string literal (escaped, no quotes) as UTF-8, for `ByteBuffer#lit`. */
export function jsonBody(text: string): Literal {
  return literalOf(Buffer.from(JSON.stringify(text).slice(1, -1), "utf8"));
}
