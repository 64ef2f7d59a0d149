/** CSV output for spreadsheet users (RFC 4180 quoting), flattening nested records with dotted names. */
import type { Subscriber } from "../domain/index.ts";

/** Quotes a CSV field when it holds a comma, quote, line break or edge whitespace. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line (with newline) from a list of values. */
export function csvLine(values: ReadonlyArray<string | number | boolean | null | undefined>): string {
  let out = "";
  for (let i = 0; i < values.length; i++) out += (i === 0 ? "" : ",") + csvField(values[i]);
  return `${out}\n`;
}

export const SUBSCRIBER_CSV_COLUMNS = [
  "id",
  "accountId",
  "msisdn",
  "imsi",
  "iccid",
  "imei",
  "paymentType",
  "planId",
  "addOns",
  "status",
  "activatedAt",
  "lastActivityAt",
  "segment",
  "billing.anchorDay",
  "billing.timezone",
  "billing.currency",
  "billing.balanceMinor",
  "billing.periodStart",
  "billing.usageToDate.voiceSec",
  "billing.usageToDate.smsCount",
  "billing.usageToDate.dataBytes",
  "arpuMinor",
  "kyc.name",
  "kyc.dateOfBirth",
  "kyc.address",
  "kyc.idDocument",
  "kyc.verifiedAt",
  "porting.portedIn",
  "porting.donor",
  "porting.portedAt",
  "country",
] as const;

/** The CSV row of a subscriber in SUBSCRIBER_CSV_COLUMNS order; add-ons are `;`-separated. */
export function subscriberCsv(s: Subscriber): string {
  const b = s.billing;
  return csvLine([
    s.id,
    s.accountId,
    s.msisdn,
    s.imsi,
    s.iccid,
    s.imei,
    s.paymentType,
    s.planId,
    s.addOns.join(";"),
    s.status,
    s.activatedAt,
    s.lastActivityAt,
    s.segment,
    b.anchorDay,
    b.timezone,
    b.currency,
    b.balanceMinor,
    b.periodStart,
    b.usageToDate.voiceSec,
    b.usageToDate.smsCount,
    b.usageToDate.dataBytes,
    s.arpuMinor,
    s.kyc.name,
    s.kyc.dateOfBirth,
    s.kyc.address,
    s.kyc.idDocument,
    s.kyc.verifiedAt,
    s.porting.portedIn,
    s.porting.donor,
    s.porting.portedAt,
    s.country,
  ]);
}

/** Splits one CSV line into fields (RFC 4180 quoting); null when a quoted field runs past the line. */
export function splitCsvLine(line: string): string[] | null {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      fields.push(field);
      field = "";
    } else if (c !== "\r") field += c;
  }
  if (quoted) return null;
  fields.push(field);
  return fields;
}

/** A nested record from dotted column names (`billing.anchorDay` → {billing: {anchorDay}}). */
export function recordFromColumns(
  header: readonly string[],
  fields: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  header.forEach((column, i) => {
    const parts = column.split(".");
    let node = out;
    for (const part of parts.slice(0, -1)) {
      node[part] ??= {};
      node = node[part] as Record<string, unknown>;
    }
    const raw = fields[i] ?? "";
    node[parts[parts.length - 1] as string] = raw === "" ? null : raw;
  });
  return out;
}
