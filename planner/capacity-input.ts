/**
 * The destination's measured capacity, from the JSON `tranche capacity --out FILE` writes (the knee
 * per operation: the highest stepped rate that met every SLO gate) or from a run result
 * (report.json: the rate its replay achieved, a floor for every operation together).
 */
import { z } from "zod";
import { inputError, measurementOf, RunResultSchema, validate } from "../domain/index.ts";

const CapacityFileSchema = z.object({
  seed: z.number().int(),
  refDate: z.string(),
  profile: z.string(),
  target: z.string(),
  curves: z.array(
    z.object({
      operation: z.string().min(1),
      kneeRatePerSec: z.number().positive().nullable(),
      points: z.array(z.object({ ratePerSec: z.number() }).loose()),
    }),
  ),
});

/** One capacity figure: events/s of one operation ("*": every operation together). */
export interface CapacityLimit {
  readonly operation: string;
  readonly kneeRatePerSec: number;
  readonly basis: string;
}

export interface Capacity {
  readonly source: string;
  readonly target: string;
  readonly limits: readonly CapacityLimit[];
  /** What could not be used, and caveats of the figures. */
  readonly notes: readonly string[];
}

/** The operation name that stands for all operations together. */
export const ALL_OPERATIONS = "*";

const ACHIEVED_RATE = "achieved_rate_per_s";

/** Reads a capacity file or a run result; errors name `source` and the field. */
export function readCapacity(value: unknown, source: string): Capacity {
  if (value && typeof value === "object" && "schemaVersion" in value) return fromRunResult(value, source);
  const file = validate(CapacityFileSchema, value, source);
  const limits: CapacityLimit[] = [];
  const notes: string[] = [];
  for (const curve of file.curves) {
    if (curve.kneeRatePerSec === null) {
      const lowest = Math.min(...curve.points.map((p) => p.ratePerSec));
      notes.push(
        `${curve.operation}: no knee (the first step${Number.isFinite(lowest) ? `, ${lowest}/s,` : ""} already failed its SLO gates), so its load is not compared.`,
      );
      continue;
    }
    limits.push({
      operation: curve.operation,
      kneeRatePerSec: curve.kneeRatePerSec,
      basis: `knee of tranche capacity (profile ${file.profile}, seed ${file.seed})`,
    });
  }
  return { source, target: file.target, limits, notes };
}

function fromRunResult(value: unknown, source: string): Capacity {
  const result = validate(RunResultSchema, value, source);
  const preferred = measurementOf(result, `provisioning.replay.${ACHIEVED_RATE}`);
  const measurement =
    preferred ??
    result.suites.flatMap((s) => s.measurements).find((m) => m.name.endsWith(`.${ACHIEVED_RATE}`));
  if (!measurement || measurement.value <= 0) {
    throw inputError(
      source,
      undefined,
      `no "*.${ACHIEVED_RATE}" measurement in this run result, so it says nothing about capacity.`,
      "Give the JSON of `tranche capacity --out FILE`, or a run with a replaying suite.",
    );
  }
  const notes = [
    `From a run result: ${measurement.name} = ${measurement.value}/s is the rate the replay sustained, a floor of the capacity for all operations together, not a knee.`,
  ];
  if (result.verdict !== "READY") {
    notes.push(
      `The run's verdict was ${result.verdict}: the rate may be above what the destination sustains within its SLOs.`,
    );
  }
  return {
    source,
    target: result.target.description,
    limits: [
      {
        operation: ALL_OPERATIONS,
        kneeRatePerSec: measurement.value,
        basis: `${measurement.name} of run ${result.runId}`,
      },
    ],
    notes,
  };
}
