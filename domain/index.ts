/** Public API of the domain: pure model, no I/O. */
export type { ActivityClass, ArpuBand, BaseStrata, BaseStratum } from "./base-strata.ts";
export {
  ACTIVITY_CLASSES,
  ARPU_BAND_LIMITS_MAJOR,
  ARPU_BANDS,
  activityOf,
  arpuBandOf,
  BaseStrataSchema,
  BaseStratumSchema,
  INACTIVE_AFTER_IDLE_DAYS,
  isTimeZone,
  stratumKey,
} from "./base-strata.ts";
export type { BillingPeriod } from "./billing-period.ts";
export {
  anchorDate,
  billingPeriodAt,
  nextPeriod,
  periodStartingIn,
  prorateRecurring,
} from "./billing-period.ts";
export type { Plan } from "./catalog.ts";
export { DEFAULT_CATALOG, findPlan, PlanSchema, parseCatalog } from "./catalog.ts";
export type { Cdr, CdrService, CloseCause } from "./cdr.ts";
export { CDR_SERVICES, CdrPartialSchema, CdrSchema, CLOSE_CAUSES } from "./cdr.ts";
export type { CountryMix } from "./countries.ts";
export {
  allCountryPlans,
  COUNTRY_PROFILES,
  countryProfile,
  MINOR_UNIT_PLANS,
  parseCountryMix,
  profileForMsisdn,
} from "./countries.ts";
export type { AddOn, CountryProfile, KycRule, NumberRange, PlanShare } from "./country-profile.ts";
export { mobileNsnAt, mobileNsnPosition, mobileRangeSize } from "./country-profile.ts";
export type { ErrorCode } from "./errors.ts";
export { fileProblem, inputError, outputError, TrancheError } from "./errors.ts";
export type { PaymentType } from "./fields.ts";
export {
  AnchorDaySchema,
  CurrencySchema,
  IccidSchema,
  ImeiSchema,
  ImsiSchema,
  InstantSchema,
  MsisdnSchema,
  PAYMENT_TYPES,
  PaymentTypeSchema,
  TimeZoneSchema,
} from "./fields.ts";
export {
  describeJsonError,
  lineAndColumn,
  parseJsonInput,
  parseJsonObjectLine,
  stripBom,
  stripLineEnd,
  textLines,
} from "./input-text.ts";
export type { Invoice, InvoiceLine } from "./invoice.ts";
export { INVOICE_LINE_KINDS, InvoiceLineSchema, InvoiceSchema, invoiceLinesTotal } from "./invoice.ts";
export type { CurrencyCode, Money, RoundingMode } from "./money.ts";
export {
  addMoney,
  CURRENCY_CODES,
  CURRENCY_EXPONENTS,
  divideRounded,
  formatMinor,
  money,
  prorate,
  ROUNDING_MODES,
} from "./money.ts";
export type {
  ActivationPayload,
  AddonPurchasePayload,
  EventType,
  KycUpdatePayload,
  PlanChangePayload,
  PortInPayload,
  PortOutPayload,
  ProvisioningEvent,
  SimSwapPayload,
  SuspensionPayload,
  TerminationPayload,
  TopUpPayload,
} from "./provisioning-event.ts";
export {
  ActivationPayloadSchema,
  AddonPurchasePayloadSchema,
  activationPayloadOf,
  EVENT_TYPES,
  KycUpdatePayloadSchema,
  PlanChangePayloadSchema,
  PortInPayloadSchema,
  PortOutPayloadSchema,
  ProvisioningEventSchema,
  ResumptionPayloadSchema,
  SimSwapPayloadSchema,
  SuspensionPayloadSchema,
  TerminationPayloadSchema,
  TopUpPayloadSchema,
} from "./provisioning-event.ts";
export type { RandomStream, Seed } from "./random.ts";
export { createStream, hashString, mix32, Random, toSeed } from "./random.ts";
export type {
  BucketRange,
  RangeChecksum,
  ReconciliationRow,
  RowHash,
} from "./reconciliation-row.ts";
export {
  BUCKET_SPACE,
  ChecksumAccumulator,
  canonicalRowText,
  hex64,
  keyBucket,
  RECONCILIATION_FIELDS,
  rangeProblem,
  rowDifferences,
  rowHash,
  sameRow,
  segmentChecksums,
  splitRange,
} from "./reconciliation-row.ts";
export type {
  CountryRegulationOverride,
  KycField,
  KycRegulation,
  PortingRule,
  RegulationOverrides,
  RegulatoryProfile,
  RetentionCategory,
  RetentionRecordKind,
  RetentionRule,
  SwitchingCodeRule,
} from "./regulation.ts";
export {
  CountryRegulationOverrideSchema,
  countryOfMsisdn,
  KYC_FIELD_NAMES,
  kycRuleOf,
  RegulationOverridesSchema,
  regulationFor,
  windowStart,
} from "./regulation.ts";
export {
  DE_HOLIDAYS,
  GB_HOLIDAYS,
  REGULATORY_PROFILES,
  RETENTION_CATEGORIES,
  RETENTION_CATEGORIES_SOURCE,
  US_HOLIDAYS,
} from "./regulation-data.ts";
export type { RunEvent, RunObserver } from "./run-event.ts";
export type {
  Certificate,
  ChecklistSection,
  Evidence,
  GateResult,
  GateStatus,
  LatencyPercentiles,
  MeasurementRecord,
  OperationRecord,
  ReplayRecord,
  ReplaySection,
  ReportSection,
  RunResult,
  Severity,
  SuiteResult,
  SuiteStatus,
  TableSection,
  TimeseriesSection,
  TimeWindow,
  Verdict,
} from "./run-result.ts";
export {
  CertificateSchema,
  GATE_STATUSES,
  measurementOf,
  REPORT_SECTION_KINDS,
  RUN_RESULT_SCHEMA_FILE,
  RUN_RESULT_SCHEMA_VERSION,
  RunResultSchema,
  SEVERITIES,
  SUITE_STATUSES,
  suiteOf,
  VERDICTS,
} from "./run-result.ts";
export type { Subscriber, SubscriberStatus } from "./subscriber.ts";
export { SUBSCRIBER_STATUSES, SubscriberSchema, UsageToDateSchema } from "./subscriber.ts";
export { describeIssue, parseNdjson, validate } from "./validation.ts";
export type { HolidayCalendar } from "./working-days.ts";
export { addWorkingDays, isWorkingDay, nextWorkingTime } from "./working-days.ts";
