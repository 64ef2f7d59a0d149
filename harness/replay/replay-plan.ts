/**
 * A replay's plan: which events go out and when. Irregularities (duplicates, retries, late
 * deliveries) are added on purpose from the seed, then each event gets its intended send offset:
 * the capture's own timing scaled by `speed`, a synthetic arrival profile, or a constant rate.
 * Computed without a destination, so dry runs, exports and the replay itself agree.
 */
import { z } from "zod";
import type { ProvisioningEvent, RandomStream } from "../../domain/index.ts";
import {
  type InjectSummary,
  type IrregularityOptions,
  injectIrregularities,
} from "../../generators/index.ts";
import {
  type ArrivalProfile,
  captureSchedule,
  constantSchedule,
  profileSchedule,
} from "./arrival-schedule.ts";

/** How a replay paces and disturbs its events. */
export interface ReplaySettings {
  /** Events per second of the open-model arrival schedule. */
  readonly ratePerSec: number;
  /** Replay at the traffic's own timing divided by this factor, instead of `ratePerSec`. */
  readonly speed?: number;
  /** A synthetic arrival profile (constant, ramp, steps), instead of `ratePerSec`. */
  readonly arrival?: ArrivalProfile;
  /** Duplicates, retries, out-of-order and late deliveries added on purpose, from the seed. */
  readonly inject?: IrregularityOptions;
}

export interface PlannedReplay {
  readonly events: ProvisioningEvent[];
  /** Intended send offsets in ms, one per event. */
  readonly schedule: Float64Array;
  readonly arrival?: ArrivalProfile;
  readonly injected?: InjectSummary;
}

/**
 * The events with injected irregularities (drawn from `stream`) and their schedule. Pure: same
 * input → same plan. Without injection the traffic keeps its given order.
 */
export function planReplay(
  traffic: readonly ProvisioningEvent[],
  settings: ReplaySettings,
  seed: number,
  stream: RandomStream,
): PlannedReplay {
  const injected = settings.inject ? injectIrregularities(traffic, seed, settings.inject, stream) : null;
  const events = injected ? injected.events : [...traffic];
  const schedule = settings.arrival
    ? profileSchedule(events.length, settings.arrival)
    : settings.speed
      ? captureSchedule(events, settings.speed)
      : constantSchedule(events.length, settings.ratePerSec);
  return {
    events,
    schedule,
    ...(settings.arrival ? { arrival: settings.arrival } : {}),
    ...(injected ? { injected: injected.summary } : {}),
  };
}

const rate = z.number().min(0).max(1).optional();

/** Arrival profiles as options are written (config, profiles). */
export const ArrivalProfileSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("constant"), ratePerSec: z.number().positive() }).strict(),
  z
    .object({
      kind: z.literal("ramp"),
      fromPerSec: z.number().nonnegative(),
      toPerSec: z.number().positive(),
      durationSec: z.number().positive(),
    })
    .strict(),
  z
    .object({
      kind: z.literal("steps"),
      steps: z
        .array(z.object({ ratePerSec: z.number().positive(), durationSec: z.number().positive() }).strict())
        .min(1),
    })
    .strict(),
]);

/** Injected irregularities as options are written (the generator's `--irregularities` fields). */
export const InjectRatesSchema = z
  .object({
    duplicateRate: rate,
    retryRate: rate,
    outOfOrderRate: rate,
    outOfOrderWindowSec: z.number().positive().max(86_400).optional(),
    lateRate: rate,
    lateDelaySec: z.tuple([z.number().nonnegative(), z.number().nonnegative()]).optional(),
    maxClockSkewMs: z.number().nonnegative().max(3_600_000).optional(),
  })
  .strict();

/**
 * The option fields every replaying suite shares (spread into its options schema): rate,
 * concurrency, pacing and injected irregularities, each with its default.
 */
export const REPLAY_OPTION_FIELDS = {
  /** Events per second of the open-model arrival schedule. */
  ratePerSec: z.number().positive().max(1_000_000).default(300),
  /** Requests in flight at most. */
  concurrency: z.number().int().positive().max(65_536).default(64),
  speed: z.number().positive().optional(),
  arrival: ArrivalProfileSchema.optional(),
  inject: InjectRatesSchema.optional(),
  /** A send later than this behind its ready time counts as not sent in time. */
  lateThresholdMs: z.number().positive().default(10),
  /** Stop the replay after this many deliveries in a row got no answer (refused, reset, past the request deadline): the target is gone. */
  deadAfterConnectionFailures: z.number().int().min(0).max(1_000_000).default(20),
  /** Length of the time-series windows windowed gates read (ms). */
  seriesWindowMs: z.number().int().min(100).max(3_600_000).default(10_000),
};
