/**
 * The suite runner: checks the target's health, builds the shared world once, then runs each suite
 * of the resolved profile in order — after checking the capabilities it requires, before any
 * traffic — and evaluates every gate over the measurements and statistics of the suite it reads.
 * Measurements are prefixed with their suite's id, so suites never overwrite each other. A suite
 * that cannot run (missing capability, interrupted, target gone) is reported as such; a required
 * one makes the run INCOMPLETE, never READY. Interruption still yields a result with whatever was
 * measured before the stop.
 */
import type { Temporal } from "temporal-polyfill";
import {
  createStream,
  type GateResult,
  type MeasurementRecord,
  type ProvisioningEvent,
  RUN_RESULT_SCHEMA_VERSION,
  type RunObserver,
  type RunResult,
  type SuiteResult,
  type TimeWindow,
  TrancheError,
} from "../../domain/index.ts";
import {
  type Capability,
  capabilityNames,
  type DestinationTarget,
  missingCapabilities,
} from "../adapters/index.ts";
import { evaluateGate, gateExpressionOf, type Measurement } from "../gates/gate.ts";
import type { MetricSource } from "../gates/metric-source.ts";
import { isLatencyGate } from "../gates/stat-gate.ts";
import { scoreOf, verdictOf } from "../gates/verdict.ts";
import type { ReplayResult } from "../replay/open-model-replay.ts";
import type { Journal } from "../run/journal.ts";
import { HARNESS_VERSION } from "../version.ts";
import type { BoundGate, PlannedSuite, ResolvedProfile } from "./profile.ts";
import type { PlanContext, SuiteContext, SuiteOutcome, SuitePlan } from "./suite.ts";
import { createWorld, type RunWorld } from "./world.ts";

export interface RunInput {
  readonly profile: ResolvedProfile;
  readonly seed: number;
  readonly refDate: Temporal.Instant;
  /** Traffic to replay instead of generating it. */
  readonly traffic?: readonly ProvisioningEvent[];
  readonly configFingerprint: string;
  readonly target: DestinationTarget;
  /** Kind, description and defects of the target, for reports. */
  readonly targetInfo: {
    readonly kind: string;
    readonly description: string;
    readonly defects: readonly string[];
  };
  readonly journal: Journal;
  readonly signal: AbortSignal;
  /** Wall clock, injected by the CLI edge. */
  readonly clock: () => Temporal.Instant;
  readonly progress?: (label: string, done: number, total: number) => void;
  /**
   * Told what happens as it happens (the live view): suites starting and ending, their progress,
   * replay windows as they close (the journal's `replay-window` entries), gates as they settle.
   */
  readonly observer?: RunObserver;
  /** Replays already performed elsewhere (k6), by suite id: those suites judge them instead of sending. */
  readonly recordedReplays?: ReadonlyMap<string, ReplayResult>;
}

/** The plan context of one suite (shared by dry runs, exports and the run itself). */
export function planContextOf(
  planned: PlannedSuite,
  seed: number,
  refDate: Temporal.Instant,
  world: RunWorld,
): PlanContext<object> {
  const id = planned.suite.id;
  return {
    suiteId: id,
    options: planned.options,
    seed,
    refDate,
    random: (name) => createStream(seed, `${id}/${name}`),
    world,
  };
}

/** Each suite's plan, computed without a destination (dry runs and exports). */
export function planSuites(
  profile: ResolvedProfile,
  seed: number,
  refDate: Temporal.Instant,
  traffic?: readonly ProvisioningEvent[],
): Array<{ planned: PlannedSuite; plan: SuitePlan }> {
  const world = createWorld({ seed, refDate, spec: profile.world, ...(traffic ? { traffic } : {}) });
  return profile.suites.map((planned) => ({
    planned,
    plan: planned.suite.plan(planContextOf(planned, seed, refDate, world)),
  }));
}

interface SuiteRun {
  readonly result: SuiteResult;
  readonly measurements: ReadonlyMap<string, Measurement>;
  readonly metrics: MetricSource | undefined;
  readonly harnessLate: string | undefined;
}

