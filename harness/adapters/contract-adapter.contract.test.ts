/**
 * Contract test: the contract adapter drives every operation of the reference destination through
 * a recording proxy, and every response it reads is checked against the response schema the
 * OpenAPI document declares for that path, method and status.
 */
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import SwaggerParser from "@apidevtools/swagger-parser";
import { Ajv2020 } from "ajv/dist/2020.js";
import { Temporal } from "temporal-polyfill";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiDocument, startReferenceDestination } from "../../destination/index.ts";
import type { Cdr, Subscriber } from "../../domain/index.ts";
import { generateBase, generateTraffic } from "../../generators/index.ts";
import type { ContractTarget } from "./contract-adapter.ts";
import { createContractAdapter } from "./contract-adapter.ts";
import { type ContractCall, createContractOperations } from "./contract-operations-client.ts";

interface Exchange {
  method: string;
  path: string;
  status: number;
  body: unknown;
  requestBody: unknown;
}

type Operation = {
  requestBody?: { content: { "application/json": { schema: object } } };
  responses: Record<string, { content?: { "application/json": { schema: object } } }>;
};

let destination: { url: string; close(): Promise<void> };
let proxy: Server;
let adapter: ContractTarget;
let proxyUrl: string;
const exchanges: Exchange[] = [];

function startRecordingProxy(target: string): Promise<Server> {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const forward = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (answer) => {
          const body: Buffer[] = [];
          answer.on("data", (c: Buffer) => body.push(c));
          answer.on("end", () => {
            const text = Buffer.concat(body).toString("utf8");
            exchanges.push({
              method: (req.method ?? "GET").toLowerCase(),
              path: new URL(req.url ?? "/", "http://x").pathname,
              status: answer.statusCode ?? 0,
              body: !text
                ? undefined
                : String(answer.headers["content-type"]).startsWith("application/x-ndjson")
                  ? {
                      ndjson: text
                        .split("\n")
                        .filter((l) => l.length > 0)
                        .map((l) => JSON.parse(l)),
                    }
                  : JSON.parse(text),
              requestBody: chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : undefined,
            });
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(text);
          });
        },
      );
      forward.end(Buffer.concat(chunks));
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

beforeAll(async () => {
  destination = await startReferenceDestination({ port: 0, env: {} });
  proxy = await startRecordingProxy(destination.url);
  const port = (proxy.address() as AddressInfo).port;
  proxyUrl = `http://127.0.0.1:${port}`;
  adapter = createContractAdapter({
    baseUrl: proxyUrl,
    token: "reference-bss-token",
    liToken: "reference-li-token",
    connections: 4,
  });
});

afterAll(async () => {
  await adapter.close();
  await new Promise((resolve) => proxy.close(resolve));
  await destination.close();
});

/** A legacy subscriber as it stands at the cohort's cutover (17 March, in the period from 1 March). */
const legacySubscriber: Subscriber = {
  id: "LEG-1",
  accountId: "ACC-1",
  msisdn: "+447700900555",
  imsi: "234150000000555",
  iccid: "8944000000000000555",
  imei: "356938035643809",
  paymentType: "postpaid",
  planId: "POSTPAID-S",
  addOns: [],
  status: "active",
  activatedAt: "2025-01-01T00:00:00Z",
  lastActivityAt: "2026-03-16T18:00:00Z",
  segment: "low-arpu",
  billing: {
    anchorDay: 1,
    timezone: "Europe/London",
    currency: "GBP",
    balanceMinor: 0,
    periodStart: "2026-03-01T00:00:00Z",
    usageToDate: { voiceSec: 0, smsCount: 0, dataBytes: 0 },
  },
  arpuMinor: 800,
  kyc: { name: "A", dateOfBirth: "1980-01-01", address: "1 High St", idDocument: "P1", verifiedAt: null },
  porting: { portedIn: false, donor: null, portedAt: null },
};

/** A canonical usage record of the legacy subscriber after its cutover. */
function usage(overrides: Partial<Cdr>): Cdr {
  return {
    recordId: "r",
    service: "sms",
    msisdn: legacySubscriber.msisdn,
    imsi: legacySubscriber.imsi,
    imei: legacySubscriber.imei,
    calledNumber: null,
    start: "2026-03-18T00:00:00Z",
    durationSec: 0,
    uplinkBytes: 0,
    downlinkBytes: 0,
    chargingId: "c",
    partial: { sequence: 1, final: true },
    localSequence: 1,
    recordingNode: "PGW-1",
    closeCause: "normal",
    cell: "234-15-00001-001",
    roamingMcc: null,
    ...overrides,
  };
}

