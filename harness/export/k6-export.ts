/**
 * `tranche export k6`: the same events as a k6 script plus data shards, to drive load past one
 * machine (k6, or k6-operator on Kubernetes). Per-subscriber ordering survives because every
 * subscriber's events go to one lane (one shard), and each lane is replayed by one VU at a time in
 * shard order: a k6 VU runs one iteration at a time, so a lane can never have two events in flight.
 * Subscribers are spread over lanes to balance event counts (largest first, deterministic).
 */
import type { ProvisioningEvent } from "../../domain/index.ts";
import { requestFor } from "../adapters/index.ts";
import type { GateSpec } from "../gates/gate.ts";
import type { ArrivalProfile } from "../replay/arrival-schedule.ts";
import { renderK6Readme } from "./k6-readme.ts";
import { renderK6Script } from "./k6-script.ts";
import { k6ThresholdsOf } from "./k6-thresholds.ts";

/** Marker in a shard's request path replaced by the destination's subscriber id at run time. */
export const ID_MARKER = "__TRANCHE_ID__";

/** One event as a shard stores it: compact, everything the script needs and nothing else. */
export interface ShardEvent {
  /** Position in the global schedule. */
  readonly k: number;
  /** Intended send time, ms from the start. */
  readonly t: number;
  readonly id: string;
  readonly op: string;
  readonly sub: string;
  readonly method: string;
  readonly path: string;
  readonly body: string | null;
  readonly key: string | null;
}

export interface K6ExportInput {
  /** Id of the suite whose replay plan this is. */
  readonly suite: string;
  readonly events: readonly ProvisioningEvent[];
  /** Intended send offsets (ms) of the events, as Tranche's own replay would use. */
  readonly schedule: Float64Array;
  /** The arrival profile behind the schedule (drives the executor); constant at the mean rate when absent. */
  readonly arrival?: ArrivalProfile;
  readonly gates: readonly GateSpec[];
  readonly lanes: number;
  readonly seed: number;
  readonly refDate: string;
  readonly harnessVersion: string;
  readonly configFingerprint: string;
}

export interface ExportedFile {
  /** Path relative to the output folder. */
  readonly path: string;
  readonly content: string;
}

/** Assigns each subscriber to a lane, balancing event counts. Pure and deterministic. */
export function assignLanes(events: readonly ProvisioningEvent[], lanes: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.subscriberId, (counts.get(e.subscriberId) ?? 0) + 1);
  const bySize = [...counts.entries()].sort(
    (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0),
  );
  const load = new Array<number>(lanes).fill(0);
  const lane = new Map<string, number>();
  for (const [subscriber, count] of bySize) {
    let best = 0;
    for (let i = 1; i < lanes; i++) if ((load[i] as number) < (load[best] as number)) best = i;
    lane.set(subscriber, best);
    load[best] = (load[best] as number) + count;
  }
  return lane;
}

/** The shards: one array of events per lane, each in global schedule order. */
export function buildShards(
  events: readonly ProvisioningEvent[],
  schedule: Float64Array,
  lanes: number,
): ShardEvent[][] {
  const laneOf = assignLanes(events, lanes);
  const shards: ShardEvent[][] = Array.from({ length: lanes }, () => []);
  events.forEach((event, k) => {
    const request = requestFor(event, ID_MARKER);
    (shards[laneOf.get(event.subscriberId) as number] as ShardEvent[]).push({
      k,
      t: Math.round((schedule[k] as number) * 1000) / 1000,
      id: event.id,
      op: event.type,
      sub: event.subscriberId,
      method: request.method,
      path: request.path,
      body: request.body === undefined ? null : JSON.stringify(request.body),
      key: request.idempotencyKey ?? null,
    });
  });
  return shards;
}

/** Shard file name of lane i. */
export function shardFile(lane: number): string {
  return `shards/lane-${String(lane).padStart(3, "0")}.json`;
}

/** Everything `tranche export k6` writes: script.js, shards/*.json, README.md, thresholds.json. */
export function exportK6(input: K6ExportInput): ExportedFile[] {
  const lanes = Math.max(
    1,
    Math.min(Math.floor(input.lanes), new Set(input.events.map((e) => e.subscriberId)).size || 1),
  );
  const shards = buildShards(input.events, input.schedule, lanes);
  const translated = k6ThresholdsOf(input.gates);
  const durationSec =
    input.schedule.length === 0 ? 0 : (input.schedule[input.schedule.length - 1] as number) / 1000;
  const header = {
    suite: input.suite,
    seed: input.seed,
    refDate: input.refDate,
    harnessVersion: input.harnessVersion,
    configFingerprint: input.configFingerprint,
    events: input.events.length,
    lanes,
  };
  const script = renderK6Script({
    header,
    lanes,
    events: input.events.length,
    durationSec,
    arrival: input.arrival ?? {
      kind: "constant",
      ratePerSec: durationSec > 0 ? input.events.length / durationSec : Math.max(1, input.events.length),
    },
    thresholds: translated.thresholds,
  });
  return [
    { path: "script.js", content: script },
    ...shards.map((shard, i) => ({ path: shardFile(i), content: `${JSON.stringify(shard)}\n` })),
    { path: "thresholds.json", content: `${JSON.stringify(translated, null, 2)}\n` },
    { path: "README.md", content: renderK6Readme({ header, untranslated: translated.untranslated }) },
  ];
}
