/**
 * When events happen over a window: an hourly intensity per time zone (diurnal × weekly × month
 * start × campaign bursts) turned into a cumulative distribution, so an event time is one uniform
 * draw and a binary search. Temporal runs once per (time zone, hour of the window) here, never per
 * event.
 */
import { Temporal } from "temporal-polyfill";
import { createStream, type Seed } from "../domain/index.ts";
import { HOUR_MS } from "./iso-time.ts";
import type { TrafficProfile } from "./traffic-profile.ts";

interface ZoneCurve {
  /** Cumulative share of the window's activity at the end of each hour bin (last = 1). */
  readonly cdf: Float64Array;
  /** Hour bins on local days 1..monthStart.days. */
  readonly monthStart: Uint8Array;
}

/** The activity curve of one traffic window, per time zone. */
export class TrafficIntensity {
  readonly fromMs: number;
  readonly windowMs: number;
  readonly bins: number;
  /** Hour bins inside a campaign burst. */
  readonly campaign: Uint8Array;
  private readonly profile: TrafficProfile;
  private readonly zones = new Map<string, ZoneCurve>();

  constructor(seed: Seed, fromMs: number, windowMs: number, profile: TrafficProfile, campaigns?: number) {
    this.fromMs = fromMs;
    this.windowMs = windowMs;
    this.profile = profile;
    this.bins = Math.max(1, Math.ceil(windowMs / HOUR_MS));
    this.campaign = new Uint8Array(this.bins);
    const rng = createStream(seed, "traffic-campaigns").record(0);
    const expected = (profile.campaigns.per30Days * windowMs) / (30 * 24 * HOUR_MS);
    const count = campaigns ?? Math.floor(expected) + (rng.next() < expected % 1 ? 1 : 0);
    for (let c = 0; c < count; c++) {
      const start = Math.floor((rng.next() * windowMs) / HOUR_MS);
      for (let b = start; b < Math.min(this.bins, start + profile.campaigns.hours); b++) this.campaign[b] = 1;
    }
  }

  /** Length of hour bin `b` in ms (the last bin may be partial). */
  binLength(b: number): number {
    return Math.min(HOUR_MS, this.windowMs - b * HOUR_MS);
  }

  /** The curve of a time zone, built on first use. */
  zone(timeZone: string): ZoneCurve {
    let curve = this.zones.get(timeZone);
    if (!curve) {
      curve = this.build(timeZone);
      this.zones.set(timeZone, curve);
    }
    return curve;
  }

  /** Offset (ms from window start) at cumulative share `u` of the zone's activity. */
  offsetAt(curve: ZoneCurve, u: number): number {
    const cdf = curve.cdf;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cdf[mid] as number) > u) hi = mid;
      else lo = mid + 1;
    }
    const before = lo === 0 ? 0 : (cdf[lo - 1] as number);
    const width = (cdf[lo] as number) - before;
    const within = width > 0 ? (u - before) / width : 0;
    return Math.min(this.windowMs - 1, lo * HOUR_MS + Math.floor(within * this.binLength(lo)));
  }

  /** Cumulative share of the zone's activity before `offsetMs`. */
  shareBefore(curve: ZoneCurve, offsetMs: number): number {
    const b = Math.min(this.bins - 1, Math.floor(offsetMs / HOUR_MS));
    const before = b === 0 ? 0 : (curve.cdf[b - 1] as number);
    const width = (curve.cdf[b] as number) - before;
    return before + (width * (offsetMs - b * HOUR_MS)) / this.binLength(b);
  }

  /** Share of the zone's activity in bin `b`. */
  binShare(curve: ZoneCurve, b: number): number {
    return (curve.cdf[b] as number) - (b === 0 ? 0 : (curve.cdf[b - 1] as number));
  }

  /**
   * The busiest second's expected events per event of a line, summed over lines: with `counts`
   * lines per time zone, the window's peak rate is this times the events per line.
   */
  peakDensityPerSec(counts: ReadonlyMap<string, number>): number {
    let peak = 0;
    for (let b = 0; b < this.bins; b++) {
      let sum = 0;
      for (const [zone, n] of counts) sum += n * this.binShare(this.zone(zone), b);
      peak = Math.max(peak, sum / (this.binLength(b) / 1000));
    }
    return peak;
  }

  private build(timeZone: string): ZoneCurve {
    const p = this.profile;
    const weights = new Float64Array(this.bins);
    const monthStart = new Uint8Array(this.bins);
    let total = 0;
    for (let b = 0; b < this.bins; b++) {
      const local = Temporal.Instant.fromEpochMilliseconds(this.fromMs + b * HOUR_MS).toZonedDateTimeISO(
        timeZone,
      );
      const isMonthStart = local.day <= p.monthStart.days;
      monthStart[b] = isMonthStart ? 1 : 0;
      let w = (p.diurnal[local.hour] as number) * (p.weekly[local.dayOfWeek - 1] as number);
      if (isMonthStart) w *= p.monthStart.allFactor;
      if (this.campaign[b]) w *= p.campaigns.allFactor;
      w *= this.binLength(b) / HOUR_MS;
      total += w;
      weights[b] = total;
    }
    for (let b = 0; b < this.bins; b++) (weights[b] as number) /= total;
    weights[this.bins - 1] = 1;
    return { cdf: weights, monthStart };
  }
}
