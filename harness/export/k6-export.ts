/**
 * `tranche export k6`: the same events as a k6 script plus data shards, to drive load past one
 * machine (k6, or k6-operator on Kubernetes). Per-subscriber ordering survives because every
 * subscriber's events go to one lane (one shard), and each lane is replayed by exactly one VU, in
 * shard order, each event at its intended send time: the VU sends its lane's events one after
 * another, so a lane never has two events in flight. Subscribers are spread over lanes to balance
 * event counts (largest first, deterministic). Lanes split over runners as k6 execution segments
 * split VUs.
 *
 * A shard is a JSON array of batches `{"s": lines}`: each line is one event, its fields joined by
 * tabs (`k t id op sub method path key body`, an absent key or body empty). k6's `SharedArray`
 * JSON-parses and deep-freezes an element on every access, which costs more per event than the
 * request itself when an element is one event object; one element of 32 tab-separated lines costs
 * about a quarter per event (measured on k6 v1.3, see docs/k6-export.md).
 */
import { createHash } from "node:crypto";
import { type ProvisioningEvent, TrancheError } from "../../domain/index.ts";
import { requestFor } from "../adapters/index.ts";
import type { GateSpec } from "../gates/gate.ts";
import type { ArrivalProfile } from "../replay/arrival-schedule.ts";
import { renderK6Manifests } from "./k6-manifests.ts";
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
  /** The arrival profile behind the schedule (for the header; the schedule itself paces the script). */
  readonly arrival?: ArrivalProfile;
  readonly gates: readonly GateSpec[];
  readonly lanes: number;
  /** Runners the lanes are split over (k6 execution segments; 1 = one machine). */
  readonly segments?: number;
  /** The destination's base URL the script sends to. */
  readonly baseUrl: string;
  /** Environment variable of the bearer token (the run config's `tokenEnv`). */
  readonly tokenEnv: string;
  /** Time after the last intended send before k6 stops the scenario (ms; default 30 s). */
  readonly drainMs?: number;
  /** Request timeout (ms; default 10 s, as Tranche's own adapter). */
  readonly timeoutMs?: number;
  readonly seed: number;
  readonly refDate: string;
  readonly harnessVersion: string;
  readonly configFingerprint: string;
  /** The run flags that re-plan this export (`tranche check --state` reads them back). */
  readonly flags: Readonly<Record<string, string>>;
}

/** `tranche-export.json`: what `tranche check --state` needs to re-plan and recognise the export. */
export interface K6ExportManifest {
  readonly kind: "tranche-k6-export";
  readonly version: 1;
  readonly suite: string;
  readonly seed: number;
  readonly refDate: string;
  readonly harnessVersion: string;
  readonly configFingerprint: string;
  readonly target: string;
  readonly tokenEnv: string;
  readonly events: number;
  readonly lanes: number;
  readonly segments: number;
  /** sha256 of the shards, in lane order: the same plan gives the same digest. */
  readonly planDigest: string;
  readonly flags: Readonly<Record<string, string>>;
}

/** Name of the manifest file in an export folder. */
export const MANIFEST_FILE = "tranche-export.json";

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

/** Events per shard batch (one `SharedArray` element). */
export const SHARD_BATCH = 32;

/** The fields of a shard line, in order (an absent key or body is empty). */
const SHARD_FIELDS = [
  "k",
  "t",
  "id",
  "op",
  "sub",
  "method",
  "path",
  "key",
  "body",
] as const satisfies ReadonlyArray<keyof ShardEvent>;

/**
 * The text of one shard file. A body is JSON text (`JSON.stringify` escapes every control
 * character), so it never holds a tab or line break; the other fields must not either.
 */
export function shardTextOf(shard: readonly ShardEvent[]): string {
  const batches: Array<{ s: string }> = [];
  for (let i = 0; i < shard.length; i += SHARD_BATCH) {
    const lines: string[] = [];
    for (const event of shard.slice(i, i + SHARD_BATCH)) {
      const fields = SHARD_FIELDS.map((name) => {
        const field = String(event[name] ?? "");
        if (/[\t\n\r]/.test(field)) {
          throw new TrancheError(
            "E_INPUT",
            `event ${event.id}: its ${name} holds a tab or line break, which a k6 shard line cannot carry.`,
            "Remove control characters from subscriber ids and idempotency keys in the traffic file.",
          );
        }
        return field;
      });
      lines.push(fields.join("\t"));
    }
    batches.push({ s: lines.join("\n") });
  }
  return `${JSON.stringify(batches)}\n`;
}

