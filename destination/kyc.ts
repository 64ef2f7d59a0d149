/**
 * KYC (know your customer): the identity record an operator must hold for each subscriber before
 * service — name, date of birth, address and an identity document. A record is complete only when
 * all four are present. An update may add or correct fields (a partial record is kept and flagged
 * incomplete) but may not clear one; an incomplete record must never be marked verified.
 */
import { countryOfMsisdn, kycRuleOf, regulationFor } from "../domain/index.ts";

export interface KycRecord {
  name?: string | null;
  dateOfBirth?: string | null;
  address?: string | null;
  idDocument?: string | null;
}

export const KYC_FIELDS = ["name", "dateOfBirth", "address", "idDocument"] as const;

/** Overlays the fields present in `update` (null clears a field) on `current`. */
export function mergeKyc(current: KycRecord, update: KycRecord): KycRecord {
  const merged: KycRecord = { ...current };
  for (const field of KYC_FIELDS) {
    if (update[field] !== undefined) merged[field] = update[field];
  }
  return merged;
}

/** Whether every KYC field is present and non-blank, and which are missing. */
export function isComplete(record: KycRecord): { ok: boolean; missing: string[] } {
  const missing = KYC_FIELDS.filter((f) => {
    const value = record[f];
    return value === undefined || value === null || value.trim().length === 0;
  });
  return { ok: missing.length === 0, missing };
}

/** The fields an update sets to null or blank (clearing identity data). */
export function clearedFields(update: KycRecord): string[] {
  return KYC_FIELDS.filter((f) => {
    const value = update[f];
    return value === null || (typeof value === "string" && value.trim().length === 0);
  });
}

/**
 * Why the line must be barred under its country's KYC rule, or null: a rule that bars lines with an
 * incomplete identity record (DE prepaid, TKG §172) applies while the record is not verified or
 * lacks a field the rule requires. The country is the MSISDN's (calling code); the rules are the
 * built-in regulatory data (domain/regulation-data.ts).
 */
export function kycBarring(
  msisdn: string,
  paymentType: string,
  kycStatus: string,
  record: KycRecord,
): "kyc_required" | null {
  const country = countryOfMsisdn(msisdn);
  if (!country || (paymentType !== "prepaid" && paymentType !== "postpaid")) return null;
  const rule = kycRuleOf(regulationFor(country), paymentType);
  if (rule.onIncomplete !== "bar") return null;
  const missing = rule.requiredFields.some((f) => {
    const value = record[f];
    return value === undefined || value === null || value.trim().length === 0;
  });
  return kycStatus !== "verified" || missing ? "kyc_required" : null;
}
