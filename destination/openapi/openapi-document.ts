/**
 * The destination contract as an OpenAPI 3.1 document: what Tranche calls on a destination MVNE/BSS.
 * A vendor reads this to know the operations, bodies and error shapes; the reference destination
 * serves it at /openapi.json. Versioned with semver: adding optional fields or operations is a
 * minor change, anything else is major.
 */
import { RATING } from "../invoice-calculator.ts";
import { componentSchemas } from "./component-schemas.ts";

export const CONTRACT_VERSION = "2.1.0";

type Op = Record<string, unknown>;

const json = (schema: string) => ({
  content: { "application/json": { schema: { $ref: `#/components/schemas/${schema}` } } },
});
const ok = (schema: string, description = "OK") => ({ description, ...json(schema) });
const err = (description: string) => ({ description, ...json("Error") });
const idParam = {
  name: "id",
  in: "path",
  required: true,
  schema: { type: "string" },
  description: "The destination's subscriber id.",
};
const idempotencyKey = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  schema: { type: "string" },
  description:
    "Scope: every POST of the credential, kept at least 24 h. Same key on the same request (method, path, JSON body value — key order and whitespace do not matter) → the stored answer (status and body, 4xx included), nothing applied again; same key on another request → 409 idempotency_key_reused; 5xx answers are not stored; a duplicate arriving while the first is processed waits for its answer.",
};
const rangeParams = [
  {
    name: "from",
    in: "query",
    required: false,
    schema: { type: "integer", minimum: 0, default: 0 },
    description: "First bucket of the range.",
  },
  {
    name: "to",
    in: "query",
    required: false,
    schema: { type: "integer", maximum: 4294967296, default: 4294967296 },
    description: "Bucket after the range's last.",
  },
  {
    name: "prefix",
    in: "query",
    required: false,
    schema: { type: "string", default: "" },
    description: "Only keys (legacy ids) starting with this prefix.",
  },
];
const common = { "401": err("Missing or invalid bearer token"), "400": err("Malformed request") };

function write(summary: string, request: string, responses: Record<string, unknown>, extra: Op = {}): Op {
  return {
    summary,
    parameters: [idempotencyKey, ...((extra.parameters as unknown[]) ?? [])],
    requestBody: { required: true, ...json(request) },
    responses: {
      ...common,
      "409": err("Conflict: invalid_transition, stale_event, idempotency_key_reused, …"),
      ...responses,
    },
    ...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== "parameters")),
  };
}

function subscriberAction(
  summary: string,
  request: string,
  extraResponses: Record<string, unknown> = {},
): Op {
  return {
    post: write(
      summary,
      request,
      {
        "200": ok("SubscriberState"),
        "404": err("Unknown subscriber"),
        "422": err("Semantic error (unknown plan, currency mismatch, …)"),
        ...extraResponses,
      },
      { parameters: [idParam] },
    ),
  };
}

function liOp(op: Op): Op {
  return {
    ...op,
    security: [{ liToken: [] }],
    responses: {
      ...(op.responses as object),
      "403": err("Regular BSS token: LI data is never visible to it"),
    },
  };
}

