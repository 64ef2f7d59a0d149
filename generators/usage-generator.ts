/**
 * Seeded usage (CDRs) over a window. Line i's records are a pure function of (seed, "usage", i)
 * and its base record: an activity class sets how many calls, SMS and data sessions it makes; times
 * follow the diurnal/weekly curve; long calls and sessions are cut into partial records. Anomalies
 * (retransmissions, zero-duration calls, malformed records, sequence gaps, late records) are added
 * only when configured, and every one is recorded in the truth file.
 */
import type { Temporal } from "temporal-polyfill";
import { type Cdr, createStream, type Subscriber, toSeed } from "../domain/index.ts";
import { CountryContexts } from "./country-context.ts";
import type { TruthRecord } from "./defects.ts";
import { padDigits } from "./identifiers.ts";
import { isoFromEpochMs } from "./iso-time.ts";
import { poisson } from "./poisson.ts";
import { TrafficIntensity } from "./traffic-intensity.ts";
import { DEFAULT_TRAFFIC_PROFILE } from "./traffic-profile.ts";
import { injectUsageAnomalies, type UsageAnomalies } from "./usage-anomalies.ts";
import { WeightedTable } from "./weighted-table.ts";

export interface UsageOptions {
  readonly seed: number;
  readonly from: Temporal.Instant;
  readonly durationSec: number;
  /** Anomalies per record; all off unless configured. */
  readonly anomalies?: UsageAnomalies;
}

/** A record (or a deliberately malformed one) with its delivery instant, the file's sort key. */
export interface TimedCdr {
  readonly ms: number;
  readonly id: string;
  readonly record: Cdr | Record<string, unknown>;
}

/** Mean daily calls, SMS and data sessions per activity class (versioned data, notes below). */
export const USAGE_CLASSES = {
  version: "usage-2026.1",
  classes: {
    light: { voice: 1.2, sms: 0.8, data: 3 },
    medium: { voice: 3.5, sms: 2, data: 8 },
    heavy: { voice: 8, sms: 5, data: 20 },
  },
  classMix: {
    prepaid: [
      ["light", 0.5],
      ["medium", 0.35],
      ["heavy", 0.15],
    ],
    postpaid: [
      ["light", 0.25],
      ["medium", 0.45],
      ["heavy", 0.3],
    ],
  },
  voiceMedianSec: 95,
  dataSessionMedianSec: 1200,
  dataMedianBytes: 40 * 2 ** 20,
  /** A partial record is cut every hour of a session (PGW/MSC time limit). */
  partialEverySec: 3600,
  roamingShare: 0.03,
  roamingMccs: ["208", "214", "222", "262", "234", "310", "204", "505"],
  notes: [
    "Daily volumes: Ofcom / Bundesnetzagentur averages of ~4 calls and ~1–3 SMS a day, smartphone data sessions every hour or two; split into light/medium/heavy users.",
    "Durations: median mobile call ~1.5 min with a log-normal tail; data sessions tens of minutes.",
    "Partials: recording nodes close a partial record every hour of a long session (time limit).",
  ],
} as const;

type UsageClass = keyof typeof USAGE_CLASSES.classes;

/** A prepared usage generator; `records(subscriber, i)` per line in any order. */
export class UsageGenerator {
  private readonly options: UsageOptions;
  private readonly seed;
  private readonly stream;
  private readonly intensity: TrafficIntensity;
  private readonly fromMs: number;
  private readonly contexts: CountryContexts;
  private readonly classTables = {
    prepaid: new WeightedTable<UsageClass>(USAGE_CLASSES.classMix.prepaid),
    postpaid: new WeightedTable<UsageClass>(USAGE_CLASSES.classMix.postpaid),
  };

  constructor(options: UsageOptions) {
    this.options = options;
    this.seed = toSeed(options.seed);
    this.stream = createStream(this.seed, "usage");
    this.fromMs = options.from.epochMilliseconds;
    this.contexts = new CountryContexts(this.seed.value, options.from);
    this.intensity = new TrafficIntensity(
      this.seed,
      this.fromMs,
      options.durationSec * 1000,
      DEFAULT_TRAFFIC_PROFILE,
      0,
    );
  }

