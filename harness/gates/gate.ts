/**
 * Gates: a threshold over one measurement with a severity (DESIGN.md readiness model). A gate that
 * cannot be measured (the scenario did not produce its measurement) fails: silence is not a pass.
 */

export type Severity = "blocker" | "major" | "minor";
export type Comparator = "<" | "<=" | "==" | ">=" | ">";

export interface GateSpec {
  /** Stable id, e.g. `p99_latency_ms` — also the JUnit test case name. */
  readonly id: string;
  readonly description: string;
  /** Name of the measurement the gate reads. */
  readonly measurement: string;
  readonly comparator: Comparator;
  readonly threshold: number;
  readonly unit: string;
  readonly severity: Severity;
  /** Weight in the score (default 1). */
  readonly weight?: number;
}

export interface GateEvidence {
  readonly summary: string;
  readonly items?: readonly unknown[];
}

export interface GateResult {
  readonly id: string;
  readonly description: string;
  readonly measurement: string;
  readonly expression: string;
  readonly value: number | null;
  readonly threshold: number;
  readonly unit: string;
  readonly severity: Severity;
  readonly weight: number;
  readonly status: "passed" | "failed";
  readonly evidence: GateEvidence;
}

/** A measured value and the evidence behind it (e.g. the subscribers affected). */
export interface Measurement {
  readonly value: number;
  readonly evidence?: GateEvidence;
}

/** True when `value comparator threshold` holds. */
export function compare(value: number, comparator: Comparator, threshold: number): boolean {
  switch (comparator) {
    case "<":
      return value < threshold;
    case "<=":
      return value <= threshold;
    case "==":
      return value === threshold;
    case ">=":
      return value >= threshold;
    case ">":
      return value > threshold;
  }
}

/** Evaluates one gate over the measurements of a run. Pure. */
export function evaluateGate(spec: GateSpec, measurements: ReadonlyMap<string, Measurement>): GateResult {
  const measured = measurements.get(spec.measurement);
  const expression = `${spec.measurement} ${spec.comparator} ${spec.threshold}${spec.unit === "count" ? "" : spec.unit}`;
  const common = {
    id: spec.id,
    description: spec.description,
    measurement: spec.measurement,
    expression,
    threshold: spec.threshold,
    unit: spec.unit,
    severity: spec.severity,
    weight: spec.weight ?? 1,
  };
  if (!measured || !Number.isFinite(measured.value)) {
    return {
      ...common,
      value: null,
      status: "failed",
      evidence: { summary: `measurement "${spec.measurement}" was not produced by the run` },
    };
  }
  return {
    ...common,
    value: measured.value,
    status: compare(measured.value, spec.comparator, spec.threshold) ? "passed" : "failed",
    evidence: measured.evidence ?? {
      summary: `measured ${measured.value}${spec.unit === "count" ? "" : spec.unit}`,
    },
  };
}
