/**
 * Scenarios and profiles as the harness runs them. A scenario produces measurements; a profile is
 * scenarios plus gates plus settings (DESIGN.md readiness model). The built-in library lives in
 * scenarios/; a config may add its own.
 */
import type { Temporal } from "temporal-polyfill";
import type { ProvisioningEvent } from "../../domain/index.ts";
import type { DestinationAdapter } from "../adapters/index.ts";
import type { GateSpec, Measurement } from "../gates/gate.ts";
import type { Journal } from "./journal.ts";
import type { OperationRecord } from "./run-result.ts";

export interface RunSettings {
  readonly subscribers: number;
  /** Events per second of the open-model arrival schedule. */
  readonly ratePerSec: number;
  readonly concurrency: number;
  /** Simulated traffic window in seconds. */
  readonly windowSec: number;
}

export interface ScenarioContext {
  readonly seed: number;
  readonly refDate: Temporal.Instant;
  readonly settings: RunSettings;
  /** Traffic to replay as given (a capture or a generated file); generated from the seed when absent. */
  readonly traffic?: readonly ProvisioningEvent[];
  readonly adapter: DestinationAdapter;
  readonly journal: Journal;
  readonly signal: AbortSignal;
  readonly progress: (label: string, done: number, total: number) => void;
}

export interface ScenarioOutcome {
  readonly complete: boolean;
  readonly measurements: ReadonlyMap<string, Measurement & { readonly unit: string }>;
  readonly operations: readonly OperationRecord[];
  readonly notes: readonly string[];
}

export interface Scenario {
  readonly name: string;
  readonly description: string;
  run(context: ScenarioContext): Promise<ScenarioOutcome>;
}

export interface Profile {
  readonly name: string;
  readonly description: string;
  readonly settings: RunSettings;
  readonly scenarios: readonly Scenario[];
  readonly gates: readonly GateSpec[];
}
