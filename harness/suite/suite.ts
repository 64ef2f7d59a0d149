/**
 * The suite: the one extension point (DESIGN.md). A suite is a named check of one area
 * (`provisioning.replay`, `billing.split-period`, …). Its id prefixes every measurement it records,
 * so suites never overwrite each other; it has its own strict options with defaults; it names the
 * target capabilities it requires (a target lacking one makes it *not run*); it computes a plan
 * without a destination (dry runs, fingerprints, `export k6`) and then runs. Nothing in the runner,
 * config, CLI or reports branches on a suite's id.
 */
import type { Temporal } from "temporal-polyfill";
import type { z } from "zod";
import type { Evidence, RandomStream, ReportSection } from "../../domain/index.ts";
import type { CapabilitiesOf, Capability } from "../adapters/index.ts";
import type { GateSpec } from "../gates/gate.ts";
import type { MetricSource } from "../gates/metric-source.ts";
import type { ReplayResult } from "../replay/open-model-replay.ts";
import type { PlannedReplay } from "../replay/replay-plan.ts";
import type { RunWorld } from "./world.ts";

/** What a suite will send and check, computed without a destination. */
export interface SuitePlan {
  /** One line: what is sent and how much. */
  readonly summary: string;
  /** What the suite checks, one line each (dry runs list them). */
  readonly checks: readonly string[];
  /** For suites that replay provisioning traffic: the replay (`export k6` exports it). */
  readonly replay?: PlannedReplay;
}

/** What a suite can see and use while planning: no destination. */
export interface PlanContext<O> {
  readonly suiteId: string;
  readonly options: O;
  readonly seed: number;
  readonly refDate: Temporal.Instant;
  /** Named random stream `(seed, suite id + name, i)`: record i of it is the same in every run. */
  random(name: string): RandomStream;
  readonly world: RunWorld;
}

/** The journal as a suite writes to it: every entry carries the suite id. */
export interface SuiteJournal {
  append(kind: string, data: Record<string, unknown>): void;
}

/** What a suite sees while running. */
export interface SuiteContext<O, R extends Capability> extends PlanContext<O> {
  /** The capabilities it required, all present. */
  readonly target: CapabilitiesOf<R>;
  readonly plan: SuitePlan;
  readonly journal: SuiteJournal;
  readonly signal: AbortSignal;
  readonly progress: (label: string, done: number, total: number) => void;
  /** Gates over this suite (abortOnFail gates are checked while it runs). */
  readonly gates: readonly GateSpec[];
  /**
   * The suite's replay as an external load generator already performed it (k6's answers, read back
   * by `tranche check --state`): a replaying suite judges it instead of sending anything.
   */
  readonly recordedReplay?: ReplayResult;
}

/** One measurement as a suite records it (the runner prefixes the name with the suite id). */
export interface SuiteMeasurement {
  /** Local name, e.g. `state_mismatches`; `.` separates scopes such as an operation. */
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly evidence?: Evidence;
}

export interface SuiteOutcome {
  /** False when the suite stopped early (interrupted, aborted by a gate, target gone). */
  readonly complete: boolean;
  /** Why it did not complete. */
  readonly reason?: string;
  readonly measurements: readonly SuiteMeasurement[];
  readonly notes: readonly string[];
  readonly sections: readonly ReportSection[];
  /** Run statistics that expression gates over this suite read (latency, rates, windows). */
  readonly metrics?: MetricSource;
  /**
   * Set when the harness itself could not keep the schedule: the suite's latency gates are then
   * indeterminate, with this reason, never a finding against the destination.
   */
  readonly harnessLate?: string;
}

export interface SuiteDefinition<O extends object, R extends Capability> {
  /** `<area>.<check>`, lower case, e.g. `billing.split-period`. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** Strict options schema; every field has a default, so `{}` parses. */
  readonly options: z.ZodType<O>;
  readonly requires: readonly R[];
  /**
   * The smallest options at which every gate over this suite can still be shown to fail against its
   * proving defect (the "every gate can fail" test runs suites with these).
   */
  readonly proofOptions?: Partial<O>;
  plan(context: PlanContext<O>): SuitePlan;
  run(context: SuiteContext<O, R>): Promise<SuiteOutcome>;
}

/** A suite with its option and capability types erased, as registries and runners hold it. */
export interface Suite {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly options: z.ZodType<object>;
  readonly requires: readonly Capability[];
  readonly proofOptions?: object;
  plan(context: PlanContext<object>): SuitePlan;
  run(context: SuiteContext<object, Capability>): Promise<SuiteOutcome>;
}

const SUITE_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*(\.[a-z][a-z0-9]*(-[a-z0-9]+)*)+$/;

/** Declares a suite with typed options and capabilities; checks the id's form. */
export function defineSuite<O extends object, R extends Capability>(
  definition: SuiteDefinition<O, R>,
): Suite {
  if (!SUITE_ID.test(definition.id)) {
    throw new Error(`suite id "${definition.id}" must be <area>.<check> in lower-case kebab words`);
  }
  return definition as unknown as Suite;
}

/** Collects a suite's measurements under local names (later values replace earlier ones). */
export class MeasurementSet {
  readonly #byName = new Map<string, SuiteMeasurement>();

  /** Records `name = value unit`, with optional evidence. */
  set(name: string, value: number, unit: string, evidence?: Evidence): this {
    this.#byName.set(name, evidence ? { name, value, unit, evidence } : { name, value, unit });
    return this;
  }

  get(name: string): SuiteMeasurement | undefined {
    return this.#byName.get(name);
  }

  list(): SuiteMeasurement[] {
    return [...this.#byName.values()];
  }
}