  /** The CDRs of line `index` with the truth lines of their anomalies. */
  records(subscriber: Subscriber, index: number): { records: TimedCdr[]; truth: TruthRecord[] } {
    if (subscriber.status !== "active") return { records: [], truth: [] };
    const rng = this.stream.record(index);
    const ctx = this.contexts.of(subscriber);
    const profile = ctx.profile;
    const curve = this.intensity.zone(subscriber.billing.timezone);
    const days = this.options.durationSec / 86_400;
    const rates = USAGE_CLASSES.classes[this.classTables[subscriber.paymentType].pick(rng)];
    const out: TimedCdr[] = [];
    const local = { voice: 0, sms: 0, data: 0 };
    let session = 0;
    const emit = (
      service: Cdr["service"],
      startMs: number,
      durationSec: number,
      volume: readonly [number, number],
      called: string | null,
    ) => {
      const chargingId = `${padDigits(index, 8)}${padDigits(session++, 4)}`;
      const roaming = rng.next() < USAGE_CLASSES.roamingShare ? rng.pick(USAGE_CLASSES.roamingMccs) : null;
      const cell = `${roaming ?? profile.host.mcc}-${roaming ? "01" : profile.host.mnc}-${padDigits(rng.int(1, 65_000), 5)}-${padDigits(rng.int(1, 255), 3)}`;
      const node = `${service === "voice" ? "msc" : service === "sms" ? "smsc" : "pgw"}-${profile.code.toLowerCase()}-${1 + (index % 4)}`;
      const parts = Math.max(1, Math.ceil(durationSec / USAGE_CLASSES.partialEverySec));
      for (let p = 0; p < parts; p++) {
        const partStart = startMs + p * USAGE_CLASSES.partialEverySec * 1000;
        const partSec =
          p === parts - 1 ? durationSec - p * USAGE_CLASSES.partialEverySec : USAGE_CLASSES.partialEverySec;
        const share = durationSec > 0 ? partSec / durationSec : 1;
        const record: Cdr = {
          recordId: `cdr-${chargingId}-${p + 1}`,
          service,
          msisdn: subscriber.msisdn,
          imsi: subscriber.imsi,
          imei: subscriber.imei,
          calledNumber: called,
          start: isoFromEpochMs(partStart),
          durationSec: partSec,
          uplinkBytes: Math.round(volume[0] * share),
          downlinkBytes: Math.round(volume[1] * share),
          chargingId,
          partial: { sequence: p + 1, final: p === parts - 1 },
          localSequence: local[service]++,
          recordingNode: node,
          closeCause: p === parts - 1 ? "normal" : "partial_time_limit",
          cell,
          roamingMcc: roaming,
        };
        out.push({ ms: partStart + partSec * 1000, id: record.recordId, record });
      }
    };
    const windowMs = this.intensity.windowMs;
    const at = () => this.intensity.offsetAt(curve, rng.next());
    for (let k = poisson(rng, rates.voice * days); k > 0; k--) {
      const start = this.fromMs + at();
      const sec = Math.min(4 * 3600, Math.max(1, Math.round(rng.logNormal(USAGE_CLASSES.voiceMedianSec, 1))));
      emit("voice", start, sec, [0, 0], ctx.msisdn(rng.int(0, ctx.msisdnRange - 1)));
    }
    for (let k = poisson(rng, rates.sms * days); k > 0; k--) {
      emit("sms", this.fromMs + at(), 0, [0, 0], ctx.msisdn(rng.int(0, ctx.msisdnRange - 1)));
    }
    for (let k = poisson(rng, rates.data * days); k > 0; k--) {
      const start = this.fromMs + at();
      const sec = Math.min(
        24 * 3600,
        Math.max(1, Math.round(rng.logNormal(USAGE_CLASSES.dataSessionMedianSec, 1.1))),
      );
      const down = Math.round(rng.logNormal(USAGE_CLASSES.dataMedianBytes, 1.3));
      emit(
        "data",
        start,
        Math.min(sec, Math.max(1, Math.floor((windowMs - (start - this.fromMs)) / 1000))),
        [Math.round(down * 0.08), down],
        null,
      );
    }
    out.sort((a, b) => a.ms - b.ms || (a.id < b.id ? -1 : 1));
    if (!this.options.anomalies) return { records: out, truth: [] };
    return injectUsageAnomalies(this.seed, this.options.anomalies, index, out);
  }
}
