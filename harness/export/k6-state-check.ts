/**
 * `tranche check --state`: the verdict on an exported k6 run, without replaying it. The export's
 * plan is re-planned from the flags its manifest keeps and must give the same shards (the same
 * digest); the runners' outputs are merged into the replay they performed; the suite then judges
 * that replay as its own — every answer by the shadow model, every gate over all runners together —
 * and compares the destination's state with the shadow model through a target that cannot write.
 */
import { type ProvisioningEvent, TrancheError } from "../../domain/index.ts";
import type { DestinationTarget } from "../adapters/index.ts";
import type { ReplayResult } from "../replay/open-model-replay.ts";
import {
  buildShards,
  type K6ExportManifest,
  laneCountOf,
  MANIFEST_FILE,
  planDigestOf,
  shardTextOf,
} from "./k6-export.ts";
import { type K6Answer, mergeK6Answers, parseK6Output, replayResultOfK6 } from "./k6-results.ts";

/** The target with every capability but reads taken away; a write attempt is a bug, not a finding. */
export function readOnlyTarget(target: DestinationTarget): DestinationTarget {
  const read = target.capabilities["state-read"];
  return {
    describe: () => target.describe(),
    health: (signal) => target.health(signal),
    close: () => target.close(),
    capabilities: {
      ...(read ? { "state-read": read } : {}),
      provisioning: {
        apply: () => {
          throw new Error("tranche check --state sends no write, but a suite tried to apply an event");
        },
      },
    },
  };
}

/** Parses and checks `tranche-export.json`; `file` names it in errors. */
export function parseK6Manifest(text: string, file: string): K6ExportManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new TrancheError(
      "E_INPUT",
      `could not read ${file}: it is not JSON.`,
      `Pass the folder \`tranche export k6\` wrote.`,
    );
  }
  const m = value as Partial<K6ExportManifest>;
  if (m?.kind !== "tranche-k6-export" || m.version !== 1) {
    throw new TrancheError(
      "E_INPUT",
      `could not read ${file}: "kind" is not "tranche-k6-export" version 1.`,
      `Pass the folder \`tranche export k6\` wrote (it holds ${MANIFEST_FILE}).`,
    );
  }
  for (const field of ["suite", "configFingerprint", "planDigest", "target", "tokenEnv"] as const) {
    if (typeof m[field] !== "string") {
      throw new TrancheError("E_INPUT", `could not read ${file}: "${field}" is missing or not a string.`);
    }
  }
  for (const field of ["lanes", "segments", "events", "seed"] as const) {
    if (typeof m[field] !== "number") {
      throw new TrancheError("E_INPUT", `could not read ${file}: "${field}" is missing or not a number.`);
    }
  }
  if (typeof m.flags !== "object" || m.flags === null) {
    throw new TrancheError("E_INPUT", `could not read ${file}: "flags" is missing.`);
  }
  return m as K6ExportManifest;
}

export interface RecordedK6Replay {
  readonly replay: ReplayResult;
  /** Events per output, in the order given. */
  readonly perOutput: ReadonlyArray<{ readonly file: string; readonly answers: number }>;
}

/**
 * Checks that the re-planned events are the exported ones, then merges the outputs into the replay
 * the runners performed (pure: outputs are given as text).
 */
export function recordedK6Replay(input: {
  readonly manifest: K6ExportManifest;
  readonly manifestFile: string;
  readonly events: readonly ProvisioningEvent[];
  readonly schedule: Float64Array;
  readonly configFingerprint: string;
  readonly outputs: ReadonlyArray<{ readonly file: string; readonly text: string }>;
  readonly windowMs?: number;
  readonly lateThresholdMs?: number;
}): RecordedK6Replay {
  const { manifest } = input;
  if (input.configFingerprint !== manifest.configFingerprint) {
    throw new TrancheError(
      "E_INPUT",
      `${input.manifestFile}: the export was made with config ${manifest.configFingerprint}, its flags now resolve to config ${input.configFingerprint}.`,
      "The config file, traffic file or defaults changed since the export: re-export, run k6 again, then check.",
    );
  }
  const lanes = laneCountOf(input.events, manifest.lanes);
  const shards = buildShards(input.events, input.schedule, lanes);
  const digest = planDigestOf(shards.map(shardTextOf));
  if (digest !== manifest.planDigest || input.events.length !== manifest.events) {
    throw new TrancheError(
      "E_INPUT",
      `${input.manifestFile}: re-planning gives ${input.events.length} events with digest ${digest.slice(0, 12)}, the export has ${manifest.events} with ${manifest.planDigest.slice(0, 12)}.`,
      "The plan is not the exported one (another harness version or input files changed): re-export and run k6 again.",
    );
  }
  if (input.outputs.length === 0) {
    throw new TrancheError(
      "E_USAGE",
      "no k6 output given: nothing says what k6 sent.",
      "Pass the files k6 wrote with --out json=FILE, e.g. results/*.json.gz.",
    );
  }
  const parsed: K6Answer[][] = input.outputs.map((o) => parseK6Output(o.text, o.file));
  const merged = mergeK6Answers(parsed, input.events);
  const laneOf = new Map<number, number>();
  shards.forEach((shard, lane) => {
    for (const e of shard) laneOf.set(e.k, lane);
  });
  const replay = replayResultOfK6(input.events, input.schedule, merged, {
    laneOf,
    ...(input.windowMs !== undefined ? { windowMs: input.windowMs } : {}),
    ...(input.lateThresholdMs !== undefined ? { lateThresholdMs: input.lateThresholdMs } : {}),
  });
  return {
    replay,
    perOutput: input.outputs.map((o, i) => ({ file: o.file, answers: (parsed[i] as K6Answer[]).length })),
  };
}
