/**
 * The canonical run result: every reporter, the planner and `report diff` read this and nothing
 * else. It is a zod schema so a report.json read back (diff, verify) is validated, and so its JSON
 * Schema can be published from the same source. Versioned: a change that removes or retypes a
 * field bumps RUN_RESULT_SCHEMA_VERSION.
 *
 * A run is suites (each a named check of one area, e.g. `billing.split-period`) that record
 * measurements under their own id (`billing.split-period.mismatch_minor`), and gates (thresholds
 * over those measurements, each naming the defect that proves it can fail). Suites also carry typed
 * report sections — tables, time series, checklists, replays — that reporters render generically,
 * so a new suite needs no reporter change.
 */
import { z } from "zod";

export const RUN_RESULT_SCHEMA_VERSION = 3;

/** What a report.json's `$schema` names: the JSON Schema written beside it (reports/run-result.schema.json). */
export const RUN_RESULT_SCHEMA_FILE = "run-result.schema.json";

export const SEVERITIES = ["blocker", "major", "minor"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const VERDICTS = ["READY", "READY WITH FINDINGS", "NOT READY", "INCOMPLETE"] as const;
export type Verdict = (typeof VERDICTS)[number];

/**
 * passed / failed: evaluated. skipped: the suite it reads did not run, so it says nothing either
 * way (a required suite that did not run makes the run INCOMPLETE). indeterminate: measured, but
 * not a finding either way — a latency measured while the harness itself was late measures the
 * harness (the run is INCOMPLETE unless a blocker failed).
 */
export const GATE_STATUSES = ["passed", "failed", "skipped", "indeterminate"] as const;
export type GateStatus = (typeof GATE_STATUSES)[number];

/** complete: ran to the end. incomplete: started, stopped early. not-run: never started (why in `reason`). */
export const SUITE_STATUSES = ["complete", "incomplete", "not-run"] as const;
export type SuiteStatus = (typeof SUITE_STATUSES)[number];

export const EvidenceSchema = z.object({
  summary: z.string(),
  items: z.array(z.unknown()).optional(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

export const MeasurementRecordSchema = z.object({
  /** Full name, prefixed by the suite id: `provisioning.replay.state_mismatches`. */
  name: z.string(),
  value: z.number(),
  unit: z.string(),
  evidence: EvidenceSchema.optional(),
});
export type MeasurementRecord = z.infer<typeof MeasurementRecordSchema>;

const percentiles = z.object({
  p50: z.number(),
  p90: z.number(),
  p95: z.number(),
  p99: z.number(),
  p999: z.number(),
  max: z.number(),
  mean: z.number(),
});
export type LatencyPercentiles = z.infer<typeof percentiles>;

export const OperationRecordSchema = z.object({
  operation: z.string(),
  sent: z.number().int(),
  ok: z.number().int(),
  failures: z.record(z.string(), z.number().int()),
  examples: z.array(z.object({ eventId: z.string(), kind: z.string(), message: z.string() })),
  /** From the intended send time (what a subscriber would have felt). */
  latencyMs: percentiles,
  /** From the actual send (what the destination spent). */
  serviceTimeMs: percentiles,
  /** Sends that left later than the late threshold behind their ready time. */
  late: z.number().int().optional(),
});
export type OperationRecord = z.infer<typeof OperationRecordSchema>;

/** One time-series point of a replay: one window of one operation ("*" for all). */
export const TimeWindowSchema = z.object({
  /** Window start, seconds from the start of the replay. */
  startSec: z.number(),
  operation: z.string(),
  completed: z.number().int(),
  failed: z.number().int(),
  throughputPerSec: z.number(),
  p50Ms: z.number(),
  p95Ms: z.number(),
  p99Ms: z.number(),
  maxMs: z.number(),
});
export type TimeWindow = z.infer<typeof TimeWindowSchema>;

/** How faithfully a replay kept its schedule, and its time series. */
export const ReplayRecordSchema = z.object({
  total: z.number().int(),
  sent: z.number().int(),
  /** Events never sent (the run stopped first). */
  unsent: z.number().int(),
  /** Requests cut off by the harness's own stop (Ctrl-C): neither answered nor counted as failures. */
  interrupted: z.number().int(),
  /** Events sent later than `lateThresholdMs` behind their ready time. */
  late: z.number().int(),
  lateThresholdMs: z.number(),
  scheduleLagMs: z.object({ p50: z.number(), p99: z.number(), max: z.number() }),
  /** Extra waits caused by per-subscriber ordering. */
  orderingWaitMs: z.object({ count: z.number(), p50: z.number(), p99: z.number(), max: z.number() }),
  achievedRatePerSec: z.number(),
  /**
   * The arrival schedule's intended rate (events/s): the planned events over the schedule's span;
   * null when the schedule has no span (fewer than two events, or all due at once).
   */
  targetRatePerSec: z.number().nullable(),
  /** Intended arrivals per time-series window as a rate (events/s), windows as in `timeSeries`. */
  targetTimeSeries: z.array(z.object({ startSec: z.number(), ratePerSec: z.number() })),
  /** Why the replay stopped early, or null. */
  abortReason: z.string().nullable(),
  timeSeries: z.array(TimeWindowSchema),
});
export type ReplayRecord = z.infer<typeof ReplayRecordSchema>;

const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** Rows under named columns: billing discrepancies, migration status, drift per window… */
export const TableSectionSchema = z.object({
  kind: z.literal("table"),
  id: z.string(),
  title: z.string(),
  description: z.string().optional(),
  columns: z.array(z.object({ key: z.string(), label: z.string(), unit: z.string().optional() })),
  rows: z.array(z.record(z.string(), cell)),
  /** Rows before the table was cut to a readable length (rows.length when nothing was cut). */
  totalRows: z.number().int(),
});

/** Values over a common x axis (seconds from the start, or simulated hours). */
export const TimeseriesSectionSchema = z.object({
  kind: z.literal("timeseries"),
  id: z.string(),
  title: z.string(),
  description: z.string().optional(),
  xLabel: z.string(),
  x: z.array(z.number()),
  series: z.array(z.object({ name: z.string(), unit: z.string(), values: z.array(z.number().nullable()) })),
});

/** Requirements with their source and result (the compliance checklist). */
export const ChecklistSectionSchema = z.object({
  kind: z.literal("checklist"),
  id: z.string(),
  title: z.string(),
  description: z.string().optional(),
  items: z.array(
    z.object({
      requirement: z.string(),
      source: z.string(),
      result: z.enum(["pass", "fail", "not-checked"]),
      evidence: z.string(),
    }),
  ),
});

/** A replay: per-operation latency and failures, schedule fidelity, time series. */
export const ReplaySectionSchema = z.object({
  kind: z.literal("replay"),
  id: z.string(),
  title: z.string(),
  description: z.string().optional(),
  operations: z.array(OperationRecordSchema),
  replay: ReplayRecordSchema,
});

export const ReportSectionSchema = z.discriminatedUnion("kind", [
  TableSectionSchema,
  TimeseriesSectionSchema,
  ChecklistSectionSchema,
  ReplaySectionSchema,
]);
export type ReportSection = z.infer<typeof ReportSectionSchema>;
export type TableSection = z.infer<typeof TableSectionSchema>;
export type TimeseriesSection = z.infer<typeof TimeseriesSectionSchema>;
export type ChecklistSection = z.infer<typeof ChecklistSectionSchema>;
export type ReplaySection = z.infer<typeof ReplaySectionSchema>;
export const REPORT_SECTION_KINDS = ["table", "timeseries", "checklist", "replay"] as const;

export const SuiteResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  /** False when the profile marks the suite optional: not running it does not make the run incomplete. */
  required: z.boolean(),
  status: z.enum(SUITE_STATUSES),
  /** Why the suite did not run or did not complete; null when it completed. */
  reason: z.string().nullable(),
  /** Capabilities the suite needs of the target. */
  requires: z.array(z.string()),
  measurements: z.array(MeasurementRecordSchema),
  notes: z.array(z.string()),
  sections: z.array(ReportSectionSchema),
});
export type SuiteResult = z.infer<typeof SuiteResultSchema>;

export const GateResultSchema = z.object({
  id: z.string(),
  description: z.string(),
  /** The suite whose measurement or statistics the gate reads. */
  suite: z.string(),
  measurement: z.string(),
  expression: z.string(),
  value: z.number().nullable(),
  threshold: z.number(),
  unit: z.string(),
  severity: z.enum(SEVERITIES),
  weight: z.number(),
  status: z.enum(GATE_STATUSES),
  /** Defect profiles of the reference destination shown to make this gate fail. */
  provenBy: z.array(z.string()),
  evidence: EvidenceSchema,
});
export type GateResult = z.infer<typeof GateResultSchema>;

/**
 * A certification's seal (`tranche certify`): a SHA-256 over the canonical JSON of the whole report
 * (keys sorted, no whitespace) with only `certificate.fingerprint` left out. See docs/reports.md.
 */
export const CertificateSchema = z.object({
  algorithm: z.literal("sha256"),
  /** How the report is turned into the bytes that are hashed. */
  canonicalization: z.literal("json-sorted-keys-v1"),
  /** What the fingerprint covers, in words, for a reader of the report. */
  covers: z.string(),
  /** Lower-case hex SHA-256. */
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
});
export type Certificate = z.infer<typeof CertificateSchema>;

export const RunResultSchema = z.object({
  /** The JSON Schema of this document (a file name, resolved beside report.json). */
  $schema: z.string().optional(),
  schemaVersion: z.literal(RUN_RESULT_SCHEMA_VERSION),
  runId: z.string(),
  harnessVersion: z.string(),
  seed: z.number().int(),
  refDate: z.string(),
  configFingerprint: z.string(),
  profile: z.string(),
  target: z.object({
    kind: z.string(),
    description: z.string(),
    defects: z.array(z.string()),
    /** What the target offered (capability names). */
    capabilities: z.array(z.string()),
  }),
  startedAt: z.string(),
  finishedAt: z.string(),
  complete: z.boolean(),
  incompleteReason: z.string().nullable(),
  suites: z.array(SuiteResultSchema),
  gates: z.array(GateResultSchema),
  verdict: z.enum(VERDICTS),
  score: z.number(),
  /** Present on a certified run (`tranche certify`). */
  certificate: CertificateSchema.optional(),
});
export type RunResult = z.infer<typeof RunResultSchema>;

/** The suite with this id, or undefined. */
export function suiteOf(result: RunResult, id: string): SuiteResult | undefined {
  return result.suites.find((s) => s.id === id);
}

/** A measurement by full name across the suites of a result, or undefined. */
export function measurementOf(result: RunResult, name: string): MeasurementRecord | undefined {
  for (const suite of result.suites) {
    const found = suite.measurements.find((m) => m.name === name);
    if (found) return found;
  }
  return undefined;
}
