/**
 * `tranche status <report.json>`: migration status per subscriber for customer care — which system
 * is authoritative for each line (legacy, in parallel, destination, rolled back), since when, its
 * cohort, and the last reconciliation's result — read from the `migration-status` sections a run's
 * suites wrote (parallel-run.reconciliation, cutover.mnp). CSV or JSON; without --format, counts
 * by authoritative system.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { type RunResult, TrancheError } from "../../domain/index.ts";
import { AUTHORITIES, MIGRATION_STATUS_SECTION } from "../../scenarios/index.ts";
import { defineCommand } from "../command.ts";
import { readRunResult } from "../read-run-result.ts";

const COLUMNS = [
  "subscriber",
  "msisdn",
  "authority",
  "since",
  "cohort",
  "lastReconciledAt",
  "lastResult",
  "suite",
] as const;
type Row = Record<(typeof COLUMNS)[number], string>;

/** Every line's migration status in a run result, suite by suite (a later suite's row for a line wins). */
export function migrationStatusRows(result: RunResult): Row[] {
  const rows = new Map<string, Row>();
  for (const suite of result.suites) {
    for (const section of suite.sections) {
      if (section.kind !== "table" || section.id !== MIGRATION_STATUS_SECTION) continue;
      for (const r of section.rows) {
        const row = Object.fromEntries(COLUMNS.map((c) => [c, String(r[c] ?? "")])) as Row;
        row.suite = suite.id;
        rows.set(row.subscriber, row);
      }
    }
  }
  return [...rows.values()];
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The rows as CSV with a header line. */
export function renderStatusCsv(rows: readonly Row[]): string {
  return `${[COLUMNS.join(","), ...rows.map((r) => COLUMNS.map((c) => csvCell(r[c])).join(","))].join("\n")}\n`;
}

/** Counts by authoritative system, as text. */
export function renderStatusSummary(rows: readonly Row[], file: string): string {
  const lines = [`migration status of ${rows.length} subscribers (${file}):`];
  for (const a of AUTHORITIES)
    lines.push(`  ${a.padEnd(12)} ${rows.filter((r) => r.authority === a).length}`);
  lines.push("Give --format csv or --format json for every subscriber, --subscriber ID for one.");
  return `${lines.join("\n")}\n`;
}

export const statusCommand = defineCommand({
  meta: {
    name: "status",
    description:
      "Migration status per subscriber for customer care: the authoritative system (legacy, in parallel, destination, rolled back), since when, cohort and last reconciliation result, from a run's report.json",
    usage:
      "tranche status <report.json> [--format csv|json] [--subscriber <id>] [--authority <system>] [--out <file>]",
  },
  args: {
    format: {
      type: "string",
      description: "csv or json (default: counts by authoritative system)",
      valueHint: "csv|json",
    },
    subscriber: { type: "string", description: "Only this subscriber (legacy id)", valueHint: "<id>" },
    authority: {
      type: "string",
      description: `Only lines whose authoritative system is this (${AUTHORITIES.join(", ")})`,
      valueHint: "<system>",
    },
    out: {
      type: "string",
      description: "Write to this file instead of standard output",
      valueHint: "<file>",
    },
  },
  async run({ args, positionals, io }) {
    if (positionals.length !== 1) {
      throw new TrancheError(
        "E_USAGE",
        `status takes one report.json, got ${positionals.length}.`,
        "e.g. tranche status out/report.json --format csv",
      );
    }
    const format = args.format as string | undefined;
    if (format !== undefined && format !== "csv" && format !== "json") {
      throw new TrancheError(
        "E_USAGE",
        `--format "${format}" is not csv or json.`,
        "Give --format csv or --format json.",
      );
    }
    const authority = args.authority as string | undefined;
    if (authority !== undefined && !(AUTHORITIES as readonly string[]).includes(authority)) {
      throw new TrancheError(
        "E_USAGE",
        `--authority "${authority}" is not one of ${AUTHORITIES.join(", ")}.`,
      );
    }
    const file = positionals[0] as string;
    const { result } = await readRunResult(file, io.cwd);
    let rows = migrationStatusRows(result);
    if (rows.length === 0) {
      throw new TrancheError(
        "E_INPUT",
        `${file} has no migration status: none of its suites wrote a "${MIGRATION_STATUS_SECTION}" section.`,
        "Run a profile with parallel-run.reconciliation or cutover.mnp (readiness, completion).",
      );
    }
    if (args.subscriber) rows = rows.filter((r) => r.subscriber === args.subscriber);
    if (authority) rows = rows.filter((r) => r.authority === authority);
    if (args.subscriber && rows.length === 0) {
      throw new TrancheError(
        "E_INPUT",
        `${file} has no migration status for subscriber "${args.subscriber}".`,
      );
    }
    const text =
      format === "csv"
        ? renderStatusCsv(rows)
        : format === "json"
          ? `${JSON.stringify({ runId: result.runId, seed: result.seed, profile: result.profile, subscribers: rows }, null, 2)}\n`
          : renderStatusSummary(rows, file);
    if (args.out) writeFileSync(resolve(io.cwd, args.out as string), text);
    else io.stdout(text);
    return 0;
  },
});
