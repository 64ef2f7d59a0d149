/** Public API of the harness: targets and capabilities, the suite contract and runner, replay, shadow model, gates. */

export type { DestinationSubscriberState } from "../destination/index.ts";
export type { PeerName, ServedMocks } from "../mocks/index.ts";
/** The legacy peers as real loopback servers, for suites that point a destination at them. */
export { serveMocks } from "../mocks/index.ts";
export type {
  ApplyOutcome,
  CapabilitiesOf,
  Capability,
  CdrBatchResult,
  CohortImport,
  CohortImportResult,
  ContractTarget,
  DestinationInvoice,
  DestinationTarget,
  FailureKind,
  HealthInfo,
  HttpCapability,
  LiCapability,
  NetworkCapability,
  PendingPort,
  PortingCapability,
  PortingState,
  ProvisioningCapability,
  ReconciliationCapability,
  RegularCredentialProbe,
  RetentionCapability,
  StateReadCapability,
  TargetCapabilities,
} from "./adapters/index.ts";
export { CAPABILITIES, capabilityNames, createContractAdapter, requestFor } from "./adapters/index.ts";
export type { ResolvedConfig, TrancheConfig } from "./config/index.ts";
export {
  CONFIG_FILE_NAMES,
  configFingerprint,
  defineConfig,
  lineOfKey,
  loadConfig,
  MAX_SUBSCRIBERS,
  mergeGates,
  TrancheConfigSchema,
} from "./config/index.ts";
export { DEFAULT_REF_DATE, DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_SEED } from "./defaults.ts";
export type { ExportedFile, K6ExportInput, K6ExportManifest } from "./export/k6-export.ts";
export { exportK6, MANIFEST_FILE, segmentCommands } from "./export/k6-export.ts";
export type { K6Answer } from "./export/k6-results.ts";
export { parseK6Output, replayResultOfK6 } from "./export/k6-results.ts";
export type { RecordedK6Replay } from "./export/k6-state-check.ts";
export { parseK6Manifest, readOnlyTarget, recordedK6Replay } from "./export/k6-state-check.ts";
export { readNdjsonFile, readTextFile, readTrafficFile } from "./files.ts";
export type { Comparator, GateSpec, Measurement, Severity } from "./gates/gate.ts";
export { evaluateGate, gateExpressionOf } from "./gates/gate.ts";
export type { GateExpression } from "./gates/gate-expression.ts";
export { parseGateExpression } from "./gates/gate-expression.ts";
export type { MetricSource, StatQuery } from "./gates/metric-source.ts";
export { asStatGate, isLatencyGate } from "./gates/stat-gate.ts";
export type { Verdict } from "./gates/verdict.ts";
export { exitCodeOf, scoreOf, verdictOf } from "./gates/verdict.ts";
export type { Attribution } from "./measure/attribution.ts";
export { attribute, attributionSection, JUDGEMENTS, recordAttribution } from "./measure/attribution.ts";
export type { LatencyRecorder, LatencySummary } from "./measure/latency-recorder.ts";
export { createLatencyRecorder } from "./measure/latency-recorder.ts";
export {
  operationRecords,
  recordReplayMeasurements,
  replayRecord,
  replaySection,
} from "./measure/replay-measurements.ts";
export { replayMetrics } from "./measure/replay-metrics.ts";
export type { TimeWindow } from "./measure/replay-stats.ts";
export type { LegacyPeers, LegacyPeersOptions, RouteCheckAnswer } from "./peers/legacy-peers.ts";
export { createLegacyPeers } from "./peers/legacy-peers.ts";
export { reconcileSourceOf } from "./reconcile/contract-source.ts";
export type {
  ReconcileOptions,
  ReconcileResult,
  ReconcileSource,
  RowDifference,
} from "./reconcile/reconciler.ts";
export { diffRows, reconcile } from "./reconcile/reconciler.ts";
export { createRowSource } from "./reconcile/row-source.ts";
export { createAbortMonitor } from "./replay/abort-monitor.ts";
export type { ArrivalProfile } from "./replay/arrival-schedule.ts";
export { captureSchedule, constantSchedule, profileSchedule } from "./replay/arrival-schedule.ts";
export type {
  CapacityCurve,
  CapacityOperation,
  CapacityOptions,
  CapacityPoint,
} from "./replay/capacity-search.ts";
export { CAPACITY_OPERATIONS, isCapacityOperation, searchCapacity } from "./replay/capacity-search.ts";
export type { IdentityRecovery } from "./replay/identity-recovery.ts";
export { withIdentityRecovery } from "./replay/identity-recovery.ts";
export type { LoadAdapter } from "./replay/load-adapter.ts";
export { createLoadAdapter } from "./replay/load-adapter.ts";
export type { LiveReplay, ReplayOptions, ReplayResult } from "./replay/open-model-replay.ts";
export { replayEvents } from "./replay/open-model-replay.ts";
export type { PlannedReplay, ReplaySettings } from "./replay/replay-plan.ts";
export {
  ArrivalProfileSchema,
  InjectRatesSchema,
  planReplay,
  REPLAY_OPTION_FIELDS,
} from "./replay/replay-plan.ts";
export type { RequiredRefusal } from "./replay/required-refusals.ts";
export { addRequiredRefusals, REQUIRED_REFUSALS } from "./replay/required-refusals.ts";
export { probeSaturation, stepsAround } from "./replay/saturation-probe.ts";
export type { Journal } from "./run/journal.ts";
export { createJournal } from "./run/journal.ts";
export type { Comparison, FieldMismatch } from "./shadow/compare-destination.ts";
export {
  COMPARED_STATE_FIELDS,
  compareSubscriber,
  compareWithDestination,
} from "./shadow/compare-destination.ts";
export type { ExpectedSubscriber, RuleResult, WorldView } from "./shadow/lifecycle-rules.ts";
export { applyRule, businessAtMs } from "./shadow/lifecycle-rules.ts";
export type { DeliveryAnswer, JudgedDelivery, Judgement } from "./shadow/shadow-model.ts";
export { buildShadowState, ShadowModel } from "./shadow/shadow-model.ts";
export type {
  BoundGate,
  PlannedSuite,
  Profile,
  ProfileSuite,
  ResolvedProfile,
  SuiteLookup,
  SuiteOverrides,
} from "./suite/profile.ts";
export { optionKeys, parseSuiteOptions, resolveProfile, suiteOfGate } from "./suite/profile.ts";
export type { RunInput } from "./suite/runner.ts";
export { planContextOf, planSuites, runSuites, unreachableTarget } from "./suite/runner.ts";
export type {
  PlanContext,
  Suite,
  SuiteContext,
  SuiteDefinition,
  SuiteJournal,
  SuiteMeasurement,
  SuiteOutcome,
  SuitePlan,
} from "./suite/suite.ts";
export { defineSuite, MeasurementSet } from "./suite/suite.ts";
export type { RunWorld, WorldSpec } from "./suite/world.ts";
export { createWorld } from "./suite/world.ts";
export type { OpenedTarget, TargetOptions } from "./targets/open-target.ts";
export { openTarget, REFERENCE_BSS_TOKEN, targetToken } from "./targets/open-target.ts";
export { HARNESS_VERSION } from "./version.ts";
