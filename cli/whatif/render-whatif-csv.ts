/**
 * The what-if result as one CSV table for a spreadsheet: a row per policy (cohort "all") and per
 * cohort, dates as ISO days, money in integer minor units with one column per currency of the base.
 * Columns that do not apply to a row are empty.
 */
import { csvLine } from "../../generators/index.ts";
import type { Spread, WhatifResult } from "../../planner/index.ts";

/** Renders the result as CSV (header + rows, `\n` line ends). */
export function renderWhatifCsv(result: WhatifResult): string {
  const currencies = result.base.currencies;
  const header = [
    "policy",
    "cohort",
    "subscribers",
    "aligned_subscribers",
    "start_p50",
    "start_p90",
    "cutover_p50",
    "cutover_p90",
    "end_p50",
    "end_p90",
    "split_bills_mean",
    "split_bills_p90",
    "defect_rate",
    "rollback_rate",
    "incident_rate",
    "exposed_days_p50",
    "exposed_days_p90",
    "expected_affected_subscribers",
    ...currencies.map((c) => `revenue_at_risk_minor_${c}`),
    "dual_write_days_p50",
    "dual_write_days_p90",
    "parallel_run_cost_minor_p50",
    "parallel_run_cost_minor_p90",
    "cost_currency",
    "peak_utilization_pct_p50",
    "peak_utilization_pct_p90",
    "days_over_capacity_p50",
    "days_over_capacity_p90",
  ];
  const lines = [csvLine(header)];
  const blanks = (n: number) => Array.from({ length: n }, () => null);
  for (const p of result.policies) {
    const revenue = currencies.map((c) =>
      p.cohorts.reduce((sum, k) => sum + (k.revenueAtRiskMinor[c] ?? 0), 0),
    );
    const load = (s: Spread | null, key: "p50" | "p90") => (s ? s[key] : null);
    lines.push(
      csvLine([
        p.policy.name,
        "all",
        result.base.subscribers,
        p.cohorts.reduce((sum, k) => sum + k.alignedSubscribers, 0),
        p.cohorts[0]?.start.p50 ?? null,
        p.cohorts[0]?.start.p90 ?? null,
        p.cohorts.at(-1)?.cutover.p50 ?? null,
        p.cohorts.at(-1)?.cutover.p90 ?? null,
        p.end.p50,
        p.end.p90,
        p.splitBills.mean,
        p.splitBills.p90,
        null,
        null,
        null,
        null,
        null,
        p.affectedSubscribers.mean,
        ...revenue,
        p.dualWriteDays.p50,
        p.dualWriteDays.p90,
        p.parallelRunCostMinor.p50,
        p.parallelRunCostMinor.p90,
        p.costCurrency,
        load(p.load.peakUtilizationPct, "p50"),
        load(p.load.peakUtilizationPct, "p90"),
        load(p.load.daysOverCapacity, "p50"),
        load(p.load.daysOverCapacity, "p90"),
      ]),
    );
    for (const c of p.cohorts) {
      lines.push(
        csvLine([
          p.policy.name,
          c.cohort,
          c.subscribers,
          c.alignedSubscribers,
          c.start.p50,
          c.start.p90,
          c.cutover.p50,
          c.cutover.p90,
          c.end.p50,
          c.end.p90,
          c.splitBills.mean,
          c.splitBills.p90,
          c.defectRate,
          c.rollbackRate,
          c.incidentRate,
          c.exposedDays?.p50 ?? null,
          c.exposedDays?.p90 ?? null,
          c.expectedAffectedSubscribers,
          ...currencies.map((cur) => c.revenueAtRiskMinor[cur] ?? 0),
          ...blanks(9),
        ]),
      );
    }
  }
  return lines.join("");
}
