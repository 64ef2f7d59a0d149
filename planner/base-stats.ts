/**
 * The base as the planner sees it: the planning strata of `tranche inspect --json` (counts per
 * segment × activity × ARPU band × anchor day × time zone × country, with summed ARPU), validated.
 */
import { z } from "zod";
import {
  type BaseStrata,
  BaseStrataSchema,
  type BaseStratum,
  inputError,
  TrancheError,
  validate,
} from "../domain/index.ts";

const SummarySchema = z.object({
  kind: z.string(),
  records: z.number().int().nonnegative(),
  strata: BaseStrataSchema.optional(),
});

export interface BaseStats {
  /** Where the statistics came from (a file name), for reports. */
  readonly source: string;
  readonly subscribers: number;
  readonly refDate: string;
  readonly rows: readonly BaseStratum[];
  /** Records of the base that are in no stratum (invalid anchor day, zone, currency or ARPU). */
  readonly skipped: number;
  readonly currencies: readonly string[];
}

/** Base statistics from the strata alone. */
export function baseStatsFromStrata(strata: BaseStrata, source: string): BaseStats {
  const subscribers = strata.rows.reduce((sum, row) => sum + row.count, 0);
  if (subscribers === 0) throw inputError(source, undefined, "the base has no subscribers to plan.");
  return {
    source,
    subscribers,
    refDate: strata.refDate,
    rows: strata.rows,
    skipped: strata.skipped,
    currencies: [...new Set(strata.rows.map((r) => r.currency))].sort(),
  };
}

/** Reads a `tranche inspect --json` summary of a base; errors name `source` and the field. */
export function readBaseStats(value: unknown, source: string): BaseStats {
  const summary = validate(SummarySchema, value, source);
  if (summary.kind !== "base") {
    throw inputError(
      source,
      undefined,
      `"kind": this is the summary of a ${summary.kind} file, not of a subscriber base.`,
      "Give the base file itself or `tranche inspect --json <base file>`.",
    );
  }
  if (!summary.strata) {
    throw new TrancheError(
      "E_INPUT",
      `could not read ${source}: "strata": missing (a summary from an older tranche).`,
      "Run `tranche inspect --json <base file>` again, or give the base file itself.",
    );
  }
  return baseStatsFromStrata(summary.strata, source);
}
