/** Public API of the harness: adapters, replay, shadow model, gates, runs and targets. */
export type { ApplyOutcome, DestinationAdapter, FailureKind, HealthInfo } from "./adapters/index.ts";
export { createContractAdapter } from "./adapters/index.ts";
export type { ExportedFile, K6ExportInput } from "./export/k6-export.ts";
export { exportK6 } from "./export/k6-export.ts";
export type { Comparator, GateResult, GateSpec, Measurement, Severity } from "./gates/gate.ts";
export { evaluateGate, gateExpressionOf } from "./gates/gate.ts";
export type { GateExpression } from "./gates/gate-expression.ts";
export { parseGateExpression } from "./gates/gate-expression.ts";
export type { MetricSource, StatQuery } from "./gates/metric-source.ts";
export type { Verdict } from "./gates/verdict.ts";
export { exitCodeOf, scoreOf, verdictOf } from "./gates/verdict.ts";
export type { LatencyRecorder, LatencySummary } from "./measure/latency-recorder.ts";
export { createLatencyRecorder } from "./measure/latency-recorder.ts";
export { replayMetrics } from "./measure/replay-metrics.ts";
export type { TimeWindow } from "./measure/replay-stats.ts";
export type { ArrivalProfile } from "./replay/arrival-schedule.ts";
export { captureSchedule, constantSchedule, profileSchedule } from "./replay/arrival-schedule.ts";
export type { CapacityCurve, CapacityOptions, CapacityPoint } from "./replay/capacity-search.ts";
export { searchCapacity } from "./replay/capacity-search.ts";
export type { InjectRates } from "./replay/inject-irregularities.ts";
export { injectIrregularities } from "./replay/inject-irregularities.ts";
export { createLoadAdapter } from "./replay/load-adapter.ts";
export type { LiveReplay, ReplayOptions, ReplayResult } from "./replay/open-model-replay.ts";
export { replayEvents } from "./replay/open-model-replay.ts";
export type { Journal } from "./run/journal.ts";
export { createJournal } from "./run/journal.ts";
export type { ReplayPlan } from "./run/provisioning-check.ts";
export {
  provisioningEvents,
  REPLAYED_EVENT_TYPES,
  replayPlan,
  runProvisioningCheck,
} from "./run/provisioning-check.ts";
export type { RunInput } from "./run/run-readiness.ts";
export { runReadiness } from "./run/run-readiness.ts";
export type { ReplayRecord, RunResult, ScenarioResult } from "./run/run-result.ts";
export { RUN_RESULT_SCHEMA_VERSION } from "./run/run-result.ts";
export type { Profile, RunSettings, Scenario, ScenarioContext, ScenarioOutcome } from "./run/scenario.ts";
export type { ShadowState } from "./shadow/shadow-model.ts";
export { applyEvent, buildShadowState, compareState } from "./shadow/shadow-model.ts";
export type { OpenedTarget, TargetOptions } from "./targets/open-target.ts";
export { openTarget } from "./targets/open-target.ts";
export { HARNESS_VERSION } from "./version.ts";
