/**
 * `tranche report diff A B`: two run results side by side — verdict and gate changes, measurement
 * deltas with a direction, new and fixed findings — and whether B regressed against A. Pure: the
 * CLI reads and validates the files, this compares them.
 *
 * Direction of a measurement's change: from the comparator of a gate that reads it (`<` and `<=`:
 * lower is better; `>` and `>=`: higher is better; `==`: closer to the threshold is better), else
 * from naming and unit conventions (latency, lag, waits, errors, mismatches, unsent or late events,
 * drift and gaps: lower is better; achieved rates and throughput: higher is better), else the
 * change is only "changed". B regressed when its verdict is worse than A's, or when a gate that
 * did not fail in A fails in B (a new finding). A worse measurement under a passing gate is
 * reported, not counted as a regression: gates, not noise, decide.
 */
import type { GateResult, GateStatus, RunResult, Verdict } from "../domain/index.ts";

export type Direction = "better" | "worse" | "changed" | "same" | "new" | "removed";

export interface RunSide {
  readonly file: string;
  readonly runId: string;
  readonly profile: string;
  readonly verdict: Verdict;
  readonly score: number;
  readonly seed: number;
  readonly configFingerprint: string;
  readonly harnessVersion: string;
  readonly target: string;
  readonly finishedAt: string;
}

export interface GateChange {
  readonly id: string;
  readonly suite: string;
  readonly severity: GateResult["severity"];
  readonly description: string;
  readonly from: GateStatus | null;
  readonly to: GateStatus | null;
  readonly valueFrom: number | null;
  readonly valueTo: number | null;
  readonly threshold: string;
  readonly unit: string;
  /** new-finding: failed in B, not in A; fixed: failed in A, not in B; added / removed: in one run only. */
  readonly change:
    | "new-finding"
    | "fixed"
    | "still-failing"
    | "unchanged"
    | "status-changed"
    | "added"
    | "removed";
  readonly evidence: string;
}

export interface MeasurementDelta {
  readonly name: string;
  readonly unit: string;
  readonly from: number | null;
  readonly to: number | null;
  readonly delta: number | null;
  /** Relative change in percent of A's value; null when A is 0 or missing. */
  readonly deltaPct: number | null;
  readonly direction: Direction;
  /** Why the direction is what it is: the gate read, the convention, or "unknown". */
  readonly basis: string;
}

export interface RunDiff {
  readonly a: RunSide;
  readonly b: RunSide;
  readonly verdict: { readonly from: Verdict; readonly to: Verdict; readonly direction: Direction };
  readonly score: { readonly from: number; readonly to: number; readonly delta: number };
  /** Seeds or configs differ: the runs did not run the same plan, deltas say less. */
  readonly comparable: boolean;
  readonly gates: readonly GateChange[];
  readonly newFindings: readonly GateChange[];
  readonly fixedFindings: readonly GateChange[];
  readonly measurements: readonly MeasurementDelta[];
  readonly regressed: boolean;
  /** Why B regressed (empty when it did not). */
  readonly reasons: readonly string[];
}

/** Worse verdicts rank higher; INCOMPLETE says the least, so it ranks worst. */
const VERDICT_RANK: Record<Verdict, number> = {
  READY: 0,
  "READY WITH FINDINGS": 1,
  "NOT READY": 2,
  INCOMPLETE: 3,
};

const round = (x: number) => Math.round(x * 1000) / 1000;

function side(result: RunResult, file: string): RunSide {
  return {
    file,
    runId: result.runId,
    profile: result.profile,
    verdict: result.verdict,
    score: result.score,
    seed: result.seed,
    configFingerprint: result.configFingerprint,
    harnessVersion: result.harnessVersion,
    target: result.target.description,
    finishedAt: result.finishedAt,
  };
}

function thresholdText(g: GateResult): string {
  const comparator =
    g.expression.split(" ").find((t) => ["<", "<=", "==", "!=", ">=", ">"].includes(t)) ?? "";
  return `${comparator} ${g.threshold}${g.unit === "count" ? "" : g.unit === "%" ? "%" : ` ${g.unit}`}`.trim();
}

