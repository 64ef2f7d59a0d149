import { describe, expect, it } from "vitest";
import { TrancheError } from "../../domain/index.ts";
import { evaluateGate, type GateSpec, type Measurement } from "./gate.ts";
import { parseGateExpression } from "./gate-expression.ts";
import type { MetricSource, StatQuery } from "./metric-source.ts";

/** A metric source with fixed figures: p(99) 700 ms over all, 900 ms for activation, … */
const metrics: MetricSource = {
  // A 10-minute run: a 50% window is 300 s.
  durationMs: 600_000,
  value(q: StatQuery) {
    if (q.stat === "p") return q.operation === "activation" ? 900 : q.arg === 99 ? 700 : 400;
    if (q.stat === "rate") return q.arg === "errors" ? 0.0005 : 0;
    if (q.stat === "count") return 3;
    if (q.stat === "throughput") return 1800;
    if (q.stat === "avg") return 120;
    return undefined;
  },
  windows(q: StatQuery, windowMs: number) {
    if (q.stat !== "p") return undefined;
    // Six windows whose p95 climbs: 500, 520, …, 600 ms (a 20 % drift).
    return windowMs === 300_000 ? [500, 520, 540, 560, 580, 600] : [550];
  },
};

const measurements = new Map<string, Measurement>([
  ["state_mismatches", { value: 0, unit: "count" }],
  ["error_rate_pct", { value: 0.4, unit: "%" }],
]);

const gate = (expression: string, extra: Partial<GateSpec> = {}): GateSpec => ({
  id: "g",
  description: "test gate",
  expression,
  severity: "major",
  ...extra,
});

const statusOf = (expression: string, extra: Partial<GateSpec> = {}) =>
  evaluateGate(gate(expression, extra), measurements, metrics).status;

function parseError(expression: string): TrancheError {
  try {
    parseGateExpression(expression, "my_gate");
  } catch (error) {
    if (error instanceof TrancheError) return error;
    throw error;
  }
  throw new Error(`expected a parse error for ${expression}`);
}

describe("gate expressions: each comparator passes, fails and rejects bad syntax", () => {
  const cases: Array<[string, string, string, string]> = [
    // comparator, passing, failing, malformed
    ["<", "p(99) < 800ms", "p(99) < 700ms", "p(99) < ms"],
    ["<=", "p(99) <= 700", "p(99) <= 699", "p(99) <= 700 parsecs"],
    ["==", "state_mismatches == 0", "state_mismatches == 1", "state_mismatches = 0"],
    ["!=", "count(errors) != 0", "count(errors) != 3", "count(errors) !! 3"],
    [">=", "throughput >= 1800/s", "throughput >= 1900/s", "throughput >= /s"],
    [">", "avg > 0.1s", "avg > 120", "avg >"],
  ];
  for (const [comparator, pass, fail, bad] of cases) {
    it(`${comparator}: pass, fail, parse error`, () => {
      expect(statusOf(pass)).toBe("passed");
      expect(statusOf(fail)).toBe("failed");
      const error = parseError(bad);
      expect(error.code).toBe("E_CONFIG");
      expect(error.message).toMatch(/gate "my_gate": .* at position \d+ of /);
    });
  }
});

describe("gate expressions: statistics, units and scope", () => {
  it("reads rates as fractions written with % or plain", () => {
    expect(statusOf("rate(errors) < 0.1%")).toBe("passed");
    expect(statusOf("rate(errors) < 0.0001")).toBe("failed");
    const result = evaluateGate(gate("rate(errors) < 0.1%"), measurements, metrics);
    expect(result).toMatchObject({
      value: 0.05,
      threshold: 0.1,
      unit: "%",
      expression: "rate(errors) < 0.1%",
    });
  });

  it("converts seconds to ms and scopes to one operation", () => {
    expect(statusOf("p(99) < 1s")).toBe("passed");
    expect(statusOf("p(99) < 800ms", { operation: "activation" })).toBe("failed");
    const result = evaluateGate(gate("p(99) < 800ms", { operation: "activation" }), measurements, metrics);
    expect(result.measurement).toBe("p(99){activation}");
    expect(result.value).toBe(900);
  });

  it("takes the maximum over time windows", () => {
    expect(statusOf("max_over(5m, p(95)) < 1s")).toBe("passed");
    expect(statusOf("max_over(5m, p(95)) < 590ms")).toBe("failed");
    expect(evaluateGate(gate("max_over(5m, p(95)) < 1s"), measurements, metrics).expression).toBe(
      "max_over(5m,p(95)) < 1000ms",
    );
  });

  it("measures drift between the first and the last window (soak)", () => {
    expect(statusOf("drift(5m, p(95)) < 25%")).toBe("passed");
    expect(statusOf("drift(5m, p(95)) < 10%")).toBe("failed");
  });

  it("takes a window as a share of the run, and a floor under drift's base", () => {
    // 50% of a 600 s run is the 300 s window: the same six windows, a 20 % climb.
    expect(statusOf("drift(50%, p(95)) < 10%")).toBe("failed");
    // With a 1 s floor the 100 ms climb is 10 % of 1000 ms, not 20 % of 500 ms.
    expect(statusOf("drift(50%, p(95), 1s) < 11%")).toBe("passed");
    expect(statusOf("drift(50%, p(95), 1s) < 9%")).toBe("failed");
    expect(evaluateGate(gate("drift(50%, p(95), 100ms) < 25%"), measurements, metrics).expression).toBe(
      "drift(50%,p(95),100ms) < 25%",
    );
    expect(parseError("max_over(50%, p(95), 1s) < 1s").message).toContain("only drift() takes a floor");
    expect(parseError("drift(150%, p(95)) < 1%").message).toContain("a window share must be in");
  });

  it("reads scenario measurements by name, with their own unit", () => {
    expect(statusOf("error_rate_pct < 1%")).toBe("passed");
    expect(statusOf("error_rate_pct < 0.1%")).toBe("failed");
  });

  it("fails, not passes, a statistic the run did not measure", () => {
    const result = evaluateGate(gate("p(99) < 800ms"), measurements);
    expect(result).toMatchObject({ status: "failed", value: null });
    expect(evaluateGate(gate("missing_measure == 0"), measurements, metrics).status).toBe("failed");
  });

  it("names the gate and position for unknown outcomes, units and trailing text", () => {
    expect(parseError("rate(oops) < 1%").message).toContain("position 6");
    expect(parseError("rate(errors) < 5ms").message).toContain('unit "ms" does not apply to a rate');
    expect(parseError("p(99) < 800ms and more").message).toContain('unexpected "and more"');
    expect(parseError("max_over(5x, p(95)) < 1s").message).toContain("duration unit");
    expect(parseError("p(101) < 1s").message).toContain("percentile");
  });

  it("keeps the field form working alongside expressions", () => {
    const fieldGate: GateSpec = {
      id: "state",
      description: "state",
      measurement: "state_mismatches",
      comparator: "==",
      threshold: 0,
      unit: "count",
      severity: "blocker",
    };
    expect(evaluateGate(fieldGate, measurements).status).toBe("passed");
  });
});