/** The events of a shard file's text (the inverse of `shardTextOf`). */
export function parseShardText(text: string): ShardEvent[] {
  const batches = JSON.parse(text) as Array<{ s: string }>;
  return batches.flatMap((batch) =>
    batch.s.split("\n").map((line) => {
      const [k, t, id, op, sub, method, path, key, body] = line.split("\t") as string[];
      return {
        k: Number(k),
        t: Number(t),
        id: id as string,
        op: op as string,
        sub: sub as string,
        method: method as string,
        path: path as string,
        key: key === "" ? null : (key as string),
        body: body === "" ? null : (body as string),
      };
    }),
  );
}

/** Shard file name of lane i. */
export function shardFile(lane: number): string {
  return `shards/lane-${String(lane).padStart(3, "0")}.json`;
}

/** The lane count an export uses: at least one, at most one per subscriber. */
export function laneCountOf(events: readonly ProvisioningEvent[], lanes: number): number {
  return Math.max(1, Math.min(Math.floor(lanes), new Set(events.map((e) => e.subscriberId)).size || 1));
}

/** sha256 of shard texts in lane order. */
export function planDigestOf(shardTexts: readonly string[]): string {
  const hash = createHash("sha256");
  for (const text of shardTexts) hash.update(text);
  return hash.digest("hex");
}

/** The runner commands of an export: one `k6 run` per execution segment. */
export function segmentCommands(segments: number, tokenEnv: string): string[] {
  const outFile = (i: number) => `results/segment-${i}.json.gz`;
  const base = `k6 run --address 127.0.0.1:0 -e ${tokenEnv}="$${tokenEnv}"`;
  if (segments <= 1) return [`${base} --out json=${outFile(0)} script.js`];
  const sequence = ["0", ...Array.from({ length: segments - 1 }, (_, i) => `${i + 1}/${segments}`), "1"];
  return Array.from(
    { length: segments },
    (_, i) =>
      `${base} --execution-segment ${sequence[i]}:${sequence[i + 1]} --execution-segment-sequence ${sequence.join(",")} --out json=${outFile(i)} script.js`,
  );
}

/** Everything `tranche export k6` writes: script.js, shards/*.json, thresholds.json, tranche-export.json, README.md, k8s/. */
export function exportK6(input: K6ExportInput): ExportedFile[] {
  const lanes = laneCountOf(input.events, input.lanes);
  const segments = Math.max(1, Math.floor(input.segments ?? 1));
  if (segments > lanes) {
    throw new TrancheError(
      "E_USAGE",
      `--segments ${segments} is more than the ${lanes} lanes: a runner would have no lane.`,
      `Use at most ${lanes} segments, or more lanes.`,
    );
  }
  const shards = buildShards(input.events, input.schedule, lanes);
  const shardTexts = shards.map(shardTextOf);
  const translated = k6ThresholdsOf(input.gates, { distributed: segments > 1 });
  const lastSendMs = input.schedule.length === 0 ? 0 : (input.schedule[input.schedule.length - 1] as number);
  const drainMs = input.drainMs ?? 30_000;
  const timeoutMs = input.timeoutMs ?? 10_000;
  const header = {
    suite: input.suite,
    seed: input.seed,
    refDate: input.refDate,
    harnessVersion: input.harnessVersion,
    configFingerprint: input.configFingerprint,
    target: input.baseUrl,
    events: input.events.length,
    lanes,
    segments,
    arrival: input.arrival ? input.arrival.kind : "schedule",
  };
  const script = renderK6Script({
    header,
    lanes,
    laneSizes: shards.map((s) => s.length),
    lastSendMs,
    drainMs,
    timeoutMs,
    baseUrl: input.baseUrl,
    tokenEnv: input.tokenEnv,
    thresholds: translated.thresholds,
    countEvents:
      "tranche_events" in translated.thresholds ||
      Object.keys(translated.thresholds).some((key) => key.startsWith("tranche_events{")),
  });
  const manifest: K6ExportManifest = {
    kind: "tranche-k6-export",
    version: 1,
    suite: input.suite,
    seed: input.seed,
    refDate: input.refDate,
    harnessVersion: input.harnessVersion,
    configFingerprint: input.configFingerprint,
    target: input.baseUrl,
    tokenEnv: input.tokenEnv,
    events: input.events.length,
    lanes,
    segments,
    planDigest: planDigestOf(shardTexts),
    flags: input.flags,
  };
  const commands = segmentCommands(segments, input.tokenEnv);
  return [
    { path: "script.js", content: script },
    ...shardTexts.map((content, i) => ({ path: shardFile(i), content })),
    { path: "thresholds.json", content: `${JSON.stringify(translated, null, 2)}\n` },
    { path: MANIFEST_FILE, content: `${JSON.stringify(manifest, null, 2)}\n` },
    {
      path: "README.md",
      content: renderK6Readme({
        header,
        untranslated: translated.untranslated,
        commands,
        tokenEnv: input.tokenEnv,
        segments,
        drainMs,
      }),
    },
    ...renderK6Manifests({ suite: input.suite, segments, tokenEnv: input.tokenEnv }),
  ];
}
