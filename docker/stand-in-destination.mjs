// A stand-in destination for image and container-target tests while the reference destination is
// not in the image: answers GET /health and accepts contract writes with a valid subscriber state.
// Plain JavaScript on purpose: it must run with nothing but the Node binary.
import { createServer } from "node:http";

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? "0.0.0.0";
const states = new Map();

const server = createServer((request, response) => {
  let raw = "";
  request.on("data", (chunk) => {
    raw += chunk;
  });
  request.on("end", () => {
    const send = (status, body) => {
      const text = JSON.stringify(body);
      response.writeHead(status, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(text),
      });
      response.end(text);
    };
    if (request.method === "GET" && request.url === "/health") {
      send(200, { status: "ok", version: "stand-in", defects: [] });
      return;
    }
    let body = {};
    try {
      body = raw ? JSON.parse(raw) : {};
    } catch {
      send(400, { error: { code: "bad_json", message: "body is not JSON" } });
      return;
    }
    if (request.method === "POST" && request.url === "/v1/subscribers") {
      const state = {
        id: `d-${body.externalId}`,
        msisdn: String(body.msisdn ?? ""),
        planId: String(body.planId ?? ""),
        status: "active",
        balanceMinor: Number(body.initialBalanceMinor ?? 0),
        currency: String(body.currency ?? "EUR"),
      };
      states.set(state.id, state);
      send(201, state);
      return;
    }
    const match = /^\/v1\/subscribers\/([^/]+)(?:\/.*)?$/.exec(request.url ?? "");
    const state = match ? states.get(decodeURIComponent(match[1])) : undefined;
    if (!state) {
      send(404, { error: { code: "not_found", message: "unknown subscriber" } });
      return;
    }
    send(200, state);
  });
});

server.listen(port, host, () => {
  process.stdout.write(`stand-in destination listening on http://${host}:${port}\n`);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
