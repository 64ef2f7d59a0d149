/**
 * The verdict a clean destination must get, on any machine: READY — or, when the machine running
 * the test was too loaded for the harness to keep its own schedule, INCOMPLETE with nothing but
 * indeterminate latency gates (the harness says it measured itself, never a finding against the
 * destination). A failed gate is always a failure of the test.
 */
import { expect } from "vitest";
import type { RunResult } from "../../domain/index.ts";

/** Asserts the clean-destination verdict and returns the exit code it implies (0 or 3). */
export function expectCleanVerdict(result: RunResult): 0 | 3 {
  const unpassed = result.gates.filter((g) => g.status !== "passed");
  expect(
    unpassed.filter((g) => g.status !== "indeterminate"),
    JSON.stringify(unpassed),
  ).toEqual([]);
  if (unpassed.length === 0) {
    expect(result.verdict).toBe("READY");
    return 0;
  }
  expect(result.verdict).toBe("INCOMPLETE");
  expect(result.incompleteReason ?? "").toMatch(/harness/);
  return 3;
}
