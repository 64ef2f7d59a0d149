/**
 * A growable UTF-8 byte buffer. Lines are encoded into it one by one: concatenating a chunk's lines
 * into one string first built deep rope strings whose flattening dominated the writer's time.
 */
export class ByteBuffer {
  private buf: Buffer;
  private length = 0;

  constructor(capacity = 1 << 20) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  /** Appends `text` as UTF-8. */
  write(text: string): void {
    this.reserve(text.length * 3);
    this.length += this.buf.write(text, this.length, "utf8");
  }

  /** Appends raw bytes. */
  writeBytes(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + extra));
    this.buf.copy(grown, 0, 0, this.length);
    this.buf = grown;
  }

  /** Bytes written so far. */
  get size(): number {
    return this.length;
  }

  /** A view of bytes [start, end) written so far (valid until the buffer grows or is drained). */
  view(start: number, end: number): Uint8Array {
    return this.buf.subarray(start, end);
  }

  /** The bytes written, as a fresh array that owns its memory (safe to transfer), and resets. */
  take(): Uint8Array {
    const out = new Uint8Array(this.length);
    out.set(this.buf.subarray(0, this.length));
    this.length = 0;
    return out;
  }

  /** A view of the bytes written (valid until the next write), and resets. */
  drain(): Uint8Array {
    const view = this.buf.subarray(0, this.length);
    this.length = 0;
    return view;
  }
}