function gateChange(id: string, a: GateResult | undefined, b: GateResult | undefined): GateChange {
  const g = (b ?? a) as GateResult;
  const from = a?.status ?? null;
  const to = b?.status ?? null;
  const change: GateChange["change"] = !a
    ? to === "failed"
      ? "new-finding"
      : "added"
    : !b
      ? "removed"
      : from !== "failed" && to === "failed"
        ? "new-finding"
        : from === "failed" && to !== "failed"
          ? "fixed"
          : from === "failed"
            ? "still-failing"
            : from === to
              ? "unchanged"
              : "status-changed";
  return {
    id,
    suite: g.suite,
    severity: g.severity,
    description: g.description,
    from,
    to,
    valueFrom: a?.value ?? null,
    valueTo: b?.value ?? null,
    threshold: thresholdText(g),
    unit: g.unit,
    change,
    evidence: (change === "fixed" ? a : (b ?? a))?.evidence.summary ?? "",
  };
}

const LOWER_IS_BETTER =
  /(latency|_ms\b|lag|wait|error|fail|mismatch|unsent|late|drift|gap|timeout|discrepanc|missing|lost|duplicat)/;
const HIGHER_IS_BETTER = /(achieved|throughput|rate_per_s|_per_s\b|passed|matched|coverage)/;

/** Which way is better for a measurement, and why; null when unknown. */
function preference(
  name: string,
  unit: string,
  gates: readonly GateResult[],
): { sense: "lower" | "higher" | "closer"; threshold: number; basis: string } | null {
  const gate = gates.find((g) => g.measurement === name);
  if (gate) {
    const comparator = thresholdText(gate).split(" ")[0];
    const basis = `gate ${gate.id} (${thresholdText(gate)})`;
    if (comparator === "<" || comparator === "<=")
      return { sense: "lower", threshold: gate.threshold, basis };
    if (comparator === ">" || comparator === ">=")
      return { sense: "higher", threshold: gate.threshold, basis };
    if (comparator === "==") return { sense: "closer", threshold: gate.threshold, basis };
  }
  const local = name.toLowerCase();
  if (LOWER_IS_BETTER.test(local) || unit === "ms")
    return { sense: "lower", threshold: 0, basis: "convention: lower is better" };
  if (HIGHER_IS_BETTER.test(local) || unit === "/s")
    return { sense: "higher", threshold: 0, basis: "convention: higher is better" };
  return null;
}

function measurementDeltas(a: RunResult, b: RunResult): MeasurementDelta[] {
  const values = (r: RunResult) =>
    new Map(r.suites.flatMap((s) => s.measurements.map((m) => [m.name, m] as const)));
  const av = values(a);
  const bv = values(b);
  const names = [...new Set([...av.keys(), ...bv.keys()])];
  const gates = [...b.gates, ...a.gates];
  return names.map((name) => {
    const from = av.get(name)?.value ?? null;
    const to = bv.get(name)?.value ?? null;
    const unit = bv.get(name)?.unit ?? av.get(name)?.unit ?? "";
    const pref = preference(name, unit, gates);
    const basis = pref?.basis ?? "unknown";
    if (from === null || to === null) {
      return {
        name,
        unit,
        from,
        to,
        delta: null,
        deltaPct: null,
        direction: from === null ? "new" : "removed",
        basis,
      };
    }
    const delta = round(to - from);
    const deltaPct = from !== 0 ? round(((to - from) / Math.abs(from)) * 100) : null;
    let direction: Direction = "same";
    if (delta !== 0) {
      if (!pref) direction = "changed";
      else if (pref.sense === "lower") direction = to < from ? "better" : "worse";
      else if (pref.sense === "higher") direction = to > from ? "better" : "worse";
      else {
        const da = Math.abs(from - pref.threshold);
        const db = Math.abs(to - pref.threshold);
        direction = db < da ? "better" : db > da ? "worse" : "changed";
      }
    }
    return { name, unit, from, to, delta, deltaPct, direction, basis };
  });
}

