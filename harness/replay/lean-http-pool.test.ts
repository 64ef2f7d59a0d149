import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../targets/process-target.ts";
import { createLeanHttpPool, decodeChunked } from "./lean-http-pool.ts";

let server: Server;
let port: number;
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      body += chunk;
    });
    request.on("end", () => {
      seen.push(`${request.method} ${request.url} ${request.headers["idempotency-key"] ?? ""} ${body}`);
      if (request.url === "/chunked") {
        response.writeHead(200, { "content-type": "application/json" });
        response.write('{"id":');
        response.end('"chunked-ü"}');
      } else if (request.url === "/close") {
        response.writeHead(201, { connection: "close", "content-length": "2" });
        response.end("ok");
      } else if (request.url === "/silent") {
        // Never answers: the client's timeout must fire.
      } else {
        const text = JSON.stringify({ echo: body, ü: "ß" });
        response.writeHead(200, { "content-length": Buffer.byteLength(text) });
        response.end(text);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const request = (path: string, body: string | null = null) => ({
  method: "POST",
  path,
  headerLines: "idempotency-key: k1\r\ncontent-type: application/json\r\n",
  body,
});

describe("lean HTTP pool", () => {
  it("sends method, path, headers and body in one request and reads Content-Length bodies (UTF-8)", async () => {
    const pool = createLeanHttpPool({ host: "127.0.0.1", port, connections: 2, timeoutMs: 2000 });
    const response = await pool.request(request("/v1/x", '{"a":"é"}'));
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ echo: '{"a":"é"}', ü: "ß" });
    expect(seen).toContain('POST /v1/x k1 {"a":"é"}');
    await pool.close();
  });

  it("reads chunked bodies and survives the server closing the connection", async () => {
    const pool = createLeanHttpPool({ host: "127.0.0.1", port, connections: 1, timeoutMs: 2000 });
    expect((await pool.request(request("/chunked"))).body).toBe('{"id":"chunked-ü"}');
    expect(await pool.request(request("/close"))).toEqual({ status: 201, body: "ok" });
    // The next request on the same (only) connection reconnects.
    expect((await pool.request(request("/after-close"))).status).toBe(200);
    const many = await Promise.all(Array.from({ length: 20 }, (_, i) => pool.request(request(`/q${i}`))));
    expect(many.every((r) => r.status === 200)).toBe(true);
    await pool.close();
  });

  it("rejects with ETIMEDOUT, ECONNREFUSED as codes the adapter classifies", async () => {
    const pool = createLeanHttpPool({ host: "127.0.0.1", port, connections: 1, timeoutMs: 200 });
    await expect(pool.request(request("/silent"))).rejects.toMatchObject({ code: "ETIMEDOUT" });
    expect((await pool.request(request("/ok"))).status).toBe(200);
    await pool.close();
    const refused = createLeanHttpPool({
      host: "127.0.0.1",
      port: await freePort(),
      connections: 1,
      timeoutMs: 500,
    });
    await expect(refused.request(request("/x"))).rejects.toMatchObject({ code: "ECONNREFUSED" });
    await refused.close();
  });
});

describe("decodeChunked", () => {
  it("decodes complete bodies with and without trailers, and waits for incomplete ones", () => {
    const plain = "HEAD3\r\nabc\r\n2\r\nde\r\n0\r\n\r\nNEXT";
    expect(decodeChunked(plain, 4)).toEqual({ body: "abcde", end: plain.indexOf("NEXT") });
    const trailed = "1\r\nx\r\n0\r\nx-trailer: 1\r\n\r\nNEXT";
    expect(decodeChunked(trailed, 0)).toEqual({ body: "x", end: trailed.indexOf("NEXT") });
    expect(decodeChunked("3\r\nab", 0)).toBeUndefined();
    expect(decodeChunked("3\r\nabc\r\n0\r\n", 0)).toBeUndefined();
  });
});
