/**
 * Distribution summary of a generated or imported file — a base (subscribers), traffic (events) or
 * usage (CDRs) — so a planner can judge realism: counts by plan, status, anchor day and country,
 * and events per type and hour of day. A base also gets its planning strata (domain/base-strata.ts:
 * counts per segment × activity × ARPU band × anchor day × time zone × country), which
 * `tranche whatif` plans cohorts from. Pure: records in, summary out; rendering returns a string.
 */
import {
  ARPU_BAND_LIMITS_MAJOR,
  activityOf,
  arpuBandOf,
  type BaseStrata,
  type BaseStratum,
  CURRENCY_EXPONENTS,
  type CurrencyCode,
  INACTIVE_AFTER_IDLE_DAYS,
  isTimeZone,
  stratumKey,
} from "../domain/index.ts";
import { epochMsFromIso } from "./iso-time.ts";

export type FileKind = "base" | "traffic" | "usage" | "unknown";

export interface Summary {
  kind: FileKind;
  records: number;
  /** Counts per dimension (plan, status, anchorDay, country, …), each key → count. */
  counts: Record<string, Record<string, number>>;
  /** Traffic and usage: per UTC hour of day (00–23), per event type or service. */
  byHour: Record<string, Record<string, number>>;
  /** Bases only: the planning strata. */
  strata?: BaseStrata;
}

interface StrataIndex {
  readonly refDate: string;
  readonly refMs: number;
  readonly byKey: Map<string, BaseStratum>;
}

// The stratum index stays out of the summary object, so JSON.stringify(summary) is the output.
const indexes = new WeakMap<Summary, StrataIndex>();

/**
 * An empty summary to `add` records to. `refDate` is the instant a base's idle time is measured
 * against (a line idle 90 days before it is inactive): the base's extract date.
 */
export function createSummary(refDate = "2026-03-01T00:00:00Z"): Summary {
  const summary: Summary = { kind: "unknown", records: 0, counts: {}, byHour: {} };
  indexes.set(summary, { refDate, refMs: epochMsFromIso(refDate), byKey: new Map() });
  return summary;
}

function bump(table: Record<string, Record<string, number>>, dimension: string, key: string): void {
  const row = table[dimension] ?? {};
  row[key] = (row[key] ?? 0) + 1;
  table[dimension] = row;
}

/** Adds one parsed record to the summary. */
export function addToSummary(summary: Summary, record: Record<string, unknown>): void {
  summary.records++;
  if (typeof record.planId === "string" && typeof record.billing === "object" && record.billing) {
    summary.kind = "base";
    const billing = record.billing as Record<string, unknown>;
    bump(summary.counts, "plan", record.planId);
    bump(summary.counts, "status", String(record.status));
    bump(summary.counts, "anchorDay", String(billing.anchorDay).padStart(2, "0"));
    bump(summary.counts, "country", String(record.country ?? "?"));
    bump(summary.counts, "paymentType", String(record.paymentType));
    bump(summary.counts, "segment", String(record.segment));
    bump(summary.counts, "timezone", String(billing.timezone));
    bump(
      summary.counts,
      "portedIn",
      String((record.porting as Record<string, unknown> | undefined)?.portedIn),
    );
    bump(
      summary.counts,
      "kycComplete",
      String((record.kyc as Record<string, unknown> | undefined)?.name !== null),
    );
    addToStrata(summary, record, billing);
  } else if (typeof record.idempotencyKey === "string" && typeof record.type === "string") {
    summary.kind = "traffic";
    bump(summary.counts, "type", record.type);
    bump(summary.counts, "source", String(record.source));
    bump(summary.byHour, String(record.at).slice(11, 13), record.type);
  } else if (typeof record.recordId === "string") {
    summary.kind = "usage";
    bump(summary.counts, "service", String(record.service));
    bump(summary.counts, "closeCause", String(record.closeCause));
    bump(summary.byHour, String(record.start).slice(11, 13), String(record.service));
  }
}

