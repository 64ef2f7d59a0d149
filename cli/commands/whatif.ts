/**
 * `tranche whatif`: Monte Carlo cohort planning. Reads the base (file or `inspect --json` summary),
 * the measured capacity and one or more cohort policies, runs every policy over the same seeded
 * luck, and prints the comparison (text, `--json` or `--csv`); `--out DIR` also writes the HTML page.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Temporal } from "temporal-polyfill";
import { TrancheError } from "../../domain/index.ts";
import { DEFAULT_REF_DATE, DEFAULT_SEED, HARNESS_VERSION } from "../../harness/index.ts";
import { MAX_RUNS, runWhatif, type WhatifResult } from "../../planner/index.ts";
import { defineCommand, instantArg, intArg } from "../command.ts";
import { createProgress } from "../progress.ts";
import {
  readAssumptionsFile,
  readBaseInput,
  readCapacityInput,
  readPolicyFiles,
} from "../whatif/read-whatif-inputs.ts";
import { renderWhatifCsv } from "../whatif/render-whatif-csv.ts";
import { renderWhatifHtml } from "../whatif/render-whatif-html.ts";
import { renderWhatifText } from "../whatif/render-whatif-text.ts";

const args = {
  base: {
    type: "string",
    description: "The base: a base file (NDJSON, or CSV) or its `tranche inspect --json` summary",
    valueHint: "<file>",
  },
  policy: {
    type: "string",
    description:
      'Cohort policy files (JSON), comma-separated; each holds one policy or { "policies": [...] }',
    valueHint: "<a.json,b.json>",
  },
  capacity: {
    type: "string",
    description: "The destination's capacity: the JSON of `tranche capacity --out`, or a run's report.json",
    valueHint: "<file>",
  },
  assumptions: {
    type: "string",
    description: "Uncertainty, load and cost assumptions (JSON; default: built in, see docs/whatif.md)",
    valueHint: "<file>",
  },
  runs: { type: "string", description: "Monte Carlo runs per policy", valueHint: "<n>", default: "1000" },
  seed: {
    type: "string",
    description: "Seed of every random draw",
    valueHint: "<n>",
    default: String(DEFAULT_SEED),
  },
  start: {
    type: "string",
    description: "First day of the programme, YYYY-MM-DD (default: the date of the base's reference instant)",
    valueHint: "<date>",
  },
  "ref-date": {
    type: "string",
    description: "Reading a base file: its extract instant (a line idle 90 days before it is inactive)",
    valueHint: "<iso>",
    default: DEFAULT_REF_DATE,
  },
  json: { type: "boolean", description: "Print only the result as JSON" },
  csv: { type: "boolean", description: "Print only the CSV table (a row per policy and per cohort)" },
  out: {
    type: "string",
    description: "Also write whatif.txt, whatif.json, whatif.csv and whatif.html to this folder",
    valueHint: "<dir>",
  },
} as const;

/** The result as JSON, numeric arrays on one line so the daily series stay readable. */
export function whatifJson(result: WhatifResult): string {
  return `${JSON.stringify(result, null, 2).replace(/\[\n\s+(-?[\d.e+-]+(?:,\n\s+-?[\d.e+-]+)*)\n\s+\]/g, (_, body: string) => `[${body.replace(/\s+/g, "")}]`)}\n`;
}

function startArg(value: string): string {
  try {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new RangeError(value);
    return Temporal.PlainDate.from(value).toString();
  } catch {
    throw new TrancheError("E_USAGE", `--start must be a date YYYY-MM-DD, got "${value}".`);
  }
}

export const whatifCommand = defineCommand({
  meta: {
    name: "whatif",
    description:
      "Simulate cohort migration policies (Monte Carlo): timeline, split-period bills, blast radius, load vs capacity",
    usage:
      "tranche whatif --base <file> --policy <a.json[,b.json…]> [--capacity <file>] [--assumptions <file>] [options]",
  },
  args,
  async run({ args, io }) {
    if (!args.base)
      throw new TrancheError(
        "E_USAGE",
        "--base is required.",
        "Give a base file or `tranche inspect --json` output.",
      );
    if (!args.policy)
      throw new TrancheError(
        "E_USAGE",
        "--policy is required.",
        "Give one or more policy files, comma-separated (docs/whatif.md).",
      );
    if (args.json && args.csv)
      throw new TrancheError(
        "E_USAGE",
        "--json and --csv cannot both print to stdout.",
        "Use --out to get every format.",
      );
    const runs = intArg(args.runs, "runs", 1000, 1, MAX_RUNS);
    const seed = intArg(args.seed, "seed", DEFAULT_SEED);
    const refDate = instantArg(args["ref-date"] ?? DEFAULT_REF_DATE, "ref-date").toString();
    const policies = readPolicyFiles(args.policy.split(",").filter(Boolean), io.cwd);
    const assumptions = readAssumptionsFile(args.assumptions, io.cwd);
    const capacity = args.capacity ? readCapacityInput(args.capacity, io.cwd) : null;
    const base = readBaseInput(args.base, io.cwd, refDate);
    const start = startArg(args.start ?? base.refDate.slice(0, 10));
    const quiet = args.json || args.csv;
    if (!quiet) {
      io.stderr(
        `[tranche] whatif seed=${seed} runs=${runs} start=${start} harness=${HARNESS_VERSION} base=${base.subscribers} subscribers (${base.source})${capacity ? ` capacity=${capacity.source}` : ""}\n`,
      );
    }
    const progress = createProgress(io);
    const result = runWhatif({
      base,
      capacity,
      policies,
      assumptions,
      runs,
      seed,
      start,
      harnessVersion: HARNESS_VERSION,
      onProgress: (policy, done, total) => progress.update(policy.slice(0, 24), done, total),
    });
    progress.finish();
    const text = renderWhatifText(result);
    if (args.out) {
      const dir = resolve(io.cwd, args.out);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "whatif.txt"), text);
      writeFileSync(join(dir, "whatif.json"), whatifJson(result));
      writeFileSync(join(dir, "whatif.csv"), renderWhatifCsv(result));
      writeFileSync(join(dir, "whatif.html"), renderWhatifHtml(result));
    }
    if (args.json) io.stdout(whatifJson(result));
    else if (args.csv) io.stdout(renderWhatifCsv(result));
    else {
      io.stdout(text);
      if (args.out)
        io.stdout(
          `\nWrote ${join(resolve(io.cwd, args.out), "whatif.html")} (and whatif.json, whatif.csv, whatif.txt)\n`,
        );
    }
    return 0;
  },
});
