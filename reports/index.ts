/**
 * The reporter registry: each writer exports `file` and `render(result)`. The CLI's --reporter
 * choices are this registry's keys. Beside it: the run-to-run diff, the certification
 * fingerprint, the published JSON Schema and the live-view page.
 */
import type { RunResult } from "../domain/index.ts";
import * as html from "./html-report.ts";
import * as json from "./json-report.ts";
import * as junit from "./junit-report.ts";
import * as markdown from "./markdown-report.ts";

export interface Reporter {
  readonly file: string;
  render(result: RunResult): string;
}

export const REPORTERS: Readonly<Record<string, Reporter>> = { json, junit, markdown, html };

export const REPORTER_NAMES = Object.keys(REPORTERS);

export type { Verification } from "./certificate.ts";
export { CERTIFICATE_COVERS, canonicalJson, certify, fingerprintOf, verifyReport } from "./certificate.ts";
export { renderDiffHtml } from "./diff-html.ts";
export { escapeHtml, escapeXml } from "./escape.ts";
export { verdictReason } from "./format.ts";
export { PAGE_CSP } from "./html-style.ts";
export { renderLivePage } from "./live-page.ts";
export type { Direction, GateChange, MeasurementDelta, RunDiff, RunSide } from "./run-diff.ts";
export { deltaText, diffRuns, renderDiffText } from "./run-diff.ts";
export { renderRunResultJsonSchema, runResultJsonSchema, SCHEMA_FILE } from "./run-result-schema.ts";
export { renderVerdictTable } from "./terminal-table.ts";
