/**
 * Distribution summary of a generated or imported file — a base (subscribers), traffic (events) or
 * usage (CDRs) — so a planner can judge realism: counts by plan, status, anchor day and country,
 * and events per type and hour of day. Pure: records in, summary out; rendering returns a string.
 */
export type FileKind = "base" | "traffic" | "usage" | "unknown";

export interface Summary {
  kind: FileKind;
  records: number;
  /** Counts per dimension (plan, status, anchorDay, country, …), each key → count. */
  counts: Record<string, Record<string, number>>;
  /** Traffic and usage: per UTC hour of day (00–23), per event type or service. */
  byHour: Record<string, Record<string, number>>;
}

/** An empty summary to `add` records to. */
export function createSummary(): Summary {
  return { kind: "unknown", records: 0, counts: {}, byHour: {} };
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
