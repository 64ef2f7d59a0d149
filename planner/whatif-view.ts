/**
 * The what-if result as a reader sees it: the comparison and cohort tables as formatted strings,
 * and the charts' data on one shared day axis (so policies compare at a glance). The text, CSV and
 * HTML writers in cli/ only lay this out; nothing here escapes or draws.
 */
import { Temporal } from "temporal-polyfill";
import { type CurrencyCode, formatMinor } from "../domain/index.ts";
import type { Spread } from "./spread.ts";
import type { CohortOutcome, PolicyOutcome, WhatifResult } from "./whatif-result.ts";

/** Cohorts drawn in one chart at most; the tables list them all. */
export const MAX_CHART_COHORTS = 60;

export interface TableView {
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
}

export interface TimelineBar {
  readonly label: string;
  readonly startDay: number;
  readonly cutoverDay: number;
  readonly endP50: number;
  readonly endP90: number;
}

export interface PolicyView {
  readonly name: string;
  readonly description: string;
  readonly timeline: readonly TimelineBar[];
  readonly endP50: number;
  readonly endP90: number;
  readonly blast: ReadonlyArray<{
    readonly label: string;
    readonly subscribers: number;
    readonly revenue: string;
  }>;
  /** Cohorts left out of the charts (the table has them). */
  readonly hiddenCohorts: number;
  readonly load: { readonly p10: number[]; readonly p50: number[]; readonly p90: number[] } | null;
  /** Peak-hour load per operation against its knee. */
  readonly channels: TableView;
  readonly cohorts: TableView;
}

export interface WhatifView {
  readonly heading: string;
  readonly meta: readonly string[];
  /** Days shown on every chart's x axis, and its month ticks. */
  readonly axisDays: number;
  readonly ticks: ReadonlyArray<{ readonly day: number; readonly label: string }>;
  readonly comparison: TableView;
  readonly policies: readonly PolicyView[];
  readonly notes: readonly string[];
}

const int = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });

/** An integer with thousands separators. */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? int.format(n) : "—";
}

/** Money as `GBP 1,234.56`, from integer minor units. */
export function formatMoney(amountMinor: number, currency: string): string {
  const [whole, fraction] = formatMinor(Math.round(amountMinor), currency as CurrencyCode).split(".");
  const grouped = `${whole?.startsWith("-") ? "-" : ""}${int.format(Math.abs(Number(whole)))}`;
  return `${currency} ${grouped}${fraction ? `.${fraction}` : ""}`;
}

/** Money per currency, joined: `GBP 12.00 + EUR 3.40`. */
export function formatMoneyMap(byCurrency: Readonly<Record<string, number>>): string {
  const parts = Object.keys(byCurrency)
    .sort()
    .map((c) => formatMoney(byCurrency[c] as number, c));
  return parts.length > 0 ? parts.join(" + ") : "—";
}

function pair(s: Spread, format: (n: number) => string = formatCount): string {
  return `${format(s.p50)} / ${format(s.p90)}`;
}

function pct(rate: number): string {
  return `${one.format(rate * 100)}%`;
}

function comparison(result: WhatifResult): TableView {
  const ps = result.policies;
  const row = (label: string, cell: (p: PolicyOutcome) => string): string[] => [label, ...ps.map(cell)];
  const rows = [
    row("cohorts (largest)", (p) => `${formatCount(p.cohortCount)} (${formatCount(p.largestCohort)})`),
    row("end date p50 / p90", (p) => `${p.end.p50} / ${p.end.p90}`),
    row("duration days p50 / p90", (p) => pair(p.durationDays, one.format)),
    row(
      "split-period bills mean / p90",
      (p) => `${formatCount(p.splitBills.mean)} / ${formatCount(p.splitBills.p90)}`,
    ),
    row("dual-write days p50 / p90", (p) => pair(p.dualWriteDays)),
    row(
      "parallel-run cost p50 / p90",
      (p) =>
        `${formatMoney(p.parallelRunCostMinor.p50, p.costCurrency)} / ${formatMoney(p.parallelRunCostMinor.p90, p.costCurrency)}`,
    ),
    row("peak load % of knee p50 / p90", (p) =>
      p.load.peakUtilizationPct
        ? pair(p.load.peakUtilizationPct, (n) => `${one.format(n)}%`)
        : "not measured",
    ),
    row("days over capacity p50 / p90", (p) =>
      p.load.daysOverCapacity ? pair(p.load.daysOverCapacity) : "—",
    ),
    row("runs with a day over capacity", (p) =>
      p.load.overCapacityRate === null ? "—" : pct(p.load.overCapacityRate),
    ),
    row("rollbacks mean", (p) => one.format(p.rollbacks.mean)),
    row("incidents mean", (p) => one.format(p.incidents.mean)),
    row(
      "subscribers affected mean / p90",
      (p) => `${one.format(p.affectedSubscribers.mean)} / ${formatCount(p.affectedSubscribers.p90)}`,
    ),
  ];
  return { columns: ["", ...ps.map((p) => p.policy.name)], rows };
}

