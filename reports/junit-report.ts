/**
 * junit.xml: one test case per gate, so CI systems show a readiness run like a test run. A failed
 * gate is a <failure>; the classname is the severity, the message names value and threshold.
 */
import type { RunResult } from "../harness/run/run-result.ts";
import { escapeXml } from "./escape.ts";
import { formatThreshold, formatValue } from "./format.ts";

export const file = "junit.xml";

/** Renders the run result as JUnit XML. */
export function render(result: RunResult): string {
  const failures = result.gates.filter((g) => g.status === "failed").length;
  const seconds = (Date.parse(result.finishedAt) - Date.parse(result.startedAt)) / 1000;
  const cases = result.gates.map((gate) => {
    const name = escapeXml(`${gate.id}: ${gate.expression}`);
    const classname = escapeXml(`tranche.${result.profile}.${gate.severity}`);
    if (gate.status === "passed") return `    <testcase name="${name}" classname="${classname}"/>`;
    const message = escapeXml(
      `${gate.description}: measured ${formatValue(gate)}, required ${formatThreshold(gate)}`,
    );
    return [
      `    <testcase name="${name}" classname="${classname}">`,
      `      <failure message="${message}" type="${gate.severity}">${escapeXml(gate.evidence.summary)}</failure>`,
      "    </testcase>",
    ].join("\n");
  });
  if (!result.complete) {
    cases.push(
      `    <testcase name="run complete" classname="tranche.${escapeXml(result.profile)}.run">\n      <error message="${escapeXml(
        result.incompleteReason ?? "incomplete",
      )}" type="incomplete"/>\n    </testcase>`,
    );
  }
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
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="tranche" tests="${cases.length}" failures="${failures}" errors="${result.complete ? 0 : 1}" time="${Number.isFinite(seconds) ? seconds : 0}">`,
    `  <testsuite name="tranche ${escapeXml(result.profile)} (seed ${result.seed})" tests="${cases.length}" failures="${failures}" errors="${result.complete ? 0 : 1}">`,
    "    <properties>",
    props,
    "    </properties>",
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}
