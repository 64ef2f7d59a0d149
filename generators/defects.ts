/**
 * Legacy data-quality defects: what years of a legacy BSS leave in a base. Each injected defect is
 * written to the sidecar truth file, so a migration check knows exactly which records are bad and
 * why, and a property test can hold every *other* record to full validity.
 */
import { parseRateSpec } from "./rate-spec.ts";

/** The defect kinds, in the order applyDefects draws whether each hits a line. */
export const DEFECT_KINDS = [
  "duplicate_msisdn",
  "bad_iccid_check_digit",
  "missing_kyc_fields",
  "orphan_account",
  "plan_not_in_catalog",
  "case_whitespace_noise",
] as const;
export type DefectKind = (typeof DEFECT_KINDS)[number];

/** Probability per record of each defect; absent means 0 (no defects unless configured). */
export type DefectRates = Readonly<Partial<Record<DefectKind, number>>>;

/**
 * A typical legacy base (`--defects legacy`): rates seen in migration dry runs, order of magnitude
 * only — duplicates and orphans are rare, formatting noise and missing KYC data are common.
 */
export const LEGACY_DEFECT_RATES: DefectRates = {
  duplicate_msisdn: 0.0005,
  bad_iccid_check_digit: 0.001,
  missing_kyc_fields: 0.01,
  orphan_account: 0.002,
  plan_not_in_catalog: 0.003,
  case_whitespace_noise: 0.02,
};

/** One line of a truth file: a record that is deliberately wrong, and how. */
export interface TruthRecord {
  readonly stream: string;
  readonly record: number;
  readonly id: string;
  readonly kind: string;
  readonly field?: string;
  readonly detail?: string;
}

/** Parses `legacy`, `none` or `kind=rate,kind=rate` (rates are probabilities per record). */
export function parseDefectRates(spec: string): DefectRates {
  return (
    parseRateSpec<DefectRates>(spec, {
      what: "defect",
      keys: Object.fromEntries(DEFECT_KINDS.map((k) => [k, k])),
      presets: { legacy: LEGACY_DEFECT_RATES },
      isRate: () => true,
    }) ?? {}
  );
}

/** Legacy plan ids a migrated catalog no longer has. */
export const RETIRED_PLAN_IDS = ["LEGACY-TALK-2014", "LEGACY-DATA-1GB", "STAFF-SIM", "FAMILY-PACK-OLD"];
