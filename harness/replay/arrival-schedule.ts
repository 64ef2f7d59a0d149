/**
 * Arrival schedules: the intended send time of every event, as an offset in milliseconds from the
 * start of the replay. Either the capture's own timing scaled by a speed factor (5 = five times
 * faster than production), or a synthetic arrival profile: constant, linear ramps and steps.
 * Schedules are non-decreasing, which lets the engine dispatch with a single cursor.
 */
import { Temporal } from "temporal-polyfill";
import { TrancheError } from "../../domain/index.ts";

/** One segment of an arrival profile: the rate moves linearly from `fromPerSec` to `toPerSec`. */
export interface ArrivalSegment {
  readonly durationSec: number;
  readonly fromPerSec: number;
  readonly toPerSec: number;
}

/** A synthetic arrival profile, as written in config. */
export type ArrivalProfile =
  | { readonly kind: "constant"; readonly ratePerSec: number }
  | {
      readonly kind: "ramp";
      readonly fromPerSec: number;
      readonly toPerSec: number;
      readonly durationSec: number;
    }
  | {
      readonly kind: "steps";
      readonly steps: ReadonlyArray<{ readonly ratePerSec: number; readonly durationSec: number }>;
    };

/** The segments of a profile; after the last segment the last rate holds. */
export function segmentsOf(profile: ArrivalProfile): ArrivalSegment[] {
  switch (profile.kind) {
    case "constant":
      return [
        {
          durationSec: Number.POSITIVE_INFINITY,
          fromPerSec: profile.ratePerSec,
          toPerSec: profile.ratePerSec,
        },
      ];
    case "ramp":
      return [
        { durationSec: profile.durationSec, fromPerSec: profile.fromPerSec, toPerSec: profile.toPerSec },
      ];
    case "steps":
      return profile.steps.map((s) => ({
        durationSec: s.durationSec,
        fromPerSec: s.ratePerSec,
        toPerSec: s.ratePerSec,
      }));
  }
}

/**
 * Intended offsets (ms) of `count` events arriving under `profile`: event k is sent when the
 * cumulative arrivals of the profile reach k, so a ramp from 0 starts slowly and speeds up.
 */
export function profileSchedule(count: number, profile: ArrivalProfile): Float64Array {
  const segments = segmentsOf(profile);
  for (const s of segments) {
    if (!(s.fromPerSec >= 0 && s.toPerSec >= 0 && s.durationSec > 0) || s.fromPerSec + s.toPerSec === 0) {
      throw new TrancheError(
        "E_CONFIG",
        `arrival profile ${JSON.stringify(profile)} has a segment without a positive rate or duration.`,
        "Rates are events per second (> 0 somewhere in each segment), durations seconds (> 0).",
      );
    }
  }
  const out = new Float64Array(count);
  let segment = 0;
  let segStartSec = 0;
  let segStartCount = 0;
  for (let k = 0; k < count; k++) {
    for (;;) {
      const s = segments[segment] as ArrivalSegment;
      const last = segment === segments.length - 1;
      const arrivals = last ? Number.POSITIVE_INFINITY : ((s.fromPerSec + s.toPerSec) / 2) * s.durationSec;
      const need = k - segStartCount;
      if (need < arrivals || last) {
        out[k] = (segStartSec + timeWithin(s, need)) * 1000;
        break;
      }
      segStartSec += s.durationSec;
      segStartCount += arrivals;
      segment++;
    }
  }
  return out;
}

/** Seconds into a segment until `arrivals` events have arrived (solves r0·t + (r1−r0)·t²/(2D) = n). */
function timeWithin(s: ArrivalSegment, arrivals: number): number {
  const r0 = s.fromPerSec;
  const slope = Number.isFinite(s.durationSec) ? (s.toPerSec - r0) / s.durationSec : 0;
  // Past the end of the last segment the final rate holds.
  if (Number.isFinite(s.durationSec)) {
    const inSegment = ((r0 + s.toPerSec) / 2) * s.durationSec;
    if (arrivals > inSegment) return s.durationSec + (arrivals - inSegment) / s.toPerSec;
  }
  if (Math.abs(slope) < 1e-12) return arrivals / r0;
  const disc = r0 * r0 + 2 * slope * arrivals;
  return (-r0 + Math.sqrt(Math.max(0, disc))) / slope;
}

/** A constant-rate schedule: event k at k / rate seconds. */
export function constantSchedule(count: number, ratePerSec: number): Float64Array {
  const out = new Float64Array(count);
  const intervalMs = 1000 / ratePerSec;
  for (let k = 0; k < count; k++) out[k] = k * intervalMs;
  return out;
}

/**
 * The capture's own timing divided by `speed`. Events are sent in capture (file) order; an event
 * whose timestamp is earlier than one before it was delivered late, so it keeps the later arrival
 * time (running maximum) and goes out in the position the capture shows.
 */
export function captureSchedule(events: ReadonlyArray<{ readonly at: string }>, speed: number): Float64Array {
  if (!(speed > 0)) {
    throw new TrancheError(
      "E_CONFIG",
      `replay speed must be > 0, got ${speed}.`,
      "Use e.g. speed: 5 for 5× faster.",
    );
  }
  const out = new Float64Array(events.length);
  let first: number | undefined;
  let latest = 0;
  for (let k = 0; k < events.length; k++) {
    const ms = Temporal.Instant.from((events[k] as { at: string }).at).epochMilliseconds;
    if (first === undefined) first = ms;
    latest = Math.max(latest, (ms - first) / speed);
    out[k] = latest;
  }
  return out;
}

/** How long a schedule runs, in seconds (the last intended send). */
export function scheduleDurationSec(schedule: Float64Array): number {
  return schedule.length === 0 ? 0 : (schedule[schedule.length - 1] as number) / 1000;
}
