/**
 * Migration status per subscriber, for customer care: which system is authoritative for the line
 * (legacy, in parallel, destination, rolled back), since when, its cohort, and the last
 * reconciliation's result. A line is on legacy until its cohort is imported, in parallel from the
 * import, and authoritative on the destination once the parallel period ends with its state
 * reconciled; a line whose difference the contract does not explain goes back to legacy (rolled
 * back) from the reconciliation that found it. The report's table (`migration-status`) holds every
 * line; `tranche status` reads it from a run result.
 */
import type { TableSection } from "../../domain/index.ts";

export const AUTHORITIES = ["legacy", "in parallel", "destination", "rolled back"] as const;
export type Authority = (typeof AUTHORITIES)[number];

export interface MigrationStatusRow {
  readonly subscriber: string;
  readonly msisdn: string;
  readonly authority: Authority;
  readonly since: string;
  readonly cohort: string;
  readonly lastReconciledAt: string;
  readonly lastResult: string;
  readonly [key: string]: string;
}

/** The id of the report section `tranche status` reads. */
export const MIGRATION_STATUS_SECTION = "migration-status";

/** The table section of every line's migration status. */
export function migrationStatusSection(
  rows: readonly MigrationStatusRow[],
  description: string,
): TableSection {
  return {
    kind: "table",
    id: MIGRATION_STATUS_SECTION,
    title: "Migration status per subscriber",
    description,
    columns: [
      { key: "subscriber", label: "subscriber" },
      { key: "msisdn", label: "MSISDN" },
      { key: "authority", label: "authoritative system" },
      { key: "since", label: "since" },
      { key: "cohort", label: "cohort" },
      { key: "lastReconciledAt", label: "last reconciled" },
      { key: "lastResult", label: "last reconciliation result" },
    ],
    rows: rows.map((r) => ({ ...r })),
    totalRows: rows.length,
  };
}