function share(part: Readonly<Record<string, number>>, total: number, key: string): string {
  return `${Math.round(((part[key] ?? 0) / total) * 100)}%`;
}

function cohortTable(p: PolicyOutcome): TableView {
  return {
    columns: [
      "cohort",
      "subscribers",
      "inactive",
      "low ARPU",
      "aligned",
      "start p50",
      "cutover p50",
      "end p50 / p90",
      "split bills mean",
      "P(defect)",
      "P(incident)",
      "exposed days p90",
      "revenue at risk / month",
    ],
    rows: p.cohorts.map((c: CohortOutcome) => [
      String(c.cohort),
      formatCount(c.subscribers),
      share(c.composition.activity, c.subscribers, "inactive"),
      share(c.composition.arpuBand, c.subscribers, "low"),
      `${Math.round((c.alignedSubscribers / c.subscribers) * 100)}%`,
      c.start.p50,
      c.cutover.p50,
      `${c.end.p50} / ${c.end.p90}`,
      formatCount(c.splitBills.mean),
      pct(c.defectRate),
      pct(c.incidentRate),
      c.exposedDays ? one.format(c.exposedDays.p90) : "—",
      formatMoneyMap(c.revenueAtRiskMinor),
    ]),
  };
}

function monthTicks(start: string, days: number): Array<{ day: number; label: string }> {
  const first = Temporal.PlainDate.from(start);
  const ticks: Array<{ day: number; label: string }> = [];
  let month = first.toPlainYearMonth();
  if (first.day !== 1) month = month.add({ months: 1 });
  // Every month on short axes, fewer on long ones, so labels never overlap.
  const step = Math.max(1, Math.ceil(days / 30 / 12));
  for (let i = 0; ; i += step) {
    const date = month.add({ months: i }).toPlainDate({ day: 1 });
    const day = first.until(date, { largestUnit: "days" }).days;
    if (day > days) break;
    ticks.push({ day, label: date.toPlainYearMonth().toString() });
  }
  return ticks;
}

function policyView(p: PolicyOutcome): PolicyView {
  const shown = p.cohorts.slice(0, MAX_CHART_COHORTS);
  return {
    name: p.policy.name,
    description: p.policy.description ?? "",
    timeline: shown.map((c) => ({
      label: String(c.cohort),
      startDay: c.startDay.p50,
      cutoverDay: c.cutoverDay.p50,
      endP50: c.endDay.p50,
      endP90: c.endDay.p90,
    })),
    endP50: p.durationDays.p50,
    endP90: p.durationDays.p90,
    blast: shown.map((c) => ({
      label: String(c.cohort),
      subscribers: c.subscribers,
      revenue: formatMoneyMap(c.revenueAtRiskMinor),
    })),
    hiddenCohorts: p.cohorts.length - shown.length,
    load: p.load.daily,
    channels: {
      columns: ["operation", "knee /s", "peak load p50 /s", "peak load p90 /s"],
      rows: p.load.channels.map((c) => [
        c.operation === "*" ? "* (all operations)" : c.operation,
        c.kneeRatePerSec === null ? "not measured" : formatCount(c.kneeRatePerSec),
        one.format(c.peakPerSec.p50),
        one.format(c.peakPerSec.p90),
      ]),
    },
    cohorts: cohortTable(p),
  };
}

/** The view of a what-if result. */
export function whatifView(result: WhatifResult): WhatifView {
  const axisDays = Math.max(7, ...result.policies.map((p) => Math.ceil(p.durationDays.p90) + 1));
  const capacity = result.capacity
    ? `capacity ${result.capacity.limits.map((l) => `${l.operation} ${formatCount(l.kneeRatePerSec)}/s`).join(", ") || "none usable"} (${result.capacity.source})`
    : "capacity not given: load is shown, not compared";
  return {
    heading: `What if: ${result.policies.map((p) => p.policy.name).join(" vs ")}`,
    meta: [
      `seed ${result.seed} · ${formatCount(result.runs)} runs · start ${result.start} · harness ${result.harnessVersion}`,
      `base ${formatCount(result.base.subscribers)} subscribers in ${formatCount(result.base.strata)} strata (${result.base.source})${result.base.skipped > 0 ? `, ${formatCount(result.base.skipped)} records not planned` : ""}`,
      capacity,
    ],
    axisDays,
    ticks: monthTicks(result.start, axisDays),
    comparison: comparison(result),
    policies: result.policies.map(policyView),
    notes: result.capacity?.notes ?? [],
  };
}