function addToStrata(
  summary: Summary,
  record: Record<string, unknown>,
  billing: Record<string, unknown>,
): void {
  const index = indexes.get(summary);
  if (!index) return;
  summary.strata ??= {
    refDate: index.refDate,
    inactiveAfterIdleDays: INACTIVE_AFTER_IDLE_DAYS,
    arpuBandLimitsMajor: [...ARPU_BAND_LIMITS_MAJOR],
    skipped: 0,
    rows: [],
  };
  const strata = summary.strata;
  // CSV bases carry every field as text: numbers are read the same way from both forms.
  const anchorDay = Number(billing.anchorDay);
  const arpuMinor = Number(record.arpuMinor);
  const currency = String(billing.currency);
  const timezone = String(billing.timezone);
  const lastActivityMs = epochMsFromIso(String(record.lastActivityAt));
  if (
    !Number.isInteger(anchorDay) ||
    anchorDay < 1 ||
    anchorDay > 31 ||
    !Number.isSafeInteger(arpuMinor) ||
    arpuMinor < 0 ||
    !Object.hasOwn(CURRENCY_EXPONENTS, currency) ||
    !isTimeZone(timezone)
  ) {
    strata.skipped++;
    return;
  }
  const activity = activityOf(String(record.status), lastActivityMs, index.refMs);
  const arpuBand = arpuBandOf(arpuMinor, currency as CurrencyCode);
  bump(summary.counts, "activity", activity);
  bump(summary.counts, "arpuBand", arpuBand);
  const parts = {
    segment: String(record.segment),
    activity,
    arpuBand,
    anchorDay,
    timezone,
    country: String(record.country ?? "?"),
    currency: currency as CurrencyCode,
  };
  const key = stratumKey(parts);
  let row = index.byKey.get(key);
  if (!row) {
    row = { ...parts, count: 0, arpuMinorSum: 0 };
    index.byKey.set(key, row);
    strata.rows.push(row);
  }
  row.count++;
  row.arpuMinorSum += arpuMinor;
}

/** The summary with its strata in key order, so the same base gives the same JSON however it is read. */
export function finishSummary(summary: Summary): Summary {
  if (summary.strata) {
    const keyed = summary.strata.rows.map((row) => [stratumKey(row), row] as const);
    keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    summary.strata.rows = keyed.map(([, row]) => row);
  }
  return summary;
}

function table(title: string, row: Record<string, number>, total: number): string[] {
  const keys = Object.keys(row).sort();
  const width = Math.max(title.length, ...keys.map((k) => k.length));
  return [
    `${title.padEnd(width)}  ${"count".padStart(10)}  share`,
    ...keys.map(
      (k) =>
        `${k.padEnd(width)}  ${String(row[k]).padStart(10)}  ${(((row[k] ?? 0) / total) * 100).toFixed(2).padStart(6)}%`,
    ),
    "",
  ];
}

/** Renders the summary as plain-text tables. */
export function renderSummary(summary: Summary, file: string): string {
  const lines = [`${file}: ${summary.records} records (${summary.kind})`, ""];
  for (const [dimension, row] of Object.entries(summary.counts))
    lines.push(...table(dimension, row, summary.records));
  if (summary.strata) {
    lines.push(
      `planning strata: ${summary.strata.rows.length} (segment × activity × ARPU band × anchor day × time zone × country; in --json)${summary.strata.skipped > 0 ? `, ${summary.strata.skipped} records left out (invalid anchor day, time zone, currency or ARPU)` : ""}`,
      "",
    );
  }
  const hours = Object.keys(summary.byHour).sort();
  if (hours.length > 0) {
    const types = [...new Set(hours.flatMap((h) => Object.keys(summary.byHour[h] ?? {})))].sort();
    const w = Math.max(...types.map((t) => t.length), 6);
    lines.push(`per UTC hour: ${["hour", ...types].map((t) => t.padStart(w)).join(" ")}`);
    for (const h of hours) {
      lines.push(
        `              ${[h, ...types.map((t) => String(summary.byHour[h]?.[t] ?? 0))].map((v) => v.padStart(w)).join(" ")}`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}
