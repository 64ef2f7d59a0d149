/**
 * The gate expression language, close to k6 thresholds:
 *
 *   p(99) < 800ms            rate(errors) < 0.1%          state_mismatches == 0
 *   max_over(5m, p(95)) < 1s drift(10m, p(99)) < 20%      throughput >= 1500/s
 *   drift(50%, p(99), 100ms) < 25%
 *
 * Grammar:  gate := lhs cmp number unit?
 *           lhs  := stat | ("max_over"|"min_over"|"avg_over"|"drift") "(" window "," stat ("," duration)? ")"
 *           window := duration | number "%"      (a share of the run's length: 50% = each half)
 *           stat := "p(" number ")" | avg | med | min | max | throughput
 *                 | "rate(" outcome ")" | "count(" outcome ")" | measurement-name
 *           cmp  := < <= == != >= >      unit := ms s m h % /s
 * Latencies are in ms (a bare number is ms, as in k6); rates and drift are fractions written as a
 * number or with %; counts are plain. drift's optional third argument is a floor for its base: the
 * change is divided by max(first window, floor), so small latencies wobbling by a few ms are not
 * drift. Parse errors name the gate and the 1-based character position.
 */
import { TrancheError } from "../../domain/index.ts";
import { OUTCOMES, type StatName, type StatQuery } from "./metric-source.ts";

export type ExprComparator = "<" | "<=" | "==" | "!=" | ">=" | ">";
export type WindowAggregate = "max_over" | "min_over" | "avg_over" | "drift";

/** What kind of quantity the left side is; decides units and display. */
export type QuantityKind = "latency" | "fraction" | "count" | "throughput" | "measurement";

export interface GateExpression {
  readonly source: string;
  /** A run statistic, or a scenario measurement by name. */
  readonly target:
    | { readonly kind: "stat"; readonly query: StatQuery }
    | { readonly kind: "measurement"; readonly name: string };
  readonly window: {
    readonly aggregate: WindowAggregate;
    /** Window length in ms, or null when it is a share of the run. */
    readonly windowMs: number | null;
    /** Window as a share of the run's length (0–1], or null. */
    readonly windowShare: number | null;
    /** drift's floor for its base, in the statistic's unit (ms), or null. */
    readonly floor: number | null;
  } | null;
  readonly comparator: ExprComparator;
  /** Threshold in base units: ms for latency, a fraction for rates and drift. */
  readonly threshold: number;
  /** The unit written after the threshold, or "" when none. */
  readonly writtenUnit: string;
  readonly quantity: QuantityKind;
}

const STAT_WORDS = new Set(["avg", "med", "min", "max", "throughput"]);
const AGGREGATES = new Set(["max_over", "min_over", "avg_over", "drift"]);
const DURATION_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

interface Cursor {
  readonly text: string;
  pos: number;
}

/** Parses a gate expression; `gateId` names the gate in errors. */
export function parseGateExpression(text: string, gateId: string): GateExpression {
  const c: Cursor = { text, pos: 0 };
  const fail = (message: string, at = c.pos): never => {
    throw new TrancheError(
      "E_CONFIG",
      `gate "${gateId}": ${message} at position ${at + 1} of "${text}".`,
      "Expected e.g. `p(99) < 800ms`, `rate(errors) < 0.1%`, `max_over(5m, p(95)) < 1s` or `state_mismatches == 0` (see docs/gates.md).",
    );
  };
  skip(c);
  let window: GateExpression["window"] = null;
  const wordAt = c.pos;
  const word = ident(c);
  if (!word) fail("expected a statistic such as p(99), rate(errors) or a measurement name");
  let target: GateExpression["target"];
  if (AGGREGATES.has(word)) {
    expect(c, "(", fail);
    const durationAt = c.pos;
    const amount = number(c);
    if (amount === undefined) fail("expected a window duration such as 5m or a share of the run such as 50%");
    let windowMs: number | null = null;
    let windowShare: number | null = null;
    if (c.text[c.pos] === "%") {
      c.pos++;
      windowShare = (amount as number) / 100;
      if (!(windowShare > 0 && windowShare <= 1)) fail("a window share must be in (0%, 100%]", durationAt);
    } else {
      const unit = ident(c);
      const factor = DURATION_MS[unit];
      if (factor === undefined) fail(`expected a duration unit (ms, s, m, h) or %, got "${unit}"`);
      windowMs = (amount as number) * (factor as number);
      if (!(windowMs > 0)) fail("the window must be longer than 0", durationAt);
    }
    expect(c, ",", fail);
    skip(c);
    const innerAt = c.pos;
    const inner = ident(c);
    target = statTarget(c, inner, innerAt, fail);
    if (target.kind !== "stat")
      fail(`${word}() takes a run statistic, not the measurement "${inner}"`, innerAt);
    skip(c);
    let floor: number | null = null;
    if (c.text[c.pos] === ",") {
      c.pos++;
      const floorAt = c.pos;
      if (word !== "drift") fail(`only drift() takes a floor`, floorAt);
      const value = number(c);
      if (value === undefined || value < 0) fail("expected a floor such as 100ms", floorAt);
      const unit = unitText(c);
      const factor = unit === "" ? 1 : DURATION_MS[unit];
      if (factor === undefined) fail(`a floor is a latency (ms, s), got "${unit}"`, floorAt);
      floor = (value as number) * (factor as number);
    }
    expect(c, ")", fail);
    window = { aggregate: word as WindowAggregate, windowMs, windowShare, floor };
  } else {
    target = statTarget(c, word, wordAt, fail);
  }
  skip(c);
  const cmpAt = c.pos;
  const comparator = comparatorAt(c);
  if (!comparator) fail("expected a comparator (<, <=, ==, !=, >=, >)", cmpAt);
  skip(c);
  const numberAt = c.pos;
  const value = number(c);
  if (value === undefined) fail("expected a number", numberAt);
  const unitAt = c.pos;
  const writtenUnit = unitText(c);
  skip(c);
  if (c.pos < text.length) fail(`unexpected "${text.slice(c.pos)}"`);
  const quantity: QuantityKind =
    window?.aggregate === "drift"
      ? "fraction"
      : target.kind === "measurement"
        ? "measurement"
        : kindOf(target.query.stat);
  const threshold = convert(value as number, writtenUnit, quantity, (m) => fail(m, unitAt));
  return {
    source: text.trim(),
    target,
    window,
    comparator: comparator as ExprComparator,
    threshold,
    writtenUnit,
    quantity,
  };
}