/** Builds the contract document (a fresh object each call). */
export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: {
      title: "Tranche destination contract",
      version: CONTRACT_VERSION,
      description:
        'What the Tranche readiness harness calls on a destination MVNE/BSS. JSON everywhere; errors are {"error":{"code","message"}}. All endpoints except /health and /openapi.json need `Authorization: Bearer <token>`; LI endpoints need the separate LI token. Money is integer minor units; instants are ISO 8601. Plan ids come from GET /v1/catalog. Event order: x-event-order; idempotency: x-idempotency (the rules in full: docs/destination-contract.md).',
    },
    "x-rating": {
      roundingMode: "half-up",
      voiceIncrementSec: RATING.voiceIncrementSec,
      dataIncrementBytes: RATING.dataIncrementBytes,
      voiceConnectFeeMinor: RATING.voiceConnectFeeMinor,
      proration: "recurring fee × billed local days / actual days of the billing period, per plan segment",
      splitPeriod:
        "Legacy bills fee × days before the cutover's local date / period days, rounded by the import's billing.legacyRounding; the destination's segment from the cutover is the plan's amount up to the segment's end (the fee when it runs to the period end) minus legacy's part, so legacy + destination = full price.",
      sessions:
        "A session (all records of one charging ID) is rated once, rounded up to the increment over all its parts, in the period of its first record's start; a partial below the final's sequence arriving after it still belongs to it; a session without a final record is closed by its period's invoice. A session in progress at an import's cutover is the destination's. Zero-second calls pay no connect fee.",
      credit:
        "Imported legacy credit is used up to each invoice's charges (no total below zero); the rest carries to the next invoice.",
    },
    "x-event-order": {
      at: "The business instant of the event (when it happened at the source), not its arrival.",
      applied:
        "In arrival order, with the two event-time rules below; every other check uses the subscriber's current state at arrival.",
      planChange:
        "Recorded in the plan history at `at` (counts for proration); replaces the current plan only if `at` >= planChangedAt. Equal instants: the later arrival wins.",
      statusChange:
        "Suspension, resumption, termination, port-out: `at` < statusChangedAt → 409 stale_event, checked before the transition. Equal instants are not stale.",
    },
    "x-idempotency": {
      scope: "One key space per credential across all POST endpoints; keys kept at least 24 h.",
      sameRequest:
        "Same method, path and JSON body value (key order, whitespace and number spelling do not matter); a non-JSON body is compared as bytes.",
      replay: "Same key, same request → the stored status and body (4xx included), nothing applied.",
      reuse: "Same key, another request → 409 idempotency_key_reused, nothing applied.",
      serverErrors: "5xx answers are not stored; a retry after one is a new delivery.",
      inFlight: "A duplicate arriving while the first is processed waits for it and gets its answer.",
    },
    security: [{ bssToken: [] }],
    paths: {
      "/health": {
        get: {
          summary: "Liveness, contract version and active defect profiles",
          security: [],
          responses: { "200": ok("Health") },
        },
      },
      "/openapi.json": {
        get: {
          summary: "This document",
          security: [],
          responses: { "200": { description: "OpenAPI 3.1 document" } },
        },
      },
      "/v1/subscribers": {
        post: write("Activate a subscriber", "ActivationRequest", {
          "201": ok("SubscriberState", "Activated; the destination assigns `id`"),
          "422": err("Unknown plan, plan/payment type or currency mismatch, unknown time zone"),
        }),
        get: {
          summary: "Find subscribers by legacy id",
          parameters: [{ name: "externalId", in: "query", required: true, schema: { type: "string" } }],
          responses: { ...common, "200": ok("SubscriberList") },
        },
      },
      "/v1/catalog": {
        get: {
          summary:
            "The plan catalog: every plan id, payment type, currency, fee, allowances and overage rates",
          responses: { ...common, "200": ok("Catalog") },
        },
      },
      "/v1/subscribers/{id}": {
        get: {
          summary: "Read a subscriber",
          parameters: [idParam],
          responses: { ...common, "200": ok("SubscriberState"), "404": err("Unknown subscriber") },
        },
      },
      "/v1/subscribers/{id}/plan-change": subscriberAction(
        "Change plan (active only); one older than the current plan is recorded in the plan history, not made current (equal instants: the later arrival wins)",
        "PlanChangeRequest",
      ),
      "/v1/subscribers/{id}/top-ups": subscriberAction(
        "Top up the balance (active or suspended)",
        "TopUpRequest",
      ),
      "/v1/subscribers/{id}/suspension": subscriberAction(
        "Suspend (active → suspended); older than the last status change → 409 stale_event",
        "ReasonRequest",
      ),
      "/v1/subscribers/{id}/resumption": subscriberAction(
        "Resume (suspended → active); older than the last status change → 409 stale_event",
        "AtRequest",
      ),
      "/v1/subscribers/{id}/termination": subscriberAction(
        "Terminate (any live status; frees the MSISDN and IMSI); older than the last status change → 409 stale_event",
        "ReasonRequest",
      ),
      "/v1/subscribers/{id}/sim-swap": subscriberAction(
        "Move the subscriber to a new SIM (ICCID + IMSI)",
        "SimSwapRequest",
      ),
      "/v1/subscribers/{id}/add-ons": subscriberAction(
        "Buy an add-on (a one-off invoice line)",
        "AddOnRequest",
      ),
      "/v1/subscribers/{id}/kyc": subscriberAction(
        "Add or correct KYC fields; verified only when complete, else kycStatus incomplete; clearing a field → 422 kyc_incomplete",
        "KycRequest",
      ),
      "/v1/subscribers/{id}/port-in": {
        post: write(
          "Request a port-in of a number from a donor through the MNP clearinghouse",
          "PortInRequest",
          {
            "202": ok("PortingState", "Scheduled; completes when the clock reaches completesAt"),
            "404": err("Unknown subscriber"),
            "502": err("Clearinghouse unavailable"),
          },
          { parameters: [idParam] },
        ),
      },
      "/v1/subscribers/{id}/port-out": {
        post: write(
          "Port the subscriber's number out to a recipient (a status change: an older one than the last is 409 stale_event)",
          "PortOutRequest",
          {
            "202": ok("PortingState"),
            "404": err("Unknown subscriber"),
            "502": err("Clearinghouse unavailable"),
          },
          { parameters: [idParam] },
        ),
      },
      "/v1/subscribers/{id}/switching-codes": {
        post: write(
          "Answer a UK PAC (SMS to 65075) or STAC (SMS to 75075) request with the code, sent by SMS within a minute, valid 30 days",
          "SwitchingCodeRequest",
          { "201": ok("SwitchingCode"), "404": err("Unknown subscriber") },
          { parameters: [idParam] },
        ),
      },
      "/v1/porting/clearinghouse": {
        get: {
          summary: "The MNP clearinghouse ports are scheduled with (null: scheduled locally)",
          responses: { ...common, "200": ok("ClearinghouseConfig") },
        },
        post: write("Set the MNP clearinghouse", "ClearinghouseConfigRequest", {
          "200": ok("ClearinghouseConfig"),
        }),
      },
      "/v1/porting/requests/{id}": {
        get: {
          summary: "Read a port request",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: { ...common, "200": ok("PortRequest"), "404": err("Unknown port request") },
        },
      },
      "/v1/subscribers/{id}/invoices": {
        get: {
          summary: "Closed invoices of a subscriber, by period",
          parameters: [idParam],
          responses: { ...common, "200": ok("InvoiceList"), "404": err("Unknown subscriber") },
        },
      },
      "/v1/subscribers/{id}/invoices/current": {
        get: {
          summary: "Preview of the open period's invoice",
          parameters: [idParam],
          responses: { ...common, "200": ok("Invoice"), "404": err("Unknown subscriber") },
        },
      },
      "/v1/cohort-imports": {
        post: write(
          "Import a cohort of migrated subscribers with legacy billing state",
          "CohortImportRequest",
          { "200": ok("CohortImportResult", "Per-subscriber results") },
        ),
      },
      "/v1/cdr-batches": {
        post: write(
          "Ingest a batch of CDRs; every record is accepted or rejected with a reason",
          "CdrBatchRequest",
          { "200": ok("CdrBatchResult", "Per-record results") },
        ),
      },
      "/v1/cdr-control-totals": {
        get: {
          summary:
            "Accepted records, seconds (voice) and bytes (data) per UTC day of their start, of one feed source",
          parameters: [
            {
              name: "source",
              in: "query",
              required: false,
              schema: { type: "string" },
              description: "The batches' `source` (default: default).",
            },
          ],
          responses: { ...common, "200": ok("CdrControlTotals") },
        },
      },
      "/v1/cdr-sessions/gaps": {
        get: {
          summary: "Sessions whose final record arrived with partial sequence numbers missing below it",
          responses: { ...common, "200": ok("CdrGapList") },
        },
      },
      "/v1/billing-runs": {
        post: {
          summary: "Close every ended billing period without an invoice",
          parameters: [idempotencyKey],
          responses: { ...common, "200": ok("BillingRunResult") },
        },
      },
      "/v1/test/clock": {
        get: { summary: "Simulated now", responses: { ...common, "200": ok("ClockState") } },
        post: write("Advance or set the test clock (forward only); due ports complete", "ClockRequest", {
          "200": ok("ClockMoveResult"),
          "422": err("Backwards move or bad duration"),
        }),
      },
      "/v1/retention/records": {
        get: {
          summary: "Retained usage records and events of one MSISDN or IMSI in [from, to)",
          parameters: ["msisdn", "imsi", "from", "to"].map((name) => ({
            name,
            in: "query",
            required: name === "from" || name === "to",
            schema: { type: "string" },
          })),
          responses: { ...common, "200": ok("RetentionRecords") },
        },
      },
      "/v1/retention/purge": {
        post: {
          summary:
            "Purge records older than the retention window: per country when the body names windows (ISO 8601 periods), else the destination's own window (calendar months)",
          parameters: [idempotencyKey],
          requestBody: { required: false, ...json("RetentionPurgeRequest") },
          responses: { ...common, "200": ok("PurgeResult") },
        },
      },
      "/v1/li/tasks": {
        post: liOp(
          write("Activate an X1 task (XID, targets, delivery type)", "LiTaskRequest", {
            "201": ok("LiTask"),
          }),
        ),
        get: liOp({ summary: "List X1 tasks", responses: { ...common, "200": ok("LiTaskList") } }),
      },
      "/v1/li/tasks/{xid}": {
        get: liOp({
          summary: "Read an X1 task",
          parameters: [{ name: "xid", in: "path", required: true, schema: { type: "string" } }],
          responses: { ...common, "200": ok("LiTask"), "404": err("Unknown XID") },
        }),
      },
      "/v1/li/tasks/{xid}/deactivation": {
        post: liOp(
          write(
            "Deactivate an X1 task",
            "LiDeactivationRequest",
            { "200": ok("LiTask"), "404": err("Unknown XID") },
            {
              parameters: [{ name: "xid", in: "path", required: true, schema: { type: "string" } }],
            },
          ),
        ),
      },
      "/v1/li/deliveries": {
        get: liOp({
          summary: "X2 delivery log (IRI records and their delivery status)",
          parameters: [{ name: "xid", in: "query", required: false, schema: { type: "string" } }],
          responses: { ...common, "200": ok("LiDeliveryList") },
        }),
      },
      "/v1/reconciliation/checksums": {
        get: {
          summary:
            "Range checksums of the canonical reconciliation rows: the segments of the bucket range [from, to), each with its row count and the sum of its row hashes modulo 2^64 (docs/destination-contract.md, Reconciliation)",
          parameters: [
            ...rangeParams,
            {
              name: "segments",
              in: "query",
              required: false,
              schema: { type: "integer", minimum: 1, maximum: 1024, default: 1 },
              description:
                "Equal splits of the range: boundary i = from + floor((to - from) * i / n), n = min(segments, to - from).",
            },
          ],
          responses: { ...common, "200": ok("RangeChecksumList") },
        },
      },
      "/v1/reconciliation/rows": {
        get: {
          summary:
            "The state export of a bucket range: one canonical reconciliation row per line (NDJSON), by bucket then key",
          parameters: rangeParams,
          responses: {
            ...common,
            "200": {
              description: "NDJSON, one ReconciliationRow a line",
              content: {
                "application/x-ndjson": { schema: { $ref: "#/components/schemas/ReconciliationRow" } },
              },
            },
          },
        },
      },
      "/v1/network/cutover": {
        post: write(
          "Number-portability cutover: take the routing authority of these MSISDNs (each must belong to a live subscriber)",
          "NetworkChangeRequest",
          { "200": ok("NetworkChangeResult") },
        ),
      },
      "/v1/network/rollback": {
        post: write(
          "Roll a cutover back: hand the routing authority of these MSISDNs back to legacy and stop serving them",
          "NetworkChangeRequest",
          { "200": ok("NetworkChangeResult") },
        ),
      },
      "/v1/network/routes/{msisdn}": {
        get: {
          summary: "Routing lookup: the services this platform terminates for a number it serves",
          parameters: [{ name: "msisdn", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            ...common,
            "200": ok("NetworkRoute"),
            "404": err("not_routed: this platform does not serve the number"),
          },
        },
      },
      "/v1/li/delivery-config": {
        get: liOp({
          summary: "The X2 delivery endpoint",
          responses: { ...common, "200": ok("LiDeliveryConfig") },
        }),
        post: liOp(
          write("Set the X2 delivery endpoint", "LiDeliveryConfigRequest", {
            "200": ok("LiDeliveryConfig"),
          }),
        ),
      },
    },
    components: {
      securitySchemes: {
        bssToken: { type: "http", scheme: "bearer", description: "The regular BSS credential." },
        liToken: { type: "http", scheme: "bearer", description: "The separate lawful-intercept credential." },
      },
      schemas: componentSchemas(),
    },
  };
}
