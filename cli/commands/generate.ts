/** `tranche generate base|traffic|usage`: seeded synthetic data files, streamed to disk. */
import { resolve } from "node:path";
import { EVENT_TYPES, type EventType, parseCountryMix, TrancheError } from "../../domain/index.ts";
import {
  type BaseSpec,
  checkOutputFile,
  type JobBase,
  parseDefectRates,
  parseIrregularities,
  parseUsageAnomalies,
  runStreamJob,
  writeBase,
} from "../../generators/index.ts";
import { DEFAULT_REF_DATE, DEFAULT_SEED } from "../../harness/index.ts";
import { type CliIo, defineCommand, instantArg, intArg } from "../command.ts";

const common = {
  seed: {
    type: "string",
    description: "Seed of every random choice",
    valueHint: "<n>",
    default: String(DEFAULT_SEED),
  },
  subscribers: { type: "string", description: "Number of subscribers", valueHint: "<n>", default: "1000" },
  "ref-date": {
    type: "string",
    description: "Reference instant the data is generated at",
    valueHint: "<iso>",
    default: DEFAULT_REF_DATE,
  },
  country: {
    type: "string",
    description: "Country profile, or shares such as GB:0.6,DE:0.3,US:0.1",
    valueHint: "<mix>",
    default: "GB",
  },
  out: { type: "string", description: "Output file", valueHint: "<file>" },
  format: { type: "string", description: "ndjson or csv", valueHint: "<format>", default: "ndjson" },
} as const;

const fromBase = {
  base: { type: "string", description: "Base file to draw subscribers from (else generated from the seed)" },
  defects: {
    type: "string",
    description: "Legacy defects of the generated base: none, legacy, or kind=rate,…",
    valueHint: "<spec>",
    default: "none",
  },
  duration: { type: "string", description: "Window length in seconds", valueHint: "<sec>", default: "3600" },
} as const;

/** Largest base `generate` writes (a file of ~75 GB at about 5 minutes per 100 million lines). */
export const MAX_GENERATED_SUBSCRIBERS = 100_000_000;

/** The output file, checked to be writable before any work starts. */
function requireOut(out: string | undefined, io: CliIo): string {
  if (!out)
    throw new TrancheError("E_USAGE", "--out is required.", "Give the file to write, e.g. --out base.ndjson");
  const path = resolve(io.cwd, out);
  checkOutputFile(path);
  return path;
}

function formatArg(value: string | undefined): "ndjson" | "csv" {
  if (value === "ndjson" || value === "csv") return value;
  throw new TrancheError("E_USAGE", `--format must be ndjson or csv, got "${value}".`);
}

function numberArg(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n >= 0)) throw new TrancheError("E_USAGE", `--${flag} must be a number >= 0, got "${value}".`);
  return n;
}

/** The base settings shared by every generate subcommand. */
function baseSpecFrom(args: Record<string, string | boolean | undefined>): BaseSpec {
  const mix = parseCountryMix(String(args.country ?? "GB"));
  return {
    seed: intArg(args.seed as string | undefined, "seed", DEFAULT_SEED),
    refDate: instantArg(String(args["ref-date"] ?? DEFAULT_REF_DATE), "ref-date").toString(),
    count: intArg(args.subscribers as string | undefined, "subscribers", 1000, 1, MAX_GENERATED_SUBSCRIBERS),
    countries: mix.map(([p, w]) => [p.code, w] as const),
    defects: parseDefectRates(String(args.defects ?? "none")),
  };
}

/** The lines traffic or usage is generated for: a base file, or the seed's base. */
function baseOf(args: Record<string, string | boolean | undefined>, spec: BaseSpec, io: CliIo): JobBase {
  return typeof args.base === "string" ? { file: resolve(io.cwd, args.base) } : { spec };
}

/**
 * A progress bar on stderr, drawn only when stderr is an interactive terminal (never in CI);
 * `endProgress` moves past it before the summary line.
 */
export function progressBar(
  io: CliIo,
  label: string,
  total?: number,
  seedLine?: string,
): (done: number) => void {
  if (!io.interactive) return () => {};
  // On a terminal the bar comes first, so the seed is named before it (STYLE.md: first log line).
  if (seedLine) io.stderr(`[tranche] ${seedLine}\n`);
  const started = performance.now();
  let lastDraw = 0;
  return (done) => {
    const now = performance.now();
    if (now - lastDraw < 100 && done !== total) return;
    lastDraw = now;
    const rate = done / Math.max(0.001, (now - started) / 1000);
    const fraction = total ? Math.min(1, done / total) : 0;
    const bar = total
      ? `${"█".repeat(Math.round(fraction * 24)).padEnd(24, "░")} ${Math.round(fraction * 100)}% `
      : "";
    const eta = total && rate > 0 ? ` ETA ${Math.ceil((total - done) / rate)}s` : "";
    io.stderr(
      `\r[tranche] ${label} ${bar}${done.toLocaleString("en")} (${Math.round(rate).toLocaleString("en")}/s)${eta}  `,
    );
  };
}

/** The seed and reference date every generate run reports first. */
function seedLine(spec: BaseSpec): string {
  return `seed=${spec.seed} refDate=${spec.refDate}`;
}

/** Ends the progress bar's line (only drawn on an interactive terminal). */
function endProgress(io: CliIo): void {
  if (io.interactive) io.stderr("\n");
}

