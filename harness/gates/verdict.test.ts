import { describe, expect, it } from "vitest";
import { evaluateGate, type GateSpec, type Measurement } from "./gate.ts";
import { exitCodeOf, scoreOf, verdictOf } from "./verdict.ts";

const gate = (id: string, severity: GateSpec["severity"], threshold = 0): GateSpec => ({
  id,
  description: id,
  measurement: id,
  comparator: "==",
  threshold,
  unit: "count",
  severity,
});

const measured = (entries: Record<string, number>) =>
  new Map<string, Measurement>(Object.entries(entries).map(([k, v]) => [k, { value: v }]));

describe("evaluateGate", () => {
  it("passes and fails on the comparator", () => {
    const spec: GateSpec = { ...gate("p99", "major"), comparator: "<", threshold: 800, unit: "ms" };
    expect(evaluateGate(spec, measured({ p99: 799 })).status).toBe("passed");
    expect(evaluateGate(spec, measured({ p99: 800 })).status).toBe("failed");
  });

  it("fails a gate whose measurement was never produced", () => {
    const result = evaluateGate(gate("state_mismatches", "blocker"), measured({}));
    expect(result).toMatchObject({ status: "failed", value: null });
    expect(result.evidence.summary).toMatch(/not produced/);
  });
});

describe("verdictOf", () => {
  it("is NOT READY when a blocker fails, READY WITH FINDINGS for majors only, READY otherwise", () => {
    const m = measured({ a: 0, b: 1, c: 1 });
    const a = evaluateGate(gate("a", "blocker"), m);
    const b = evaluateGate(gate("b", "major"), m);
    const c = evaluateGate(gate("c", "blocker"), m);
    expect(verdictOf([a], true)).toBe("READY");
    expect(verdictOf([a, b], true)).toBe("READY WITH FINDINGS");
    expect(verdictOf([a, b, c], true)).toBe("NOT READY");
    expect(verdictOf([a], false)).toBe("INCOMPLETE");
  });

  it("maps verdicts to exit codes, --strict failing findings", () => {
    expect(exitCodeOf("READY", false)).toBe(0);
    expect(exitCodeOf("READY WITH FINDINGS", false)).toBe(0);
    expect(exitCodeOf("READY WITH FINDINGS", true)).toBe(1);
    expect(exitCodeOf("NOT READY", false)).toBe(1);
    expect(exitCodeOf("INCOMPLETE", false)).toBe(3);
  });

  it("scores the weighted share of passed gates", () => {
    const m = measured({ a: 0, b: 1 });
    const a = evaluateGate({ ...gate("a", "blocker"), weight: 3 }, m);
    const b = evaluateGate(gate("b", "major"), m);
    expect(scoreOf([a, b])).toBe(75);
  });
});