function statTarget(
  c: Cursor,
  word: string,
  at: number,
  fail: (message: string, at?: number) => never,
): GateExpression["target"] {
  if (!word) fail("expected a statistic such as p(99), rate(errors)", at);
  if (word === "p") {
    expect(c, "(", fail);
    const pAt = c.pos;
    const percentile = number(c);
    if (percentile === undefined || percentile <= 0 || percentile > 100)
      fail("expected a percentile in (0, 100]", pAt);
    expect(c, ")", fail);
    return { kind: "stat", query: { stat: "p", arg: percentile as number } };
  }
  if (word === "rate" || word === "count") {
    expect(c, "(", fail);
    skip(c);
    const outcomeAt = c.pos;
    const outcome = ident(c);
    if (!(outcome in OUTCOMES)) {
      fail(`unknown outcome "${outcome}"; one of ${Object.keys(OUTCOMES).join(", ")}`, outcomeAt);
    }
    expect(c, ")", fail);
    return { kind: "stat", query: { stat: word, arg: outcome } };
  }
  if (STAT_WORDS.has(word)) return { kind: "stat", query: { stat: word as StatName } };
  return { kind: "measurement", name: word };
}

function kindOf(stat: StatName): QuantityKind {
  if (stat === "rate") return "fraction";
  if (stat === "count") return "count";
  if (stat === "throughput") return "throughput";
  return "latency";
}

function convert(value: number, unit: string, quantity: QuantityKind, fail: (m: string) => never): number {
  if (quantity === "latency") {
    if (unit === "") return value;
    const factor = DURATION_MS[unit];
    if (factor === undefined) fail(`unit "${unit}" does not apply to a latency (use ms, s, m)`);
    return value * (factor as number);
  }
  if (quantity === "fraction") {
    if (unit === "") return value;
    if (unit === "%") return value / 100;
    fail(`unit "${unit}" does not apply to a rate (write 0.1% or 0.001)`);
  }
  if (quantity === "throughput") {
    if (unit === "" || unit === "/s") return value;
    fail(`unit "${unit}" does not apply to a throughput (use /s)`);
  }
  if (quantity === "count" && unit !== "") fail(`a count takes no unit, got "${unit}"`);
  if (quantity === "measurement" && unit in DURATION_MS) return value * (DURATION_MS[unit] as number);
  return value;
}

function skip(c: Cursor): void {
  while (c.pos < c.text.length && /\s/.test(c.text[c.pos] as string)) c.pos++;
}

function ident(c: Cursor): string {
  skip(c);
  const match = /^[A-Za-z_][A-Za-z0-9_.-]*/.exec(c.text.slice(c.pos));
  if (!match) return "";
  c.pos += match[0].length;
  return match[0];
}

function number(c: Cursor): number | undefined {
  skip(c);
  const match = /^-?(\d+(\.\d*)?|\.\d+)/.exec(c.text.slice(c.pos));
  if (!match) return undefined;
  c.pos += match[0].length;
  return Number(match[0]);
}

function unitText(c: Cursor): string {
  const match = /^(ms|s|m|h|%|\/s)(?![A-Za-z0-9_])/.exec(c.text.slice(c.pos));
  if (!match) return "";
  c.pos += match[0].length;
  return match[0];
}

function expect(c: Cursor, token: string, fail: (message: string, at?: number) => never): void {
  skip(c);
  if (c.text.startsWith(token, c.pos)) c.pos += token.length;
  else fail(`expected "${token}"`);
}

function comparatorAt(c: Cursor): ExprComparator | undefined {
  for (const op of ["<=", ">=", "==", "!=", "<", ">"] as const) {
    if (c.text.startsWith(op, c.pos)) {
      c.pos += op.length;
      return op;
    }
  }
  return undefined;
}

/** The expression's left side in canonical form without inner spaces, e.g. `max_over(5m,p(95))`. */
export function lhsText(expr: GateExpression): string {
  const stat =
    expr.target.kind === "measurement"
      ? expr.target.name
      : expr.target.query.arg === undefined
        ? expr.target.query.stat
        : `${expr.target.query.stat}(${expr.target.query.arg})`;
  if (!expr.window) return stat;
  const w = expr.window;
  const span = w.windowShare !== null ? `${round6(w.windowShare * 100)}%` : formatDurationMs(w.windowMs ?? 0);
  return `${w.aggregate}(${span},${stat}${w.floor !== null ? `,${formatDurationMs(w.floor)}` : ""})`;
}

/** A duration in ms as the shortest of h, m, s, ms. */
export function formatDurationMs(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
