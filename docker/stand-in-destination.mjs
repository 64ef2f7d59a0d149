// A stand-in destination for image and container-target tests while the reference destination is
// not in the image: answers GET /health and accepts contract writes with a valid subscriber state
// (every field contract 2.0.0 requires, built from the activation body; later writes change nothing).
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
      // A full subscriber state of contract 2.0.0, taken from the activation body.
      const state = {
        id: `d-${body.externalId}`,
        externalId: String(body.externalId ?? ""),
        msisdn: String(body.msisdn ?? ""),
        imsi: String(body.imsi ?? ""),
        iccid: String(body.iccid ?? ""),
        planId: String(body.planId ?? ""),
        paymentType: body.paymentType === "postpaid" ? "postpaid" : "prepaid",
        status: "active",
        balanceMinor: Number(body.initialBalanceMinor ?? 0),
        currency: String(body.currency ?? "EUR"),
        anchorDay: Number(body.anchorDay ?? 1),
        timezone: String(body.timezone ?? "UTC"),
        activatedAt: String(body.at ?? "1970-01-01T00:00:00Z"),
        addOns: [],
        kycStatus: "unverified",
        portedIn: false,
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
  // The bound port, so PORT=0 (a free port) can be found from the output.
  process.stdout.write(`stand-in destination listening on http://${host}:${server.address().port}\n`);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
