/**
 * JSON Schemas (OpenAPI 3.1 / draft 2020-12) of the destination contract's bodies. Responses list
 * every field a client may rely on as required; destinations may add fields, never remove them.
 */

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str: Schema = { type: "string" };
const int: Schema = { type: "integer" };
const bool: Schema = { type: "boolean" };
const instant: Schema = { type: "string", format: "date-time" };
const nullable = (s: Schema): Schema => ({ anyOf: [s, { type: "null" }] });
const obj = (properties: Record<string, Schema>, required: string[] = Object.keys(properties)): Schema => ({
  type: "object",
  properties,
  required,
});
const list = (item: Schema): Schema => obj({ items: { type: "array", items: item } });
const msisdn: Schema = { type: "string", pattern: "^\\+[1-9][0-9]{6,14}$", description: "E.164 number" };
const imsi: Schema = { type: "string", pattern: "^[0-9]{15}$" };
const iccid: Schema = { type: "string", pattern: "^89[0-9]{16,18}$" };
const currency: Schema = { type: "string", enum: ["GBP", "EUR", "USD", "JPY", "KWD", "CHF"] };
const status: Schema = { type: "string", enum: ["active", "inactive", "suspended", "barred", "terminated"] };
const at: Schema = { ...instant, description: "Business instant of the event (ISO 8601 with offset)." };
const usage = obj({ voiceSec: int, smsCount: int, dataBytes: int });
const kyc = obj(
  { name: nullable(str), dateOfBirth: nullable(str), address: nullable(str), idDocument: nullable(str) },
  [],
);

const subscriberState = obj(
  {
    id: { ...str, description: "Assigned by the destination." },
    externalId: { ...str, description: "The legacy (source) id." },
    msisdn,
    imsi,
    iccid,
    planId: str,
    paymentType: { type: "string", enum: ["prepaid", "postpaid"] },
    status,
    balanceMinor: { ...int, description: "Balance in minor units of `currency`." },
    currency,
    anchorDay: { type: "integer", minimum: 1, maximum: 31 },
    timezone: str,
    activatedAt: instant,
    addOns: { type: "array", items: str },
    kycStatus: { type: "string", enum: ["unverified", "verified", "incomplete"] },
    portedIn: bool,
    cohortId: nullable(str),
    migratedAt: nullable(instant),
  },
  [
    "id",
    "externalId",
    "msisdn",
    "imsi",
    "iccid",
    "planId",
    "paymentType",
    "status",
    "balanceMinor",
    "currency",
    "anchorDay",
    "timezone",
    "activatedAt",
    "addOns",
  ],
);

const portRequest = obj({
  id: str,
  type: { type: "string", enum: ["port_in", "port_out"] },
  subscriberId: str,
  msisdn,
  counterparty: str,
  status: { type: "string", enum: ["pending", "completed"] },
  requestedAt: instant,
  scheduledAt: instant,
  completesAt: instant,
  completedAt: nullable(instant),
  clearinghouseRef: str,
});

const invoiceLine = obj({
  kind: { type: "string", enum: ["recurring", "usage", "one-off", "credit"] },
  description: str,
  amountMinor: int,
});

const cdr = obj(
  {
    recordId: str,
    chargingId: { ...str, description: "Session identifier shared by all partial records of one session." },
    msisdn,
    imsi,
    service: { type: "string", enum: ["voice", "sms", "data"] },
    start: instant,
    durationSec: { ...int, minimum: 0, description: "Required for voice." },
    volumeBytes: { ...int, minimum: 0, description: "Required for data." },
    partial: nullable(obj({ sequence: { ...int, minimum: 1 }, final: bool })),
    roaming: bool,
    cell: str,
  },
  ["recordId", "chargingId", "msisdn", "imsi", "service", "start"],
);

const liTarget = obj({ type: { type: "string", enum: ["msisdn", "imsi"] }, value: str });
const liTask = obj({
  xid: str,
  targets: { type: "array", items: liTarget },
  deliveryType: { type: "string", enum: ["X2Only", "X2andX3"] },
  status: { type: "string", enum: ["active", "inactive"] },
  createdAt: instant,
  deactivatedAt: nullable(instant),
});

