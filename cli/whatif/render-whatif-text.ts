/** The what-if result as plain text: the policies side by side, then each policy's cohorts. */
import type { TableView, WhatifResult } from "../../planner/index.ts";
import { whatifView } from "../../planner/index.ts";

/** A table with padded columns: the first left-aligned, the rest right-aligned. */
export function textTable(table: TableView): string[] {
  const all = [table.columns, ...table.rows];
  const widths = table.columns.map((_, c) => Math.max(...all.map((row) => (row[c] ?? "").length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(table.columns), ...table.rows.map(line)];
}

/** Renders the result as the text summary. */
export function renderWhatifText(result: WhatifResult): string {
  const view = whatifView(result);
  const lines = [view.heading, ...view.meta, "", ...textTable(view.comparison), ""];
  for (const policy of view.policies) {
    lines.push(
      `${policy.name}${policy.description ? ` — ${policy.description}` : ""}`,
      ...textTable(policy.cohorts),
      "",
      ...textTable(policy.channels),
      "",
    );
  }
  for (const note of view.notes) lines.push(`note: ${note}`);
  lines.push(
    "Percentiles over the runs (nearest rank); dates are the start date + whole days. Assumptions and their sources: docs/whatif.md.",
  );
  return `${lines.join("\n")}\n`;
}
