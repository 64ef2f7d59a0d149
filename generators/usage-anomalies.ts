/**
 * Anomalies of real CDR feeds, injected on purpose and recorded in the truth file: retransmitted
 * duplicates (same record id), zero-duration calls, malformed records (which mediation must reject
 * with a reason), sequence gaps (a lost record: its local sequence number is missing) and late
 * records (delivered hours after they closed).
 */
import { type Cdr, createStream, type Seed } from "../domain/index.ts";
import type { TruthRecord } from "./defects.ts";
import { HOUR_MS } from "./iso-time.ts";
import { parseRateSpec } from "./rate-spec.ts";
import type { TimedCdr } from "./usage-generator.ts";

export interface UsageAnomalies {
  readonly duplicateRate?: number;
  readonly zeroDurationRate?: number;
  readonly malformedRate?: number;
  readonly gapRate?: number;
  readonly lateRate?: number;
}

/** Typical rates (`--anomalies default`), order of magnitude from mediation reject reports. */
export const DEFAULT_USAGE_ANOMALIES: UsageAnomalies = {
  duplicateRate: 0.002,
  zeroDurationRate: 0.003,
  malformedRate: 0.001,
  gapRate: 0.001,
  lateRate: 0.005,
};

/** Ways a record can be malformed; each breaks CdrSchema. */
const MALFORMATIONS: ReadonlyArray<readonly [string, (r: Record<string, unknown>) => void]> = [
  ["msisdn", (r) => delete r.msisdn],
  ["start", (r) => (r.start = String(r.start).replace("T", " ").replace("Z", ""))],
  ["downlinkBytes", (r) => (r.downlinkBytes = -1)],
  ["service", (r) => (r.service = "vioce")],
  ["imsi", (r) => (r.imsi = String(r.imsi).slice(0, 12))],
];

/** Applies anomalies to one line's records (in close-time order). */
export function injectUsageAnomalies(
  seed: Seed,
  rates: UsageAnomalies,
  index: number,
  records: readonly TimedCdr[],
): { records: TimedCdr[]; truth: TruthRecord[] } {
  const rng = createStream(seed, "usage-anomaly").record(index);
  const out: TimedCdr[] = [];
  const truth: TruthRecord[] = [];
  const mark = (id: string, kind: string, detail?: string) =>
    truth.push(
      detail
        ? { stream: "usage", record: index, id, kind, detail }
        : { stream: "usage", record: index, id, kind },
    );
  for (const timed of records) {
    const cdr = timed.record as Cdr;
    if (rng.next() < (rates.gapRate ?? 0)) {
      mark(
        cdr.recordId,
        "sequence_gap",
        `localSequence ${cdr.localSequence} of ${cdr.imsi} on ${cdr.recordingNode} never delivered`,
      );
      continue;
    }
    let record: Cdr | Record<string, unknown> = cdr;
    let ms = timed.ms;
    if (cdr.service === "voice" && rng.next() < (rates.zeroDurationRate ?? 0)) {
      record = { ...cdr, durationSec: 0 };
      mark(cdr.recordId, "zero_duration");
    }
    if (rng.next() < (rates.malformedRate ?? 0)) {
      const [field, breakIt] = rng.pick(MALFORMATIONS);
      const broken: Record<string, unknown> = { ...record };
      breakIt(broken);
      record = broken;
      mark(cdr.recordId, "malformed", field);
    }
    if (rng.next() < (rates.lateRate ?? 0)) {
      ms += rng.int(6 * HOUR_MS, 48 * HOUR_MS);
      mark(cdr.recordId, "late", "delivered 6–48 h after it closed");
    }
    out.push({ ms, id: cdr.recordId, record });
    if (rng.next() < (rates.duplicateRate ?? 0)) {
      const copy = `${cdr.recordId}~dup`;
      out.push({ ms: ms + rng.int(1000, 600_000), id: copy, record });
      mark(cdr.recordId, "duplicate", "retransmitted with the same recordId");
    }
  }
  return { records: out, truth };
}

const KEYS: Readonly<Record<string, keyof UsageAnomalies>> = {
  duplicate: "duplicateRate",
  "zero-duration": "zeroDurationRate",
  malformed: "malformedRate",
  gap: "gapRate",
  late: "lateRate",
};

/** Parses `none`, `default` or `duplicate=0.01,zero-duration=0.01,malformed=0.001,gap=0.001,late=0.01`. */
export function parseUsageAnomalies(spec: string): UsageAnomalies | undefined {
  return parseRateSpec<UsageAnomalies>(spec, {
    what: "usage anomaly",
    keys: KEYS,
    presets: { default: DEFAULT_USAGE_ANOMALIES },
    isRate: () => true,
  });
}
