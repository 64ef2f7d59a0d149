/**
 * Readers of captured traffic: HAR 1.2 files (as browsers and proxies export them) and NDJSON
 * request logs become CapturedRequests; CSV base exports become rows. Every malformed input fails
 * with E_INPUT naming the file and line.
 */
import { inputError, parseJsonInput, parseJsonObjectLine, stripBom, textLines } from "../domain/index.ts";
import type { CapturedRequest } from "./capture-mapping.ts";
import { epochMsFromIso, isoFromEpochMs } from "./iso-time.ts";

function isoTime(value: unknown, file: string, line: number, field: string): string {
  const ms = typeof value === "string" ? epochMsFromIso(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw inputError(
      file,
      line,
      `"${field}" is not an ISO date-time.`,
      "Expected e.g. 2026-03-01T10:00:00Z.",
    );
  }
  return isoFromEpochMs(ms);
}

function parseBody(text: string | undefined, mimeType: string | undefined): unknown {
  if (text === undefined || text === "") return undefined;
  if (mimeType?.includes("x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function splitUrl(url: string, file: string, line: number): { path: string; query: Record<string, string> } {
  let parsed: URL;
  try {
    parsed = new URL(url, "http://capture.invalid");
  } catch {
    throw inputError(
      file,
      line,
      "the request URL is not a valid URL.",
      "Expected e.g. /v1/subscribers/123 or https://host/path.",
    );
  }
  return { path: parsed.pathname, query: Object.fromEntries(parsed.searchParams) };
}

function headerMap(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(headers)) {
    for (const h of headers)
      if (h && typeof h.name === "string") out[h.name.toLowerCase()] = String(h.value ?? "");
  } else if (headers && typeof headers === "object") {
    for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = String(v);
  }
  return out;
}

/** The requests of a HAR 1.2 document (`log.entries[].request`). */
export function readHar(input: string, file: string): CapturedRequest[] {
  const text = stripBom(input);
  const doc = parseJsonInput(text, file, undefined, "A HAR file is one JSON document.");
  const entries = (doc as { log?: { entries?: unknown } })?.log?.entries;
  if (!Array.isArray(entries)) throw inputError(file, 1, `"log.entries" is missing: not a HAR 1.2 file.`);
  // Each entry has exactly one "request" key, in order: its position gives the entry's line.
  const lines: number[] = [];
  const re = /"request"\s*:/g;
  let line = 1;
  let counted = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    for (let i = text.indexOf("\n", counted); i !== -1 && i < m.index; i = text.indexOf("\n", i + 1)) line++;
    counted = m.index;
    lines.push(line);
  }
  return entries.map((entry, i) => {
    const line = lines[i] ?? 1;
    const request = (entry as { request?: Record<string, unknown> })?.request;
    if (!request || typeof request.method !== "string" || typeof request.url !== "string") {
      throw inputError(file, line, `"log.entries[${i}].request" needs a method and a url.`);
    }
    const { path, query } = splitUrl(request.url, file, line);
    const post = request.postData as { text?: string; mimeType?: string } | undefined;
    return {
      file,
      line,
      time: isoTime(
        (entry as { startedDateTime?: unknown }).startedDateTime,
        file,
        line,
        `log.entries[${i}].startedDateTime`,
      ),
      method: request.method,
      path,
      query,
      headers: headerMap(request.headers),
      body: parseBody(post?.text, post?.mimeType),
    };
  });
}

/** The requests of an NDJSON request log: one `{time, method, path|url, headers?, body?}` a line. */
export function readRequestLog(text: string, file: string): CapturedRequest[] {
  const out: CapturedRequest[] = [];
  const lines = textLines(text);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]?.trim();
    if (!raw) continue;
    const rec = parseJsonObjectLine(raw, file, i + 1);
    const target = rec.path ?? rec.url;
    if (typeof rec.method !== "string" || typeof target !== "string") {
      throw inputError(file, i + 1, `"method" and "path" (or "url") are required.`);
    }
    const { path, query } = splitUrl(target, file, i + 1);
    const headers = headerMap(rec.headers);
    const body = typeof rec.body === "string" ? parseBody(rec.body, headers["content-type"]) : rec.body;
    out.push({
      file,
      line: i + 1,
      time: isoTime(rec.time ?? rec.timestamp, file, i + 1, "time"),
      method: rec.method,
      path,
      query,
      headers,
      body,
    });
  }
  return out;
}

/** RFC 4180 CSV rows with the line each starts on; quoted fields may span lines. */
export function readCsv(
  input: string,
  file: string,
): { header: string[]; rows: Array<{ line: number; fields: string[] }> } {
  const text = stripBom(input);
  const rows: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let quoteLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"') {
      if (field !== "")
        throw inputError(
          file,
          line,
          "a quote inside an unquoted field.",
          'Quote the whole field and double inner quotes ("").',
        );
      quoted = true;
      quoteLine = line;
    } else if (c === ",") {
      fields.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      fields.push(field);
      if (fields.length > 1 || fields[0] !== "") rows.push({ line: rowLine, fields });
      fields = [];
      field = "";
      line++;
      rowLine = line;
    } else field += c;
  }
  if (quoted) throw inputError(file, quoteLine, "a quoted field is never closed.");
  if (field !== "" || fields.length > 0) rows.push({ line: rowLine, fields: [...fields, field] });
  const [head, ...body] = rows;
  if (!head) throw inputError(file, 1, "the file is empty: expected a header row.");
  for (const row of body) {
    if (row.fields.length !== head.fields.length) {
      throw inputError(
        file,
        row.line,
        `${row.fields.length} fields where the header has ${head.fields.length}.`,
      );
    }
  }
  return { header: head.fields, rows: body };
}
