/**
 * Gates: a threshold over one measurement with a severity (DESIGN.md readiness model). A gate is
 * written either as fields (measurement, comparator, threshold, unit) or as an expression in the
 * gate language (gate-expression.ts), optionally scoped to one operation. Measurements are named in
 * full, with their suite's id (`provisioning.replay.state_mismatches`); an expression over run
 * statistics (`p(99) < 800ms`) reads the statistics of the suite named in `suite`. A gate that
 * cannot be measured (the suite did not produce its measurement) fails: silence is not a pass.
 * Every built-in gate names the defect profile that proves it can fail (`provenBy`).
 */
import { type Evidence, type GateResult, type Severity, TrancheError } from "../../domain/index.ts";
import { type GateExpression, lhsText, parseGateExpression } from "./gate-expression.ts";
import type { MetricSource } from "./metric-source.ts";

export type { GateResult, Severity };
export type Comparator = "<" | "<=" | "==" | "!=" | ">=" | ">";

export interface GateSpec {
  /** Stable id, e.g. `p99_latency_ms` — also the JUnit test case name. */
  readonly id: string;
  readonly description: string;
  /** Full name of the measurement the gate reads (field form), e.g. `provisioning.replay.error_rate_pct`. */
  readonly measurement?: string;
  readonly comparator?: Comparator;
  readonly threshold?: number;
  readonly unit?: string;
  /** The gate as an expression, e.g. `p(99) < 800ms` (replaces the four fields above). */
  readonly expression?: string;
  /** The suite whose statistics an expression reads; implied by a measurement's name otherwise. */
  readonly suite?: string;
  /** Scope an expression's statistics to one operation (event type), e.g. `activation`. */
  readonly operation?: string;
  /** Stop the run as soon as this gate fails while it runs (after `abortDelayMs`). */
  readonly abortOnFail?: boolean;
  /** How long into the run before an abortOnFail gate is first evaluated (default 10 s). */
  readonly abortDelayMs?: number;
  readonly severity: Severity;
  /** Weight in the score (default 1). */
  readonly weight?: number;
  /** Defect profiles of the reference destination that make this gate fail (required of built-in gates). */
  readonly provenBy?: readonly string[];
}

export type GateEvidence = Evidence;

/** A measured value and the evidence behind it (e.g. the subscribers affected). */
export interface Measurement {
  readonly value: number;
  readonly unit?: string;
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
    case "!=":
      return value !== threshold;
  }
}

/** Parses a gate's expression (E_CONFIG naming the gate and position when it is wrong). */
export function gateExpressionOf(spec: GateSpec): GateExpression | null {
  if (spec.expression === undefined) {
    if (spec.measurement === undefined || spec.comparator === undefined || spec.threshold === undefined) {
      throw new TrancheError(
        "E_CONFIG",
        `gate "${spec.id}" has neither an expression nor measurement, comparator and threshold.`,
        'Write e.g. expression: "p(99) < 800ms".',
      );
    }
    return null;
  }
  return parseGateExpression(spec.expression, spec.id);
}

/**
 * Evaluates one gate over the measurements of a run and, for expression gates over run
 * statistics, the run's metric source. Pure.
 */
export function evaluateGate(
  spec: GateSpec,
  measurements: ReadonlyMap<string, Measurement>,
  metrics?: MetricSource,
  suite: string = spec.suite ?? "",
): GateResult {
  const parsed = gateExpressionOf(spec);
  if (parsed) return evaluateExpressionGate(spec, parsed, measurements, metrics, suite);
  const measurement = spec.measurement as string;
  const unit = spec.unit ?? "count";
  const threshold = spec.threshold as number;
  const comparator = spec.comparator as Comparator;
  const measured = measurements.get(measurement);
  const expression = `${measurement} ${comparator} ${threshold}${unit === "count" ? "" : unit}`;
  const common = {
    id: spec.id,
    description: spec.description,
    suite,
    measurement,
    expression,
    threshold,
    unit,
    severity: spec.severity,
    weight: spec.weight ?? 1,
    provenBy: [...(spec.provenBy ?? [])],
  };
  if (!measured || !Number.isFinite(measured.value)) {
    return {
      ...common,
      value: null,
      status: "failed" as const,
      evidence: { summary: `measurement "${measurement}" was not produced by the run` },
    };
  }
  return {
    ...common,
    value: measured.value,
    status: compare(measured.value, comparator, threshold) ? "passed" : "failed",
    evidence: measured.evidence ?? {
      summary: `measured ${measured.value}${unit === "count" ? "" : unit}`,
    },
  };
}