const base = defineCommand({
  meta: {
    name: "generate base",
    description: "Generate a seeded subscriber base (+ <out>.truth.ndjson defects, <out>.li.ndjson LI list)",
  },
  args: {
    ...common,
    defects: fromBase.defects,
    workers: {
      type: "string",
      description:
        "Worker threads rendering beside the main thread; 0 renders in the main thread only (default: one per spare core, at most 2, from 50,000 lines; output is the same for any count)",
      valueHint: "<n>",
    },
  },
  async run({ args, io }) {
    const out = requireOut(args.out, io);
    const spec = baseSpecFrom(args);
    const result = await writeBase(spec, {
      out,
      format: formatArg(args.format),
      ...(args.workers !== undefined ? { workers: intArg(args.workers, "workers", 0) } : {}),
      onProgress: progressBar(io, "base", spec.count, seedLine(spec)),
      signal: io.signal,
    });
    endProgress(io);
    io.stderr(
      `[tranche] seed=${spec.seed} refDate=${spec.refDate} wrote ${result.count} subscribers to ${out} (${result.defects} defects in ${result.files.truth}, ${result.liTargets} LI targets in ${result.files.li})\n`,
    );
    return result.count < spec.count ? 3 : 0;
  },
});

const traffic = defineCommand({
  meta: {
    name: "generate traffic",
    description: "Generate seeded provisioning traffic (+ <out>.truth.ndjson)",
  },
  args: {
    ...common,
    ...fromBase,
    "events-per-subscriber": { type: "string", description: "Mean follow-on events per line", default: "2" },
    "peak-rate": {
      type: "string",
      description: "Target events/s in the busiest hour (sets events per line)",
    },
    types: {
      type: "string",
      description: "Restrict to these event types (comma-separated)",
      valueHint: "<list>",
    },
    campaigns: { type: "string", description: "Campaign bursts in the window (default: ~2 per 30 days)" },
    irregularities: {
      type: "string",
      description: "none, default, or duplicate=…,retry=…,out-of-order=…,late=…,max-skew-ms=…",
      valueHint: "<spec>",
      default: "none",
    },
  },
  async run({ args, io }) {
    const out = requireOut(args.out, io);
    const spec = baseSpecFrom(args);
    const types = args.types?.split(",").map((t) => t.trim()) as EventType[] | undefined;
    const unknown = types?.find((t) => !(EVENT_TYPES as readonly string[]).includes(t));
    if (unknown)
      throw new TrancheError(
        "E_USAGE",
        `--types: unknown event type "${unknown}".`,
        `Known: ${EVENT_TYPES.join(", ")}.`,
      );
    const irregularities = parseIrregularities(args.irregularities ?? "none");
    const peak = numberArg(args["peak-rate"], "peak-rate");
    const campaigns = args.campaigns === undefined ? undefined : intArg(args.campaigns, "campaigns", 0);
    const options = {
      seed: spec.seed,
      from: spec.refDate,
      durationSec: intArg(args.duration, "duration", 3600, 1),
      eventsPerSubscriber: numberArg(args["events-per-subscriber"], "events-per-subscriber") ?? 2,
      ...(peak !== undefined ? { peakEventsPerSec: peak } : {}),
      ...(types ? { types } : {}),
      ...(campaigns !== undefined ? { campaigns } : {}),
      ...(irregularities ? { irregularities } : {}),
    };
    const result = await runStreamJob(
      {
        kind: "traffic",
        options,
        base: baseOf(args, spec, io),
        write: { out, format: formatArg(args.format) },
      },
      progressBar(io, "traffic (lines)", args.base ? undefined : spec.count, seedLine(spec)),
      io.signal,
    );
    endProgress(io);
    io.stderr(
      `[tranche] seed=${spec.seed} refDate=${spec.refDate} wrote ${result.events} events for ${result.subscribers} subscribers to ${out} (${result.irregular} irregular deliveries in ${result.files.truth})\n`,
    );
    return io.signal.aborted ? 3 : 0;
  },
});

const usage = defineCommand({
  meta: {
    name: "generate usage",
    description: "Generate seeded usage records (CDRs) (+ <out>.truth.ndjson)",
  },
  args: {
    ...common,
    ...fromBase,
    duration: {
      type: "string",
      description: "Window length in seconds",
      valueHint: "<sec>",
      default: "86400",
    },
    anomalies: {
      type: "string",
      description: "none, default, or duplicate=…,zero-duration=…,malformed=…,gap=…,late=…",
      valueHint: "<spec>",
      default: "none",
    },
  },
  async run({ args, io }) {
    const out = requireOut(args.out, io);
    const spec = baseSpecFrom(args);
    const anomalies = parseUsageAnomalies(args.anomalies ?? "none");
    const options = {
      seed: spec.seed,
      from: spec.refDate,
      durationSec: intArg(args.duration, "duration", 86400, 1),
      ...(anomalies ? { anomalies } : {}),
    };
    const result = await runStreamJob(
      {
        kind: "usage",
        options,
        base: baseOf(args, spec, io),
        write: { out, format: formatArg(args.format) },
      },
      progressBar(io, "usage (lines)", args.base ? undefined : spec.count, seedLine(spec)),
      io.signal,
    );
    endProgress(io);
    io.stderr(
      `[tranche] seed=${spec.seed} refDate=${spec.refDate} wrote ${result.records} CDRs for ${result.subscribers} subscribers to ${out} (${result.anomalies} anomalies in ${result.files.truth})\n`,
    );
    return io.signal.aborted ? 3 : 0;
  },
});

export const generateCommand = defineCommand({
  meta: {
    name: "generate",
    description: "Generate seeded synthetic data",
    usage: "tranche generate <base|traffic|usage> [options]",
  },
  args: {},
  subCommands: { base, traffic, usage },
});
