/**
 * Capture import: HAR files and NDJSON request logs become the canonical event log, CSV base
 * exports become canonical subscribers — driven by the mapping file, pseudonymized on the way in.
 * Only mapped fields reach the output, and every personal or identifying one passes through the
 * keyed pseudonymizer, so no raw MSISDN, name, address or id is ever written.
 */
import { basename } from "node:path";
import {
  countryProfile,
  describeIssue,
  inputError,
  type ProvisioningEvent,
  ProvisioningEventSchema,
  profileForMsisdn,
  type Subscriber,
  SubscriberSchema,
  TrancheError,
} from "../domain/index.ts";
import { type CapturedRequest, type CaptureMapping, matchRule, resolveField } from "./capture-mapping.ts";
import { readCsv, readHar, readRequestLog } from "./capture-readers.ts";
import { epochMsFromIso } from "./iso-time.ts";
import type { Pseudonymizer } from "./pseudonymizer.ts";

export type CaptureKind = "har" | "ndjson" | "csv";

/** The kind of a capture file, by extension (then by content for .json). */
export function captureKind(file: string, text: string): CaptureKind {
  const name = file.toLowerCase();
  if (name.endsWith(".har")) return "har";
  if (name.endsWith(".csv")) return "csv";
  if (name.endsWith(".json") && /^\s*\{\s*"log"/.test(text)) return "har";
  return "ndjson";
}

export interface ImportResult {
  readonly events: ProvisioningEvent[];
  readonly subscribers: Subscriber[];
  /** Requests no mapping rule matched (reads, health checks, …). */
  readonly skipped: number;
}

const PERSONAL_PAYLOAD: Record<string, (p: Pseudonymizer, v: string, country?: string) => string> = {
  msisdn: (p, v, c) => p.msisdn(v, c),
  imsi: (p, v) => p.imsi(v),
  iccid: (p, v) => p.iccid(v),
  imei: (p, v) => p.imei(v),
  name: (p, v, c) => p.name(v, c),
  address: (p, v, c) => p.address(v, c),
  dateOfBirth: (p, v) => p.dateOfBirth(v),
  idDocument: (p, v) => p.idDocument(v),
};

/** The pseudonym of a personal field's string value; any other field or value passes unchanged. */
function pseudonym(p: Pseudonymizer, field: string, value: unknown, country: string | undefined): unknown {
  const hide = PERSONAL_PAYLOAD[field];
  return hide && typeof value === "string" ? hide(p, value, country) : value;
}

/** Imports capture files (contents given) under one mapping and pseudonymizer. */
export function importCaptures(
  inputs: ReadonlyArray<{ readonly file: string; readonly text: string }>,
  mapping: CaptureMapping,
  pseudonymizer: Pseudonymizer,
): ImportResult {
  const events: Array<{ ms: number; event: ProvisioningEvent }> = [];
  const subscribers: Subscriber[] = [];
  let skipped = 0;
  for (const { file, text } of inputs) {
    const kind = captureKind(file, text);
    if (kind === "csv") {
      for (const s of importBase(file, text, mapping, pseudonymizer)) subscribers.push(s);
      continue;
    }
    const requests = kind === "har" ? readHar(text, file) : readRequestLog(text, file);
    for (const [index, request] of requests.entries()) {
      const event = toEvent(request, index, mapping, pseudonymizer);
      if (event) events.push({ ms: epochMsFromIso(event.at), event });
      else skipped++;
    }
  }
  events.sort((a, b) => a.ms - b.ms || (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0));
  return { events: events.map((e) => e.event), subscribers, skipped };
}

/**
 * One captured request as a canonical event. Without an event id or an Idempotency-Key in the
 * capture, both are derived from the request's own identity — its file and position (a HAR written
 * on one line has every entry on line 1) — so two different requests never share an id or a key;
 * a true duplicate (the same key header) still shares its key.
 */
function toEvent(
  request: CapturedRequest,
  index: number,
  mapping: CaptureMapping,
  p: Pseudonymizer,
): ProvisioningEvent | null {
  const matched = matchRule(mapping, request);
  if (!matched) return null;
  const { rule, params } = matched;
  const context = { ...request, params, time: request.time };
  const payload: Record<string, unknown> = {};
  for (const [field, spec] of Object.entries(rule.payload)) {
    const value = resolveField(spec, context);
    if (value === undefined) continue;
    payload[field] = pseudonym(p, field, value, mapping.defaultCountry);
  }
  const subscriberId = resolveField(rule.subscriberId, context);
  const key = rule.idempotencyKey
    ? resolveField(rule.idempotencyKey, context)
    : request.headers["idempotency-key"];
  const at = rule.at ? resolveField(rule.at, context) : request.time;
  const where = `${basename(request.file)}:${request.line}#${index}`;
  const candidate = {
    id: p.id(`evt-${where}`),
    at: typeof at === "string" && !Number.isNaN(epochMsFromIso(at)) ? at : request.time,
    subscriberId: subscriberId === undefined ? undefined : p.id(String(subscriberId)),
    idempotencyKey: p.id(`idem-${key ?? where}`),
    source: mapping.source,
    type: rule.type,
    payload,
  };
  const result = ProvisioningEventSchema.safeParse(candidate);
  if (!result.success) {
    throw inputError(
      request.file,
      request.line,
      `${rule.type} from ${request.method} ${rule.match.path}: ${describeIssue(result.error)}`,
      "Check the mapping's field paths for this rule.",
    );
  }
  return result.data;
}

const NUMERIC = new Set([
  "billing.anchorDay",
  "billing.balanceMinor",
  "billing.usageToDate.voiceSec",
  "billing.usageToDate.smsCount",
  "billing.usageToDate.dataBytes",
  "arpuMinor",
]);

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (typeof node[part] !== "object" || node[part] === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1] as string] = value;
}