const UNIT_OF = { latency: "ms", fraction: "%", count: "count", throughput: "/s" } as const;
const round3 = (x: number) => Math.round(x * 1000) / 1000;

function evaluateExpressionGate(
  spec: GateSpec,
  expr: GateExpression,
  measurements: ReadonlyMap<string, Measurement>,
  metrics: MetricSource | undefined,
  suite: string,
): GateResult {
  const scope = spec.operation ? `{${spec.operation}}` : "";
  const lhs = `${lhsText(expr)}${scope}`;
  let raw: number | undefined;
  let unit: string;
  let scale = 1;
  let evidence: GateEvidence | undefined;
  let windows: readonly number[] | undefined;
  let windowMs = 0;
  if (expr.target.kind === "measurement") {
    const name = spec.operation ? `${expr.target.name}.${spec.operation}` : expr.target.name;
    const measured = measurements.get(name);
    raw = measured?.value;
    unit = measured?.unit ?? "count";
    evidence = measured?.evidence;
  } else {
    unit = expr.quantity === "measurement" ? "count" : UNIT_OF[expr.quantity];
    scale = expr.quantity === "fraction" ? 100 : 1;
    const query = spec.operation ? { ...expr.target.query, operation: spec.operation } : expr.target.query;
    if (expr.window) {
      const w = expr.window;
      windowMs = w.windowShare !== null ? w.windowShare * (metrics?.durationMs ?? 0) : (w.windowMs ?? 0);
      windows = windowMs > 0 ? metrics?.windows(query, windowMs) : undefined;
      raw = windows && windows.length > 0 ? aggregate(w.aggregate, windows, w.floor ?? 0) : undefined;
    } else {
      raw = metrics?.value(query);
    }
  }
  const threshold = round3(expr.threshold * scale);
  const suffix = unit === "count" ? "" : unit;
  const common = {
    id: spec.id,
    description: spec.description,
    suite,
    measurement: lhs,
    expression: `${lhs} ${expr.comparator} ${threshold}${suffix}`,
    threshold,
    unit,
    severity: spec.severity,
    weight: spec.weight ?? 1,
    provenBy: [...(spec.provenBy ?? [])],
  };
  if (raw === undefined || !Number.isFinite(raw)) {
    return {
      ...common,
      value: null,
      status: "failed" as const,
      evidence: { summary: `${lhs} was not measured by the run` },
    };
  }
  const value = round3(raw * scale);
  const windowNote = windows ? ` over ${windows.length} window(s) of ${Math.round(windowMs)} ms` : "";
  return {
    ...common,
    value,
    status: compare(raw, expr.comparator, expr.threshold) ? "passed" : "failed",
    evidence: evidence ?? { summary: `measured ${lhs} = ${value}${suffix}${windowNote}` },
  };
}

function aggregate(
  kind: "max_over" | "min_over" | "avg_over" | "drift",
  values: readonly number[],
  floor: number,
): number {
  switch (kind) {
    case "max_over":
      return Math.max(...values);
    case "min_over":
      return Math.min(...values);
    case "avg_over":
      return values.reduce((a, b) => a + b, 0) / values.length;
    case "drift": {
      const first = values[0] as number;
      const last = values[values.length - 1] as number;
      const base = Math.max(first, floor);
      if (base === 0) return last === 0 ? 0 : Number.POSITIVE_INFINITY;
      return (last - first) / base;
    }
  }
}
