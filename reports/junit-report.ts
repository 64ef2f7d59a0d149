/**
 * junit.xml: one test suite per suite, one test case per gate, so CI systems show a readiness run
 * like a test run. A failed gate is a <failure> whose message names value and threshold and whose
 * text is the evidence (summary, then the evidence items as JSON); the classname carries the
 * suite and severity. A required suite that did not complete adds an <error> case.
 */
import type { GateResult, RunResult, SuiteResult } from "../domain/index.ts";
import { escapeXml } from "./escape.ts";
import { formatThreshold, formatValue, gatesBySuite } from "./format.ts";

export const file = "junit.xml";

/** Renders the run result as JUnit XML: one <testsuite> per suite, one <testcase> per gate. */
export function render(result: RunResult): string {
  const seconds = (Date.parse(result.finishedAt) - Date.parse(result.startedAt)) / 1000;
  const props = [
    ["seed", String(result.seed)],
    ["refDate", result.refDate],
    ["harnessVersion", result.harnessVersion],
    ["configFingerprint", result.configFingerprint],
    ["target", result.target.description],
    ["verdict", result.verdict],
    ["score", String(result.score)],
  ]
    .map(([k, v]) => `      <property name="${escapeXml(k as string)}" value="${escapeXml(v as string)}"/>`)
    .join("\n");
  const groups = gatesBySuite(result);
  const suites = [
    ...result.suites,
    ...groups.filter((g) => !result.suites.some((s) => s.id === g.suite)).map((g) => orphan(g.suite)),
  ].map((suite) => {
    const gates = groups.find((g) => g.suite === suite.id)?.gates ?? [];
    const cases = gates.map((gate) => gateCase(result, gate));
    const errors = suite.required && suite.status !== "complete" ? 1 : 0;
    if (errors > 0) {
      cases.push(
        `    <testcase name="suite complete" classname="tranche.${escapeXml(result.profile)}.${escapeXml(suite.id)}">\n      <error message="${escapeXml(
          suite.reason ?? suite.status,
        )}" type="${suite.status}"/>\n    </testcase>`,
      );
    }
    const failures = gates.filter((g) => g.status === "failed").length;
    const skipped = gates.filter((g) => g.status === "skipped" || g.status === "indeterminate").length;
    return [
      `  <testsuite name="${escapeXml(suite.id)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="${skipped}">`,
      "    <properties>",
      props,
      "    </properties>",
      ...cases,
      "  </testsuite>",
    ].join("\n");
  });
  const tests =
    result.gates.length + result.suites.filter((s) => s.required && s.status !== "complete").length;
  const failures = result.gates.filter((g) => g.status === "failed").length;
  const errors = result.suites.filter((s) => s.required && s.status !== "complete").length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="tranche ${escapeXml(result.profile)} (seed ${result.seed})" tests="${tests}" failures="${failures}" errors="${errors}" time="${Number.isFinite(seconds) ? seconds : 0}">`,
    ...suites,
    "</testsuites>",
    "",
  ].join("\n");
}

function gateCase(result: RunResult, gate: GateResult): string {
  const name = escapeXml(`${gate.id}: ${gate.expression}`);
  const classname = escapeXml(`tranche.${result.profile}.${gate.suite}.${gate.severity}`);
  if (gate.status === "passed") return `    <testcase name="${name}" classname="${classname}"/>`;
  if (gate.status === "skipped" || gate.status === "indeterminate") {
    return `    <testcase name="${name}" classname="${classname}">\n      <skipped message="${escapeXml(gate.evidence.summary)}"/>\n    </testcase>`;
  }
  const message = escapeXml(
    `${gate.description}: measured ${formatValue(gate)}, required ${formatThreshold(gate)}`,
  );
  return [
    `    <testcase name="${name}" classname="${classname}">`,
    `      <failure message="${message}" type="${gate.severity}">${escapeXml(evidenceText(gate))}</failure>`,
    "    </testcase>",
  ].join("\n");
}

/** Evidence items shown in a failure's text before it is cut (CI pages choke on megabytes). */
const MAX_EVIDENCE_CHARS = 8000;

function evidenceText(gate: GateResult): string {
  const items = gate.evidence.items ?? [];
  if (items.length === 0) return gate.evidence.summary;
  const json = JSON.stringify(items, null, 2);
  const cut = json.length > MAX_EVIDENCE_CHARS ? `${json.slice(0, MAX_EVIDENCE_CHARS)}\n… (cut)` : json;
  return `${gate.evidence.summary}\n\nevidence:\n${cut}`;
}

/** A placeholder for gates whose suite is not in the result (hand-edited or merged results). */
function orphan(id: string): SuiteResult {
  return {
    id,
    title: id,
    description: "",
    required: false,
    status: "complete",
    reason: null,
    requires: [],
    measurements: [],
    notes: [],
    sections: [],
  };
}