/** Compares run B against run A (files named for the output). */
export function diffRuns(
  a: RunResult,
  b: RunResult,
  files: { a: string; b: string } = { a: "A", b: "B" },
): RunDiff {
  const ids = [...new Set([...a.gates.map((g) => g.id), ...b.gates.map((g) => g.id)])];
  const gates = ids.map((id) =>
    gateChange(
      id,
      a.gates.find((g) => g.id === id),
      b.gates.find((g) => g.id === id),
    ),
  );
  const newFindings = gates.filter((g) => g.change === "new-finding");
  const fixedFindings = gates.filter((g) => g.change === "fixed");
  const rankA = VERDICT_RANK[a.verdict];
  const rankB = VERDICT_RANK[b.verdict];
  const verdictDirection: Direction = rankB > rankA ? "worse" : rankB < rankA ? "better" : "same";
  const reasons: string[] = [];
  if (verdictDirection === "worse") reasons.push(`verdict ${a.verdict} → ${b.verdict}`);
  if (newFindings.length > 0) {
    reasons.push(
      `${newFindings.length} new finding${newFindings.length > 1 ? "s" : ""}: ${newFindings.map((g) => `${g.id} (${g.severity})`).join(", ")}`,
    );
  }
  return {
    a: side(a, files.a),
    b: side(b, files.b),
    verdict: { from: a.verdict, to: b.verdict, direction: verdictDirection },
    score: { from: a.score, to: b.score, delta: round(b.score - a.score) },
    comparable: a.seed === b.seed && a.configFingerprint === b.configFingerprint,
    gates,
    newFindings,
    fixedFindings,
    measurements: measurementDeltas(a, b),
    regressed: reasons.length > 0,
    reasons,
  };
}

function num(value: number | null, unit: string): string {
  if (value === null) return "—";
  return unit === "count" || unit === "" ? String(value) : unit === "%" ? `${value}%` : `${value} ${unit}`;
}

/** The change of a measurement as text: `+18 ms (+150%)`. */
export function deltaText(m: MeasurementDelta): string {
  if (m.delta === null) return m.direction;
  const sign = m.delta > 0 ? "+" : "";
  return `${sign}${num(m.delta, m.unit)}${m.deltaPct !== null ? ` (${m.deltaPct > 0 ? "+" : ""}${m.deltaPct}%)` : ""}`;
}

const STATUS = (s: GateStatus | null) => (s === null ? "absent" : s === "failed" ? "FAILED" : s);

/** The diff as plain text for a terminal or a CI log. */
export function renderDiffText(diff: RunDiff): string {
  const lines = [
    `A: ${diff.a.file}  ${diff.a.runId}  ${diff.a.verdict}  score ${diff.a.score}  seed ${diff.a.seed}  config ${diff.a.configFingerprint}`,
    `B: ${diff.b.file}  ${diff.b.runId}  ${diff.b.verdict}  score ${diff.b.score}  seed ${diff.b.seed}  config ${diff.b.configFingerprint}`,
    "",
    `Verdict: ${diff.verdict.from} → ${diff.verdict.to} (${diff.verdict.direction})   score ${diff.score.from} → ${diff.score.to}`,
    diff.regressed ? `Result: REGRESSED — ${diff.reasons.join("; ")}` : "Result: no regression",
  ];
  if (!diff.comparable)
    lines.push("Note: the runs differ in seed or config fingerprint; deltas compare different plans.");
  const changed = diff.gates.filter((g) => g.change !== "unchanged");
  lines.push("", `Gates (${diff.gates.length}, ${changed.length} changed):`);
  for (const g of diff.gates) {
    lines.push(
      `  ${g.change === "unchanged" ? " " : "*"} ${g.id}  [${g.suite}, ${g.severity}]  ${STATUS(g.from)} → ${STATUS(g.to)}  ${num(g.valueFrom, g.unit)} → ${num(g.valueTo, g.unit)} (${g.threshold})  ${g.change}`,
    );
  }
  const section = (title: string, items: readonly GateChange[]) => {
    if (items.length === 0) return;
    lines.push("", `${title}:`);
    for (const g of items) lines.push(`  ${g.id} (${g.severity}): ${g.evidence}`);
  };
  section("New findings", diff.newFindings);
  section("Fixed findings", diff.fixedFindings);
  const moved = diff.measurements.filter((m) => m.direction !== "same");
  lines.push("", `Measurements (${diff.measurements.length}, ${moved.length} changed):`);
  for (const m of moved) {
    lines.push(
      `  ${m.name}  ${num(m.from, m.unit)} → ${num(m.to, m.unit)}  ${deltaText(m)}  ${m.direction}  (${m.basis})`,
    );
  }
  return `${lines.join("\n")}\n`;
}
