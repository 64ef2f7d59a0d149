/**
 * The outcomes of every Monte Carlo run of one policy, as flat typed arrays: per run, and per
 * cohort × run (index `cohort * runs + run`). Runs write into it; the summary reads percentiles
 * out of it. Nothing per subscriber is ever kept.
 */
export class RunRecorder {
  readonly runs: number;
  readonly cohorts: number;
  readonly endDay: Float64Array;
  readonly splits: Float64Array;
  readonly dualWriteDays: Float64Array;
  readonly rollbacks: Float64Array;
  readonly incidents: Float64Array;
  readonly affected: Float64Array;
  readonly peakUtilizationPct: Float64Array;
  readonly daysOverCapacity: Float64Array;
  /** Peak load per channel × run, events/s. */
  readonly peakLoad: Float64Array;
  /** Per run: peak-hour utilization of the destination per day, % of the knee. */
  readonly daily: Float32Array[];
  readonly cohortStart: Float64Array;
  readonly cohortCutover: Float64Array;
  readonly cohortEnd: Float64Array;
  readonly cohortSplits: Float64Array;
  /** DEFECT_OUTCOMES per cohort × run. */
  readonly cohortOutcome: Uint8Array;
  /** Days a defect lived on the destination before it was caught (NaN: no defect). */
  readonly cohortExposedDays: Float64Array;
  readonly cohortAffected: Float64Array;

  constructor(runs: number, cohorts: number, channels: number) {
    this.runs = runs;
    this.cohorts = cohorts;
    this.endDay = new Float64Array(runs);
    this.splits = new Float64Array(runs);
    this.dualWriteDays = new Float64Array(runs);
    this.rollbacks = new Float64Array(runs);
    this.incidents = new Float64Array(runs);
    this.affected = new Float64Array(runs);
    this.peakUtilizationPct = new Float64Array(runs);
    this.daysOverCapacity = new Float64Array(runs);
    this.peakLoad = new Float64Array(channels * runs);
    this.daily = new Array<Float32Array>(runs);
    const cells = cohorts * runs;
    this.cohortStart = new Float64Array(cells);
    this.cohortCutover = new Float64Array(cells);
    this.cohortEnd = new Float64Array(cells);
    this.cohortSplits = new Float64Array(cells);
    this.cohortOutcome = new Uint8Array(cells);
    this.cohortExposedDays = new Float64Array(cells);
    this.cohortAffected = new Float64Array(cells);
  }
}
