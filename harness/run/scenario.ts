/**
 * Scenarios and profiles as the harness runs them. A scenario produces measurements; a profile is
 * scenarios plus gates plus settings (DESIGN.md readiness model). The built-in library lives in
 * scenarios/; a config may add its own.
 */
import type { Temporal } from "temporal-polyfill";
import type { ProvisioningEvent } from "../../domain/index.ts";
import type { DestinationAdapter } from "../adapters/index.ts";
import type { GateSpec, Measurement } from "../gates/gate.ts";
import type { MetricSource } from "../gates/metric-source.ts";
import type { ArrivalProfile } from "../replay/arrival-schedule.ts";
import type { InjectRates } from "../replay/inject-irregularities.ts";
import type { Journal } from "./journal.ts";
import type { OperationRecord, ReplayRecord } from "./run-result.ts";

export interface RunSettings {
  readonly subscribers: number;
  /** Events per second of the open-model arrival schedule. */
  readonly ratePerSec: number;
  readonly concurrency: number;
  /** Simulated traffic window in seconds. */
  readonly windowSec: number;
  /** Replay at the traffic's own timing divided by this factor, instead of `ratePerSec`. */
  readonly speed?: number;
  /** A synthetic arrival profile (constant, ramp, steps), instead of `ratePerSec`. */
  readonly arrival?: ArrivalProfile;
  /** Duplicates, retries and late deliveries added on purpose, from the seed. */
  readonly inject?: InjectRates;
  /** A send later than this behind its ready time counts as not sent in time (default 10 ms). */
  readonly lateThresholdMs?: number;
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
  /** The profile's gates: a scenario checks its abortOnFail gates while it runs. */
  readonly gates?: readonly GateSpec[];
}

export interface ScenarioOutcome {
  readonly complete: boolean;
  readonly measurements: ReadonlyMap<string, Measurement & { readonly unit: string }>;
  readonly operations: readonly OperationRecord[];
  readonly notes: readonly string[];
  /** Run statistics that expression gates read (latency percentiles, rates, windows). */
  readonly metrics?: MetricSource;
  /** Schedule fidelity and the time series of a replay. */
  readonly replay?: ReplayRecord;
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