/** The contract operations over plain fetch through the recording proxy (for those the adapter does not wire). */
function operationsOverProxy() {
  const call: ContractCall = async (req, signal) => {
    const response = await fetch(`${proxyUrl}${req.path}`, {
      method: req.method,
      headers: { authorization: req.authorization ?? "Bearer reference-bss-token" },
      ...(signal ? { signal } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  return createContractOperations(call, undefined);
}

async function driveEveryOperation(): Promise<void> {
  const refDate = Temporal.Instant.from("2026-03-01T00:00:00Z");
  const base = [...generateBase({ seed: 7, refDate, count: 12 })];
  // Only types that keep subscribers active, so the hand-made port-in below meets an active line.
  const events = generateTraffic(
    { seed: 7, from: refDate, durationSec: 3600, types: ["plan_change", "top_up"] },
    base,
  );
  const ids = new Map<string, string>();
  for (const event of events) {
    const outcome = await adapter.capabilities.provisioning.apply(event, ids.get(event.subscriberId));
    if (event.type === "activation" && outcome.destinationId)
      ids.set(event.subscriberId, outcome.destinationId);
  }
  const [first, second] = ids.values();
  if (!first || !second) throw new Error("too few activations in the generated traffic");
  expect(
    (await adapter.capabilities["state-read"].findByExternalId(base[0]?.id as string)).length,
  ).toBeGreaterThan(0);
  await adapter.health();
  const readCatalog = adapter.capabilities["state-read"].readCatalog ?? operationsOverProxy().readCatalog;
  const catalog = await readCatalog();
  expect(new Set(catalog.map((p) => p.currency))).toEqual(
    new Set(["GBP", "EUR", "USD", "JPY", "KWD", "BHD"]),
  );
  const state = await adapter.capabilities["state-read"].readSubscriber(first);
  if (!state) throw new Error("activated subscriber not readable");
  const at = "2026-03-01T02:00:00Z";
  const extra = async (type: string, payload: Record<string, unknown>) =>
    adapter.capabilities.provisioning.apply(
      {
        id: `x-${type}`,
        at,
        subscriberId: "x",
        type,
        payload,
        idempotencyKey: `x-${type}`,
        source: "test",
      } as never,
      first,
    );
  await extra("sim_swap", { iccid: "8944000000123456789", imsi: "234150123456789" });
  await extra("addon_purchase", { addonId: "ROAM-EU", priceMinor: 300, currency: "GBP" });
  await extra("kyc_update", { name: "A", dateOfBirth: "1980-01-01", address: "1 High St", idDocument: "P1" });
  await extra("port_in", { msisdn: "+447700900999", donor: "DONOR" });
  await extra("suspension", { reason: "test" });
  await extra("resumption", {});
  await extra("termination", { reason: "test" });
  await adapter.capabilities.provisioning.apply(
    {
      id: "po",
      at,
      subscriberId: "x",
      type: "port_out",
      payload: { recipient: "RECIPIENT" },
      idempotencyKey: "po",
      source: "test",
    },
    second,
  );
  const portId = exchanges.findLast((e) => e.path.endsWith("/port-in"))?.body as
    | { porting?: { id: string } }
    | undefined;
  if (portId?.porting) await adapter.capabilities.porting.readPortRequest(portId.porting.id);
  const code = await adapter.capabilities.porting.requestSwitchingCode(second, { type: "PAC", at });
  expect(code.code).toMatch(/^[A-Z]{3}\d{6}$/);
  expect(await adapter.capabilities.porting.clearinghouse()).toBeNull();
  await adapter.capabilities.porting.setClearinghouse("http://127.0.0.1:9/");
  expect(await adapter.capabilities.porting.clearinghouse()).toBe("http://127.0.0.1:9/");
  const imported = await adapter.capabilities["cohort-import"].importCohort({
    cohortId: "C-contract",
    cutoverAt: "2026-03-17T00:00:00Z",
    subscribers: [legacySubscriber],
    legacyCreditMinor: { [legacySubscriber.id]: 250 },
  });
  expect(imported.results.map((r) => r.status)).toEqual(["imported"]);
  const importedId = imported.results[0]?.id as string;
  const ingested = await adapter.capabilities["cdr-ingest"].ingestCdrs([
    usage({ recordId: "r1", chargingId: "c1", service: "data", uplinkBytes: 400, downlinkBytes: 600 }),
    usage({ recordId: "r2", chargingId: "c2", service: "sms", msisdn: "+447700900000" }),
    usage({ recordId: "r3", chargingId: "c3", service: "voice", durationSec: 61, roamingMcc: "208" }),
  ]);
  expect(ingested.results.map((r) => r.reason ?? r.status)).toEqual([
    "accepted",
    "unknown_subscriber",
    "accepted",
  ]);
  const totals = await adapter.capabilities["cdr-ingest"].controlTotals("default");
  expect(totals.items.reduce((n, t) => n + t.records, 0)).toBe(2);
  expect((await adapter.capabilities["cdr-ingest"].sessionGaps()).items).toEqual([]);
  await adapter.capabilities.billing.previewInvoice(importedId);
  await adapter.capabilities["test-clock"].moveClock({ set: "2026-04-02T00:00:00Z" });
  await adapter.capabilities["test-clock"].clockNow();
  await adapter.capabilities.billing.runBilling();
  await adapter.capabilities.billing.listInvoices(importedId);
  await adapter.capabilities.retention.retentionRecords({
    msisdn: "+447700900555",
    from: "2026-01-01T00:00:00Z",
    to: "2026-05-01T00:00:00Z",
  });
  await adapter.capabilities.retention.purgeRetention();
  expect(await adapter.capabilities.li?.visibleToRegularCredential()).toBe(false);
  const li = adapter.capabilities.li;
  if (!li) throw new Error("LI administration missing although the LI token was given");
  await li.activateTask({
    xid: "7b2c0000-0000-4000-8000-000000000001",
    targets: [{ type: "msisdn", value: "+447700900555" }],
  });
  await li.setDeliveryEndpoint("http://127.0.0.1:9/x2");
  expect(await li.deliveryEndpoint()).toBe("http://127.0.0.1:9/x2");
  await adapter.capabilities.provisioning.apply(
    {
      id: "t",
      at: "2026-04-03T00:00:00Z",
      subscriberId: "x",
      type: "top_up",
      payload: { amountMinor: 100, currency: "GBP" },
      idempotencyKey: "t",
      source: "test",
    },
    importedId,
  );
  const whole = { from: 0, to: 2 ** 32 };
  await adapter.capabilities.reconciliation.rangeChecksums({ range: whole, segments: 4, prefix: "LEG-" });
  expect(
    (await adapter.capabilities.reconciliation.exportRows({ range: whole, prefix: "LEG-" })).map(
      (r) => r.key,
    ),
  ).toEqual(["LEG-1"]);
  const cut = await adapter.capabilities.network.cutover(
    [legacySubscriber.msisdn],
    "2026-04-03T02:00:00Z",
    "cut-1",
  );
  expect(cut.items.map((i) => i.outcome)).toEqual(["routed"]);
  expect((await adapter.capabilities.network.route(legacySubscriber.msisdn))?.subscriberId).toBe(importedId);
  await adapter.capabilities.network.rollback([legacySubscriber.msisdn], "2026-04-03T04:00:00Z", "back-1");
  expect(await adapter.capabilities.network.route(legacySubscriber.msisdn)).toBeUndefined();
  await li.listTasks();
  await li.readTask("7b2c0000-0000-4000-8000-000000000001");
  await li.deliveries("7b2c0000-0000-4000-8000-000000000001");
  await li.deactivateTask("7b2c0000-0000-4000-8000-000000000001", "warrant expired");
}

describe("contract adapter against the reference destination", () => {
  it("sends documented requests and reads only responses that match the OpenAPI schemas, over every operation", async () => {
    await driveEveryOperation();
    // biome-ignore lint/suspicious/noExplicitAny: swagger-parser takes its own document type
    const api = (await SwaggerParser.dereference(structuredClone(openApiDocument()) as any)) as unknown as {
      paths: Record<string, Record<string, Operation>>;
    };
    const ajv = new Ajv2020({ strict: false, allErrors: false });
    ajv.addFormat("date-time", (s: string) => !Number.isNaN(Date.parse(s)) && /T/.test(s));
    ajv.addFormat("uri", (s: string) => URL.canParse(s));
    const templates = Object.keys(api.paths).map((template) => ({
      template,
      pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`),
    }));
    const used = new Set<string>();
    const problems: string[] = [];
    for (const x of exchanges) {
      const match = templates
        .filter((t) => t.pattern.test(x.path))
        .sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0))[0];
      const op = match ? api.paths[match.template]?.[x.method] : undefined;
      if (!match || !op) {
        problems.push(`${x.method} ${x.path}: not in the document`);
        continue;
      }
      used.add(`${x.method} ${match.template}`);
      const requestSchema = op.requestBody?.content["application/json"].schema;
      if (requestSchema && x.requestBody !== undefined) {
        const checkRequest = ajv.compile(requestSchema);
        if (!checkRequest(x.requestBody))
          problems.push(`${x.method} ${match.template} request: ${ajv.errorsText(checkRequest.errors)}`);
      }
      const content = op.responses[String(x.status)]?.content as
        | Record<string, { schema: object } | undefined>
        | undefined;
      const ndjson = content?.["application/x-ndjson"]?.schema;
      if (ndjson) {
        const validateLine = ajv.compile(ndjson);
        for (const line of (x.body as { ndjson?: unknown[] } | undefined)?.ndjson ?? [undefined]) {
          if (!validateLine(line))
            problems.push(
              `${x.method} ${match.template} → ${x.status} line: ${ajv.errorsText(validateLine.errors)}`,
            );
        }
        continue;
      }
      const schema = content?.["application/json"]?.schema;
      if (!schema) {
        problems.push(`${x.method} ${match.template} → ${x.status}: no documented response`);
        continue;
      }
      const validate = ajv.compile(schema);
      if (!validate(x.body))
        problems.push(`${x.method} ${match.template} → ${x.status}: ${ajv.errorsText(validate.errors)}`);
    }
    expect(problems).toEqual([]);
    const documented = Object.entries(api.paths).flatMap(([p, item]) =>
      Object.keys(item).map((m) => `${m} ${p}`),
    );
    const unused = documented.filter((op) => !used.has(op) && op !== "get /openapi.json");
    expect(unused).toEqual([]);
  });
});