/** Runs a resolved profile against an opened target and returns the canonical run result. */
export async function runSuites(input: RunInput): Promise<RunResult> {
  const startedAt = input.clock();
  const runId = `run-${startedAt.toString().replace(/[-:]/g, "").replace(/\.\d+/, "")}-${input.seed}`;
  const { profile, journal } = input;
  journal.append("run-start", {
    runId,
    harnessVersion: HARNESS_VERSION,
    seed: input.seed,
    refDate: input.refDate.toString(),
    profile: profile.name,
    suites: profile.suites.map((s) => s.suite.id),
    configFingerprint: input.configFingerprint,
    target: input.targetInfo.description,
  });
  // A gate written wrongly is a config error before any traffic, not a surprise at the end.
  for (const gate of profile.gates) gateExpressionOf(gate.spec);
  const observe: RunObserver = input.observer ?? (() => {});
  observe({
    type: "run-start",
    runId,
    profile: profile.name,
    seed: input.seed,
    harnessVersion: HARNESS_VERSION,
    configFingerprint: input.configFingerprint,
    target: input.targetInfo.description,
    suites: profile.suites.map((s) => ({ id: s.suite.id, title: s.suite.title, required: s.required })),
    gates: profile.gates.map((g) => ({
      id: g.spec.id,
      suite: g.suite,
      severity: g.spec.severity,
      description: g.spec.description,
    })),
  });
  // Gates settle as soon as the suite they read has finished (they read nothing else).
  const settled = new Map<string, GateResult>();
  const settle = (suiteId: string) => {
    for (const bound of profile.gates) {
      if (bound.suite !== suiteId || settled.has(bound.spec.id)) continue;
      const gate = evaluateBound(bound, runs);
      settled.set(bound.spec.id, gate);
      observe({ type: "gate", gate });
    }
  };

  const world = createWorld({
    seed: input.seed,
    refDate: input.refDate,
    spec: profile.world,
    ...(input.traffic ? { traffic: input.traffic } : {}),
  });
  // Every plan before any traffic: a plan that finds bad input (E_INPUT) stops the run at once.
  const plans = new Map<string, SuitePlan>();
  for (const planned of profile.suites) {
    const plan = planned.suite.plan(planContextOf(planned, input.seed, input.refDate, world));
    plans.set(planned.suite.id, plan);
    journal.append("suite-plan", { suite: planned.suite.id, summary: plan.summary });
  }

  const runs = new Map<string, SuiteRun>();
  let targetDown: string | null = null;
  try {
    const health = await input.target.health(input.signal);
    journal.append("target-health", { status: health.status, version: health.version ?? null });
  } catch (error) {
    if (!(error instanceof TrancheError) || error.code !== "E_TARGET") throw error;
    targetDown = error.message.replace(/^\[tranche\] /, "");
    journal.append("target-health", { status: "unreachable", reason: targetDown });
  }
  for (const planned of profile.suites) {
    const id = planned.suite.id;
    const notRun = (reason: string) => runs.set(id, notRunResult(planned, reason));
    const missing = missingCapabilities(input.target.capabilities, planned.suite.requires);
    if (targetDown) notRun(`the target is not answering: ${targetDown}`);
    else if (input.signal.aborted) notRun("interrupted before the suite started");
    else if (missing.length > 0) {
      notRun(`the target lacks the ${missing.join(", ")} capabilit${missing.length > 1 ? "ies" : "y"}`);
      journal.append("suite-not-run", { suite: id, missing });
    } else {
      observe({ type: "suite-start", suite: id });
      const run = await runOne(planned, plans.get(id) as SuitePlan, input, world, profile.gates, observe);
      runs.set(id, run);
      if (run.result.status === "incomplete" && !input.signal.aborted) {
        // A suite cut short may mean the target is gone: ask once, so the others fail fast and say why.
        try {
          await input.target.health(input.signal);
        } catch (error) {
          if (!(error instanceof TrancheError) || error.code !== "E_TARGET") throw error;
          targetDown = `it stopped answering during ${id} (${error.message.replace(/^\[tranche\] /, "")})`;
          journal.append("target-health", { status: "unreachable", reason: targetDown });
        }
      }
    }
    const done = (runs.get(id) as SuiteRun).result;
    observe({ type: "suite-end", suite: id, status: done.status, reason: done.reason });
    settle(id);
  }

  const gates = profile.gates.map((bound) => settled.get(bound.spec.id) ?? evaluateBound(bound, runs));
  for (const gate of gates) {
    journal.append("gate", {
      id: gate.id,
      suite: gate.suite,
      value: gate.value,
      threshold: gate.threshold,
      status: gate.status,
    });
  }
  const suites = profile.suites.map((p) => (runs.get(p.suite.id) as SuiteRun).result);
  const blocking = suites.find((s) => s.required && s.status !== "complete");
  const complete = blocking === undefined;
  const verdict = verdictOf(gates, complete);
  const indeterminate = gates.filter((g) => g.status === "indeterminate");
  const incompleteReason = blocking
    ? `${blocking.id}: ${blocking.reason ?? blocking.status}`
    : verdict === "INCOMPLETE" && indeterminate.length > 0
      ? `${indeterminate.map((g) => g.id).join(", ")} indeterminate: ${runs.get(indeterminate[0]?.suite ?? "")?.harnessLate ?? "the harness was late"}`
      : null;
  const finishedAt = input.clock();
  journal.append("run-end", { verdict, complete, incompleteReason });
  observe({ type: "run-end", verdict, score: scoreOf(gates), complete, incompleteReason });
  return {
    schemaVersion: RUN_RESULT_SCHEMA_VERSION,
    runId,
    harnessVersion: HARNESS_VERSION,
    seed: input.seed,
    refDate: input.refDate.toString(),
    configFingerprint: input.configFingerprint,
    profile: profile.name,
    target: {
      kind: input.targetInfo.kind,
      description: input.targetInfo.description,
      defects: [...input.targetInfo.defects],
      capabilities: capabilityNames(input.target.capabilities),
    },
    startedAt: startedAt.toString(),
    finishedAt: finishedAt.toString(),
    complete,
    incompleteReason,
    suites,
    gates,
    verdict,
    score: scoreOf(gates),
  };
}