function importBase(file: string, text: string, mapping: CaptureMapping, p: Pseudonymizer): Subscriber[] {
  if (!mapping.base) {
    throw new TrancheError(
      "E_CONFIG",
      `cannot import CSV base ${file} → the mapping has no "base" section.`,
      "Add base.columns (see docs/capture-mapping.md).",
    );
  }
  const { header, rows } = readCsv(text, file);
  const columns = Object.entries(mapping.base.columns).map(([field, column]) => {
    const index = header.indexOf(column);
    if (index < 0) throw inputError(file, 1, `column "${column}" (for ${field}) is not in the header.`);
    return [field, index] as const;
  });
  const country = mapping.defaultCountry ? countryProfile(mapping.defaultCountry) : undefined;
  return rows.map(({ line, fields }) => {
    const s: Record<string, unknown> = {
      addOns: [],
      status: "active",
      segment: "consumer",
      billing: {
        anchorDay: 1,
        timezone: country?.timeZones[0]?.[0] ?? "UTC",
        currency: country?.currency ?? "GBP",
        balanceMinor: 0,
        usageToDate: { voiceSec: 0, smsCount: 0, dataBytes: 0 },
      },
      arpuMinor: 0,
      kyc: { name: null, dateOfBirth: null, address: null, idDocument: null, verifiedAt: null },
      porting: { portedIn: false, donor: null, portedAt: null },
    };
    for (const [field, value] of Object.entries(mapping.base?.defaults ?? {})) setPath(s, field, value);
    for (const [field, index] of columns) {
      const raw = (fields[index] as string).trim();
      if (raw === "" && field.startsWith("kyc.")) continue;
      const value = NUMERIC.has(field)
        ? Number(raw)
        : field === "addOns"
          ? raw.split(";").filter(Boolean)
          : field === "porting.portedIn"
            ? raw === "true" || raw === "1"
            : raw;
      setPath(s, field, value);
    }
    const kyc = s.kyc as Record<string, unknown>;
    // Names and addresses stay plausible for the line's own country (its number says which).
    const raw = typeof s.msisdn === "string" ? s.msisdn.replace(/[\s-]/g, "") : "";
    const lineCountry =
      (raw.startsWith("+") ? profileForMsisdn(raw)?.code : undefined) ?? mapping.defaultCountry;
    for (const f of ["name", "address", "dateOfBirth", "idDocument"])
      kyc[f] = pseudonym(p, f, kyc[f], lineCountry);
    for (const f of ["msisdn", "imsi", "iccid", "imei"]) s[f] = pseudonym(p, f, s[f], mapping.defaultCountry);
    if (typeof s.id === "string") s.id = p.id(s.id);
    s.accountId = typeof s.accountId === "string" ? p.id(s.accountId) : s.id;
    const billing = s.billing as Record<string, unknown>;
    billing.periodStart ??= s.activatedAt;
    s.lastActivityAt ??= s.activatedAt;
    const result = SubscriberSchema.safeParse(s);
    if (!result.success)
      throw inputError(
        file,
        line,
        describeIssue(result.error),
        "Map the column or give a default in base.defaults.",
      );
    return result.data;
  });
}
