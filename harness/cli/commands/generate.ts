/** `tranche generate base|traffic`: seeded synthetic data files. */
import { writeFile } from "node:fs/promises";
import { Temporal } from "temporal-polyfill";
import { SubscriberSchema, TrancheError } from "../../../domain/index.ts";
import { generateBase, generateTraffic, toNdjson } from "../../../generators/index.ts";
import { DEFAULT_REF_DATE, DEFAULT_SEED } from "../../defaults.ts";
import { readNdjsonFile } from "../../files.ts";
import { defineCommand, intArg } from "../command.ts";

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
  out: { type: "string", description: "Output file (NDJSON)", valueHint: "<file>" },
} as const;

/** Parses an ISO instant flag, naming the flag in the error. */
export function instantArg(value: string, flag: string): Temporal.Instant {
  try {
    return Temporal.Instant.from(value);
  } catch {
    throw new TrancheError(
      "E_USAGE",
      `--${flag} must be an ISO instant such as ${DEFAULT_REF_DATE}, got "${value}".`,
    );
  }
}

function requireOut(out: string | undefined): string {
  if (!out)
    throw new TrancheError("E_USAGE", "--out is required.", "Give the file to write, e.g. --out base.ndjson");
  return out;
}

const base = defineCommand({
  meta: { name: "generate base", description: "Generate a seeded subscriber base (NDJSON)" },
  args: common,
  async run({ args, io }) {
    const out = requireOut(args.out);
    const seed = intArg(args.seed, "seed", DEFAULT_SEED);
    const count = intArg(args.subscribers, "subscribers", 1000, 1);
    const refDate = instantArg(args["ref-date"] ?? DEFAULT_REF_DATE, "ref-date");
    await writeFile(out, toNdjson(generateBase({ seed, refDate, count })));
    io.stderr(`[tranche] seed=${seed} refDate=${refDate} wrote ${count} subscribers to ${out}\n`);
    return 0;
  },
});

const traffic = defineCommand({
  meta: { name: "generate traffic", description: "Generate seeded provisioning traffic (NDJSON)" },
  args: {
    ...common,
    base: {
      type: "string",
      description: "Base file to draw subscribers from (else generated from the seed)",
    },
    duration: {
      type: "string",
      description: "Window length in seconds",
      valueHint: "<sec>",
      default: "3600",
    },
  },
  async run({ args, io }) {
    const out = requireOut(args.out);
    const seed = intArg(args.seed, "seed", DEFAULT_SEED);
    const refDate = instantArg(args["ref-date"] ?? DEFAULT_REF_DATE, "ref-date");
    const durationSec = intArg(args.duration, "duration", 3600, 1);
    const subscribers = args.base
      ? await readNdjsonFile(SubscriberSchema, args.base)
      : [...generateBase({ seed, refDate, count: intArg(args.subscribers, "subscribers", 1000, 1) })];
    const events = generateTraffic({ seed, from: refDate, durationSec }, subscribers);
    await writeFile(out, toNdjson(events));
    io.stderr(`[tranche] seed=${seed} refDate=${refDate} wrote ${events.length} events to ${out}\n`);
    return 0;
  },
});

export const generateCommand = defineCommand({
  meta: {
    name: "generate",
    description: "Generate seeded synthetic data",
    usage: "tranche generate <base|traffic> [options]",
  },
  args: {},
  subCommands: { base, traffic },
});