async function runOne(
  planned: PlannedSuite,
  plan: SuitePlan,
  input: RunInput,
  world: RunWorld,
  gates: readonly BoundGate[],
  observe: RunObserver,
): Promise<SuiteRun> {
  const { suite } = planned;
  const journal = {
    append: (kind: string, data: Record<string, unknown>) => {
      input.journal.append(kind, { suite: suite.id, ...data });
      // Replay windows are journaled as they close; the observer sees them at the same moment.
      if (kind === "replay-window")
        observe({ type: "window", suite: suite.id, point: data as unknown as TimeWindow });
    },
  };
  const progress = (label: string, done: number, total: number) => {
    input.progress?.(label, done, total);
    observe({ type: "progress", suite: suite.id, label, done, total });
  };
  const base = planContextOf(planned, input.seed, input.refDate, world);
  let outcome: SuiteOutcome;
  try {
    const recordedReplay = input.recordedReplays?.get(suite.id);
    const context: SuiteContext<object, Capability> = {
      ...base,
      ...(recordedReplay ? { recordedReplay } : {}),
      target: input.target.capabilities as SuiteContext<object, Capability>["target"],
      plan,
      journal,
      signal: input.signal,
      progress,
      gates: gates.filter((g) => g.suite === suite.id).map((g) => g.spec),
    };
    outcome = await suite.run(context);
  } catch (error) {
    // The destination failing (gone, or answering outside the contract) ends the suite with a
    // reason; anything else is Tranche's bug and keeps its stack.
    if (
      !(error instanceof TrancheError) ||
      (error.code !== "E_TARGET" && error.code !== "E_CONTRACT" && error.code !== "E_INTERRUPTED")
    )
      throw error;
    const reason = error.message.replace(/^\[tranche\] /, "");
    journal.append("suite-failed", { reason });
    outcome = { complete: false, reason, measurements: [], notes: [reason], sections: [] };
  }
  const measurements = new Map<string, Measurement>();
  const records: MeasurementRecord[] = [];
  for (const m of outcome.measurements) {
    const name = `${suite.id}.${m.name}`;
    measurements.set(name, m);
    records.push({ name, value: m.value, unit: m.unit, ...(m.evidence ? { evidence: m.evidence } : {}) });
    journal.append("measurement", { name, value: m.value, unit: m.unit });
  }
  const reason = outcome.complete
    ? null
    : input.signal.aborted
      ? "interrupted (signal)"
      : (outcome.reason ?? outcome.notes[0] ?? "stopped early");
  return {
    result: {
      id: suite.id,
      title: suite.title,
      description: suite.description,
      required: planned.required,
      status: outcome.complete ? "complete" : "incomplete",
      reason,
      requires: [...suite.requires],
      measurements: records,
      notes: [...outcome.notes],
      sections: [...outcome.sections],
    },
    measurements,
    metrics: outcome.metrics,
    harnessLate: outcome.harnessLate,
  };
}

function notRunResult(planned: PlannedSuite, reason: string): SuiteRun {
  const { suite } = planned;
  return {
    result: {
      id: suite.id,
      title: suite.title,
      description: suite.description,
      required: planned.required,
      status: "not-run",
      reason,
      requires: [...suite.requires],
      measurements: [],
      notes: [],
      sections: [],
    },
    measurements: new Map(),
    metrics: undefined,
    harnessLate: undefined,
  };
}

function evaluateBound(bound: BoundGate, runs: ReadonlyMap<string, SuiteRun>): GateResult {
  const run = runs.get(bound.suite);
  const evaluated = evaluateGate(bound.spec, run?.measurements ?? new Map(), run?.metrics, bound.suite);
  if (run?.harnessLate && isLatencyGate(bound.spec)) {
    return {
      ...evaluated,
      status: "indeterminate",
      evidence: { summary: `indeterminate: ${run.harnessLate} (measured ${evaluated.evidence.summary})` },
    };
  }
  if (run && run.result.status !== "not-run") return evaluated;
  return {
    ...evaluated,
    value: null,
    status: "skipped",
    evidence: { summary: `suite ${bound.suite} did not run: ${run?.result.reason ?? "not in this run"}` },
  };
}

/**
 * A target that could not be opened (a process or container that did not start, a URL that does
 * not answer): every suite is reported as not run with the reason, so the run still has a report.
 */
export function unreachableTarget(description: string, error: TrancheError): DestinationTarget {
  return {
    describe: () => description,
    health: () => Promise.reject(error),
    capabilities: {},
    close: async () => {},
  };
}
