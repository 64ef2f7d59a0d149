/**
 * A base's settings as plain data: what a worker thread, a config file or a log line can carry.
 * `baseOptionsFromSpec` turns it into the generator's options (profiles, Temporal instant).
 */
import { Temporal } from "temporal-polyfill";
import { countryProfile, type Plan } from "../domain/index.ts";
import type { BaseDistributions } from "./base-distributions.ts";
import type { BaseOptions } from "./base-generator.ts";
import type { DefectRates } from "./defects.ts";

export interface BaseSpec {
  readonly seed: number;
  /** ISO instant. */
  readonly refDate: string;
  readonly count: number;
  /** Country codes with shares, e.g. [["GB", 0.6], ["DE", 0.4]]; default GB. */
  readonly countries?: ReadonlyArray<readonly [string, number]>;
  readonly defects?: DefectRates;
  readonly catalog?: readonly Plan[];
  readonly distributions?: BaseDistributions;
}

/** The generator options a spec describes. */
export function baseOptionsFromSpec(spec: BaseSpec): BaseOptions {
  return {
    seed: spec.seed,
    refDate: Temporal.Instant.from(spec.refDate),
    count: spec.count,
    ...(spec.countries ? { countries: spec.countries.map(([c, w]) => [countryProfile(c), w] as const) } : {}),
    ...(spec.defects ? { defects: spec.defects } : {}),
    ...(spec.catalog ? { catalog: spec.catalog } : {}),
    ...(spec.distributions ? { distributions: spec.distributions } : {}),
  };
}
