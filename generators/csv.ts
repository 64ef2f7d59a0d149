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
