/**
 * A readiness run: check the target's health, run each scenario of the profile, evaluate the gates
 * and assemble the run result. Interruption (Ctrl-C, a dying destination) still yields a result,
 * marked incomplete, with whatever was measured before the stop.
 */
import type { Temporal } from "temporal-polyfill";
import { type ProvisioningEvent, TrancheError } from "../../domain/index.ts";
import type { DestinationAdapter } from "../adapters/index.ts";
import { evaluateGate, type Measurement } from "../gates/gate.ts";
import { scoreOf, verdictOf } from "../gates/verdict.ts";
import { HARNESS_VERSION } from "../version.ts";
import type { Journal } from "./journal.ts";
import { RUN_RESULT_SCHEMA_VERSION, type RunResult, type ScenarioResult } from "./run-result.ts";
import type { Profile } from "./scenario.ts";

export interface RunInput {
  readonly profile: Profile;
  readonly seed: number;
  readonly refDate: Temporal.Instant;
  /** Traffic to replay instead of generating it. */
  readonly traffic?: readonly ProvisioningEvent[];
  readonly configFingerprint: string;
  readonly adapter: DestinationAdapter;
  readonly target: {
    readonly kind: string;
    readonly description: string;
    readonly defects: readonly string[];
  };
  readonly journal: Journal;
  readonly signal: AbortSignal;
  /** Wall clock, injected by the CLI edge. */
  readonly clock: () => Temporal.Instant;
  readonly progress?: (label: string, done: number, total: number) => void;
}

/** Runs a profile against an opened target and returns the canonical run result. */
export async function runReadiness(input: RunInput): Promise<RunResult> {
  const startedAt = input.clock();
  const runId = `run-${startedAt.toString().replace(/[-:]/g, "").replace(/\.\d+/, "")}-${input.seed}`;
  input.journal.append("run-start", {
    runId,
    harnessVersion: HARNESS_VERSION,
    seed: input.seed,
    refDate: input.refDate.toString(),
    profile: input.profile.name,
    configFingerprint: input.configFingerprint,
    target: input.target.description,
  });

  const health = await input.adapter.health(input.signal);
  input.journal.append("target-health", { status: health.status, version: health.version ?? null });

  const measurements = new Map<string, Measurement>();
  const scenarios: ScenarioResult[] = [];
  let incompleteReason: string | null = null;
  for (const scenario of input.profile.scenarios) {
    if (input.signal.aborted) {
      incompleteReason = "interrupted before all scenarios ran";
      break;
    }
    let outcome: Awaited<ReturnType<typeof scenario.run>>;
    try {
      outcome = await scenario.run({
        seed: input.seed,
        refDate: input.refDate,
        settings: input.profile.settings,
        ...(input.traffic ? { traffic: input.traffic } : {}),
        adapter: input.adapter,
        journal: input.journal,
        signal: input.signal,
        progress: input.progress ?? (() => {}),
      });
    } catch (error) {
      if (!(error instanceof TrancheError) || error.code !== "E_TARGET") throw error;
      incompleteReason = `${scenario.name}: ${error.message.replace(/^\[tranche\] /, "")}`;
      input.journal.append("scenario-failed", { scenario: scenario.name, reason: incompleteReason });
      scenarios.push({
        name: scenario.name,
        description: scenario.description,
        complete: false,
        measurements: [],
        operations: [],
        notes: [incompleteReason],
      });
      break;
    }
    for (const [name, m] of outcome.measurements) {
      measurements.set(name, m);
      input.journal.append("measurement", { scenario: scenario.name, name, value: m.value, unit: m.unit });
    }
    scenarios.push({
      name: scenario.name,
      description: scenario.description,
      complete: outcome.complete,
      measurements: [...outcome.measurements].map(([name, m]) => ({ name, value: m.value, unit: m.unit })),
      operations: outcome.operations,
      notes: outcome.notes,
    });
    if (!outcome.complete) {
      incompleteReason = input.signal.aborted ? "interrupted (signal)" : `${scenario.name} did not complete`;
      break;
    }
  }

  const gates = input.profile.gates.map((spec) => evaluateGate(spec, measurements));
  for (const gate of gates) {
    input.journal.append("gate", {
      id: gate.id,
      value: gate.value,
      threshold: gate.threshold,
      status: gate.status,
    });
  }
  const complete = incompleteReason === null;
  const verdict = verdictOf(gates, complete);
  const finishedAt = input.clock();
  input.journal.append("run-end", { verdict, complete, incompleteReason });
  return {
    schemaVersion: RUN_RESULT_SCHEMA_VERSION,
    runId,
    harnessVersion: HARNESS_VERSION,
    seed: input.seed,
    refDate: input.refDate.toString(),
    configFingerprint: input.configFingerprint,
    profile: input.profile.name,
    target: input.target,
    startedAt: startedAt.toString(),
    finishedAt: finishedAt.toString(),
    complete,
    incompleteReason,
    scenarios,
    gates,
    verdict,
    score: scoreOf(gates),
  };
}
