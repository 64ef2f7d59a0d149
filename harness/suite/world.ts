/**
 * The run's shared world: the synthetic subscriber base, its lawful-intercept (LI) target list, the
 * provisioning traffic and the usage records, built once from the seed and shared by every suite
 * (DESIGN.md "the suite"). Each part is generated on first use, so a profile whose suites never
 * read usage never pays for it. Same seed and spec → the same world, whatever order suites read it.
 */
import type { Temporal } from "temporal-polyfill";
import {
  allCountryPlans,
  type Cdr,
  type EventType,
  type Plan,
  type ProvisioningEvent,
  parseCountryMix,
  type RegulationOverrides,
  type Subscriber,
} from "../../domain/index.ts";
import {
  generateBaseRecords,
  generateTraffic,
  type LiTarget,
  UsageGenerator,
} from "../../generators/index.ts";

/** What the world is made of, as plain data (profiles and config carry it). */
export interface WorldSpec {
  readonly subscribers: number;
  /** Simulated traffic and usage window in seconds, from the reference date. */
  readonly windowSec: number;
  /** Country mix as `GB:0.6,DE:0.4`; GB only when absent. */
  readonly countries?: string;
  /** Event types of the generated traffic (activation is always included); all types when absent. */
  readonly eventTypes?: readonly EventType[];
  /** The operator's plan catalog; every country profile's plans when absent. */
  readonly catalog?: readonly Plan[];
  /** Overrides of the regulatory data (config `regulation`), by country; the built-in data when absent. */
  readonly regulation?: RegulationOverrides;
}

export interface RunWorld {
  readonly seed: number;
  readonly refDate: Temporal.Instant;
  readonly spec: WorldSpec;
  /** True when the traffic was given (a capture or a file) instead of generated. */
  readonly trafficGiven: boolean;
  /** The subscriber base, subscriber 0 first. */
  base(): readonly Subscriber[];
  /** The LI targets among the base (a separate list: never on the subscriber records). */
  liTargets(): readonly LiTarget[];
  /** Provisioning traffic in delivery order: the given traffic as it is, else generated from the base. */
  traffic(): readonly ProvisioningEvent[];
  /** Well-formed usage records (CDRs) of the base over the window, in delivery order. */
  usage(): readonly Cdr[];
  /** The plan catalog the destination and the shadow model share. */
  catalog(): readonly Plan[];
}

export interface WorldInput {
  readonly seed: number;
  readonly refDate: Temporal.Instant;
  readonly spec: WorldSpec;
  readonly traffic?: readonly ProvisioningEvent[];
}

/** A lazily built world for one run. */
export function createWorld(input: WorldInput): RunWorld {
  const { seed, refDate, spec } = input;
  let records: { base: Subscriber[]; li: LiTarget[] } | undefined;
  let traffic: readonly ProvisioningEvent[] | undefined = input.traffic;
  let usage: Cdr[] | undefined;
  const build = () => {
    if (records) return records;
    const countries = spec.countries ? parseCountryMix(spec.countries) : undefined;
    const base: Subscriber[] = [];
    const li: LiTarget[] = [];
    for (const record of generateBaseRecords({
      seed,
      refDate,
      count: spec.subscribers,
      ...(countries ? { countries } : {}),
      ...(spec.catalog ? { catalog: spec.catalog } : {}),
    })) {
      base.push(record.subscriber);
      if (record.liTarget) li.push(record.liTarget);
    }
    records = { base, li };
    return records;
  };
  return {
    seed,
    refDate,
    spec,
    trafficGiven: input.traffic !== undefined,
    base: () => build().base,
    catalog: () => spec.catalog ?? allCountryPlans(),
    liTargets: () => build().li,
    traffic() {
      traffic ??= generateTraffic(
        {
          seed,
          from: refDate,
          durationSec: spec.windowSec,
          ...(spec.eventTypes ? { types: spec.eventTypes } : {}),
          ...(spec.catalog ? { catalog: spec.catalog } : {}),
        },
        build().base,
      );
      return traffic;
    },
    usage() {
      if (usage) return usage;
      const generator = new UsageGenerator({ seed, from: refDate, durationSec: spec.windowSec });
      const timed = build().base.flatMap((subscriber, index) => generator.records(subscriber, index).records);
      timed.sort((a, b) => a.ms - b.ms || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      usage = timed.map((t) => t.record as Cdr);
      return usage;
    },
  };
}
