/**
 * A lean HTTP/1.1 keep-alive client for load: one `socket.write` per request (request line,
 * headers and body in one string, as autocannon writes one buffer), one request in flight per
 * connection, and a response parser that reads only the status, Content-Length or chunked framing,
 * and the body. It exists so that the harness spends its CPU on the schedule, not on the client;
 * the contract adapter (undici) stays the default for readiness runs, where every body is validated.
 */
import { connect, type Socket } from "node:net";

export interface LeanResponse {
  readonly status: number;
  readonly body: string;
}

export interface LeanRequest {
  readonly method: string;
  readonly path: string;
  /** Extra header lines, already formatted as `name: value\r\n` pairs. */
  readonly headerLines: string;
  readonly body: string | null;
}

/** An error with a Node-style code (ECONNRESET, ECONNREFUSED, ETIMEDOUT) for failure classification. */
export class LeanHttpError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

interface Pending {
  readonly request: LeanRequest;
  readonly resolve: (response: LeanResponse) => void;
  readonly reject: (error: Error) => void;
}

interface Connection {
  socket: Socket | null;
  current: Pending | null;
  buffer: string;
}

/** A pool of `connections` keep-alive sockets to `host:port`. */
export function createLeanHttpPool(options: {
  host: string;
  port: number;
  connections: number;
  timeoutMs: number;
}) {
  const hostHeader = `host: ${options.host}:${options.port}\r\n`;
  const all: Connection[] = [];
  for (let i = 0; i < options.connections; i++) all.push({ socket: null, current: null, buffer: "" });
  const idle: Connection[] = [...all];
  const waiting: Pending[] = [];
  let closed = false;

  /** Drops the socket; a request in flight on it fails and the connection serves the next one. */
  const fail = (conn: Connection, error: Error) => {
    const pending = conn.current;
    conn.current = null;
    conn.buffer = "";
    conn.socket?.destroy();
    conn.socket = null;
    if (pending) {
      pending.reject(error);
      release(conn);
    }
  };

  const open = (conn: Connection): Socket => {
    const socket = connect({ host: options.host, port: options.port, noDelay: true });
    socket.setEncoding("latin1");
    socket.setTimeout(options.timeoutMs);
    socket.on("data", (chunk: string) => {
      conn.buffer += chunk;
      parse(conn);
    });
    socket.on("timeout", () => fail(conn, new LeanHttpError("ETIMEDOUT", "no response within the timeout")));
    socket.on("error", (error: NodeJS.ErrnoException) =>
      fail(conn, new LeanHttpError(error.code ?? "ECONNRESET", error.message)),
    );
    socket.on("close", () => {
      if (conn.socket === socket) {
        conn.socket = null;
        if (conn.current)
          fail(conn, new LeanHttpError("ECONNRESET", "connection closed before the response"));
      }
    });
    return socket;
  };

  const send = (conn: Connection, pending: Pending) => {
    conn.current = pending;
    if (!conn.socket || conn.socket.destroyed) conn.socket = open(conn);
    const { method, path, headerLines, body } = pending.request;
    const length = body === null ? 0 : Buffer.byteLength(body);
    conn.socket.write(
      `${method} ${path} HTTP/1.1\r\n${hostHeader}${headerLines}content-length: ${length}\r\n\r\n${body ?? ""}`,
    );
  };

  const release = (conn: Connection) => {
    const next = waiting.shift();
    if (next && !closed) send(conn, next);
    else idle.push(conn);
  };

  /** Parses a complete response from the connection's buffer, if there is one. */
  const parse = (conn: Connection) => {
    const pending = conn.current;
    if (!pending) return;
    const headerEnd = conn.buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) return;
    const head = conn.buffer.slice(0, headerEnd);
    const status = Number(head.slice(9, 12));
    const lower = head.toLowerCase();
    const lengthAt = lower.indexOf("\r\ncontent-length:");
    let body: string;
    let consumed: number;
    if (lengthAt >= 0) {
      const lineEnd = lower.indexOf("\r\n", lengthAt + 2);
      const length = Number.parseInt(lower.slice(lengthAt + 17, lineEnd < 0 ? undefined : lineEnd), 10);
      if (conn.buffer.length < headerEnd + 4 + length) return;
      body = conn.buffer.slice(headerEnd + 4, headerEnd + 4 + length);
      consumed = headerEnd + 4 + length;
    } else if (lower.includes("\r\ntransfer-encoding: chunked")) {
      const decoded = decodeChunked(conn.buffer, headerEnd + 4);
      if (!decoded) return;
      body = decoded.body;
      consumed = decoded.end;
    } else if (status === 204 || status === 304) {
      body = "";
      consumed = headerEnd + 4;
    } else {
      // No framing: the body runs to the end of the connection; wait for close.
      return;
    }
    conn.buffer = conn.buffer.slice(consumed);
    conn.current = null;
    if (lower.includes("\r\nconnection: close")) {
      conn.socket?.end();
      conn.socket = null;
    }
    // latin1 in, so multi-byte UTF-8 bodies are re-decoded here.
    pending.resolve({ status, body: Buffer.from(body, "latin1").toString("utf8") });
    release(conn);
  };

  return {
    /** Sends one request; resolves with status and body, rejects with a LeanHttpError. */
    request(request: LeanRequest): Promise<LeanResponse> {
      return new Promise<LeanResponse>((resolve, reject) => {
        if (closed) {
          reject(new LeanHttpError("ECONNRESET", "pool closed"));
          return;
        }
        const pending = { request, resolve, reject };
        const conn = idle.pop();
        if (conn) send(conn, pending);
        else waiting.push(pending);
      });
    },
    /** Closes every connection; queued requests are rejected. */
    async close(): Promise<void> {
      closed = true;
      for (const pending of waiting.splice(0)) pending.reject(new LeanHttpError("ECONNRESET", "pool closed"));
      for (const conn of all) {
        conn.socket?.destroy();
        conn.socket = null;
      }
    },
  };
}

/** Decodes a chunked body starting at `start`; undefined while incomplete. */
export function decodeChunked(buffer: string, start: number): { body: string; end: number } | undefined {
  let at = start;
  let body = "";
  for (;;) {
    const lineEnd = buffer.indexOf("\r\n", at);
    if (lineEnd < 0) return undefined;
    const size = Number.parseInt(buffer.slice(at, lineEnd), 16);
    if (Number.isNaN(size)) return undefined;
    if (size === 0) {
      // The last chunk, optional trailer lines, then an empty line.
      const trailerEnd = buffer.indexOf("\r\n\r\n", lineEnd);
      return trailerEnd < 0 ? undefined : { body, end: trailerEnd + 4 };
    }
    if (buffer.length < lineEnd + 2 + size + 2) return undefined;
    body += buffer.slice(lineEnd + 2, lineEnd + 2 + size);
    at = lineEnd + 2 + size + 2;
  }
}