/** Every named schema of the contract. */
export const SCHEMAS: Record<string, Schema> = {
  Error: obj({ error: obj({ code: str, message: str }) }),
  Health: obj(
    {
      status: { type: "string", enum: ["ok"] },
      version: str,
      defects: { type: "array", items: str },
      now: instant,
    },
    ["status", "version", "defects"],
  ),
  SubscriberState: subscriberState,
  SubscriberList: list(ref("SubscriberState")),
  ActivationRequest: obj({
    externalId: str,
    msisdn,
    imsi,
    iccid,
    planId: str,
    paymentType: { type: "string", enum: ["prepaid", "postpaid"] },
    currency,
    initialBalanceMinor: { ...int, minimum: 0 },
    anchorDay: { type: "integer", minimum: 1, maximum: 31 },
    timezone: str,
    at,
  }),
  PlanChangeRequest: obj({ planId: str, at }),
  TopUpRequest: obj({ amountMinor: { ...int, minimum: 1 }, currency, at }),
  ReasonRequest: obj({ reason: str, at }),
  AtRequest: obj({ at }),
  SimSwapRequest: obj({ iccid, imsi, at }),
  AddOnRequest: obj({ addonId: str, priceMinor: { ...int, minimum: 0 }, currency, at }),
  KycRequest: obj(
    {
      name: nullable(str),
      dateOfBirth: nullable(str),
      address: nullable(str),
      idDocument: nullable(str),
      at,
    },
    ["at"],
  ),
  PortInRequest: obj({ msisdn, donor: str, at }),
  PortOutRequest: obj({ recipient: str, at }),
  PortRequest: portRequest,
  PortingState: { allOf: [ref("SubscriberState"), obj({ porting: ref("PortRequest") })] },
  CohortImportRequest: obj({
    cohortId: str,
    at: { ...at, description: "Cutover instant of the cohort." },
    subscribers: {
      type: "array",
      items: obj(
        {
          externalId: str,
          msisdn,
          imsi,
          iccid,
          planId: str,
          paymentType: { type: "string", enum: ["prepaid", "postpaid"] },
          currency,
          status: { type: "string", enum: ["active", "inactive", "suspended", "barred"] },
          anchorDay: { type: "integer", minimum: 1, maximum: 31 },
          timezone: str,
          activatedAt: instant,
          addOns: { type: "array", items: str },
          kyc,
          billing: obj(
            {
              periodStart: instant,
              usageToDate: usage,
              balanceMinor: int,
              creditMinor: { ...int, minimum: 0 },
            },
            ["periodStart", "usageToDate", "balanceMinor"],
          ),
        },
        [
          "externalId",
          "msisdn",
          "imsi",
          "iccid",
          "planId",
          "paymentType",
          "currency",
          "status",
          "anchorDay",
          "timezone",
          "activatedAt",
          "billing",
        ],
      ),
    },
  }),
  CohortImportResult: obj({
    cohortId: str,
    at: instant,
    imported: int,
    rejected: int,
    results: {
      type: "array",
      items: obj(
        {
          index: int,
          externalId: nullable(str),
          status: { type: "string", enum: ["imported", "rejected"] },
          id: str,
          reason: str,
          message: str,
        },
        ["index", "externalId", "status"],
      ),
    },
  }),
  Cdr: cdr,
  CdrBatchRequest: obj({ records: { type: "array", items: ref("Cdr"), minItems: 1, maxItems: 10000 } }),
  CdrBatchResult: obj({
    accepted: int,
    rejected: int,
    results: {
      type: "array",
      items: obj(
        {
          index: int,
          recordId: nullable(str),
          status: { type: "string", enum: ["accepted", "rejected"] },
          reason: {
            type: "string",
            enum: [
              "malformed",
              "missing_quantity",
              "unknown_subscriber",
              "imsi_mismatch",
              "before_activation",
              "after_termination",
              "duplicate_record",
              "duplicate_partial",
              "partial_after_final",
              "session_mismatch",
            ],
          },
          message: str,
        },
        ["index", "recordId", "status"],
      ),
    },
  }),
  Invoice: obj({
    id: str,
    subscriberId: str,
    period: obj({ start: instant, end: instant }),
    currency,
    lines: { type: "array", items: invoiceLine },
    totalMinor: int,
    status: { type: "string", enum: ["final", "preview"] },
  }),
  InvoiceList: list(ref("Invoice")),
  BillingRunResult: obj({ runAt: instant, invoicesCreated: int }),
  ClockState: obj({ now: instant }),
  ClockMoveResult: obj({ now: instant, portsCompleted: int }),
  ClockRequest: {
    oneOf: [
      obj({ advance: { ...str, description: "ISO 8601 duration, e.g. P1D or PT4H." } }),
      obj({ advanceSeconds: { ...int, minimum: 0 } }),
      obj({ set: instant }),
    ],
  },
  RetentionRecords: obj({
    usage: {
      type: "array",
      items: obj({
        recordId: str,
        chargingId: str,
        subscriberId: str,
        msisdn,
        imsi,
        service: str,
        start: instant,
        quantity: int,
      }),
    },
    events: { type: "array", items: obj({ subscriberId: str, type: str, at: instant, msisdn, imsi }) },
  }),
  PurgeResult: obj({
    cutoff: instant,
    retentionMonths: int,
    purged: obj({ usageRecords: int, events: int }),
  }),
  LiTaskRequest: obj(
    {
      xid: { ...str, minLength: 8, maxLength: 64 },
      targets: { type: "array", items: liTarget, minItems: 1 },
      deliveryType: { type: "string", enum: ["X2Only", "X2andX3"] },
    },
    ["xid", "targets"],
  ),
  LiTask: liTask,
  LiTaskList: list(ref("LiTask")),
  LiDeactivationRequest: obj({ reason: str }, []),
  LiDeliveryList: list(
    obj({
      seq: int,
      xid: str,
      status: { type: "string", enum: ["pending", "delivered"] },
      attempts: int,
      createdAt: instant,
      deliveredAt: nullable(instant),
      record: { type: "object" },
    }),
  ),
  LiDeliveryConfig: obj({ url: nullable({ type: "string", format: "uri" }) }),
};
