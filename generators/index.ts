/** Public API of the generators: seeded synthetic data and capture import. */
export type { BaseDistributions } from "./base-distributions.ts";
export { anchorDayWeights, DEFAULT_BASE_DISTRIBUTIONS } from "./base-distributions.ts";
export type { BaseGenerator, BaseOptions, BaseRecord } from "./base-generator.ts";
export {
  createBaseGenerator,
  generateBase,
  generateBaseRecords,
  generateSubscriber,
} from "./base-generator.ts";
export type { BaseSpec } from "./base-spec.ts";
export { baseOptionsFromSpec } from "./base-spec.ts";
export type { WriteBaseOptions, WriteBaseResult } from "./base-writer.ts";
export { sidecarFiles, writeBase } from "./base-writer.ts";
export type { CaptureKind, ImportResult } from "./capture-import.ts";
export { captureKind, importCaptures } from "./capture-import.ts";
export type { CapturedRequest, CaptureMapping, FieldSpec } from "./capture-mapping.ts";
export {
  CaptureMappingSchema,
  matchRule,
  parseCaptureMapping,
  readPath,
  resolveField,
} from "./capture-mapping.ts";
export { readCsv, readHar, readRequestLog } from "./capture-readers.ts";
export {
  csvField,
  csvLine,
  recordFromColumns,
  SUBSCRIBER_CSV_COLUMNS,
  splitCsvLine,
  subscriberCsv,
} from "./csv.ts";
export type { DefectKind, DefectRates, TruthRecord } from "./defects.ts";
export { DEFECT_KINDS, LEGACY_DEFECT_RATES, parseDefectRates } from "./defects.ts";
export type { Sink } from "./file-sink.ts";
export { checkOutputFile, createFileSink, writeFileAtomic } from "./file-sink.ts";
export { createPermutation, isLuhnValid, luhnCheckDigit, withLuhn } from "./identifiers.ts";
export type { FileKind, Summary } from "./inspect-summary.ts";
export { addToSummary, createSummary, finishSummary, renderSummary } from "./inspect-summary.ts";
export { epochMsFromIso, isoFromEpochMs } from "./iso-time.ts";
export type { LiTarget } from "./li-targets.ts";
export { toNdjson } from "./ndjson.ts";
export { readNdjsonRecords } from "./ndjson-reader.ts";
export type { Pseudonymizer } from "./pseudonymizer.ts";
export { createPseudonymizer, PSEUDONYM_KEY_ENV, pseudonymKeyFrom } from "./pseudonymizer.ts";
export { LineReader, SortedLineWriter } from "./sorted-line-writer.ts";
export type { JobBase, JobWrite, StreamJob } from "./stream-job.ts";
export { runStreamJob } from "./stream-job.ts";
export {
  generateSubscriberTraffic,
  generateTraffic,
  generateTrafficWithTruth,
  sortEvents,
  withPeakRate,
} from "./traffic.ts";
export type { TimedEvent, TrafficOptions } from "./traffic-generator.ts";
export { TrafficGenerator } from "./traffic-generator.ts";
export type { InjectSummary, IrregularityOptions } from "./traffic-irregularities.ts";
export {
  DEFAULT_IRREGULARITIES,
  injectIrregularities,
  parseIrregularities,
} from "./traffic-irregularities.ts";
export type { LineState, TrafficProfile } from "./traffic-profile.ts";
export { DEFAULT_TRAFFIC_PROFILE } from "./traffic-profile.ts";
export type { WriteTrafficOptions, WriteTrafficResult } from "./traffic-writer.ts";
export { EVENT_CSV_COLUMNS, writeTraffic } from "./traffic-writer.ts";
export type { UsageAnomalies } from "./usage-anomalies.ts";
export { DEFAULT_USAGE_ANOMALIES, parseUsageAnomalies } from "./usage-anomalies.ts";
export type { TimedCdr, UsageOptions } from "./usage-generator.ts";
export { USAGE_CLASSES, UsageGenerator } from "./usage-generator.ts";
export type { WriteUsageResult } from "./usage-writer.ts";
export { CDR_CSV_COLUMNS, writeUsage } from "./usage-writer.ts";
