/** `tranche capture import`: captured traffic (HAR, NDJSON logs, CSV base exports) → canonical NDJSON. */
import { readFileSync } from "node:fs";
import { inputError, TrancheError } from "../../domain/index.ts";
import {
  createFileSink,
  createPseudonymizer,
  importCaptures,
  parseCaptureMapping,
  pseudonymKeyFrom,
} from "../../generators/index.ts";
import { defineCommand } from "../command.ts";

function readInput(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw inputError(file, undefined, code === "ENOENT" ? "no such file" : (error as Error).message);
  }
}

function writeNdjson(file: string, records: readonly unknown[]): void {
  const sink = createFileSink(file);
  for (const r of records) sink.write(`${JSON.stringify(r)}\n`);
  sink.close();
}

const importCommand = defineCommand({
  meta: {
    name: "capture import",
    description: "Import HAR / NDJSON request logs / CSV base exports as pseudonymized canonical NDJSON",
    usage:
      "tranche capture import <file…> --mapping <map.json> --out <events.ndjson> [--base-out <base.ndjson>]",
  },
  args: {
    mapping: { type: "string", description: "Mapping file (docs/capture-mapping.md)", valueHint: "<file>" },
    out: { type: "string", description: "Canonical event log to write", valueHint: "<file>" },
    "base-out": {
      type: "string",
      description: "Canonical base from CSV inputs (default <out>.base.ndjson)",
      valueHint: "<file>",
    },
  },
  async run({ args, positionals, io }) {
    if (positionals.length === 0)
      throw new TrancheError("E_USAGE", "no capture files given.", "Run `tranche capture import --help`.");
    if (!args.mapping || !args.out) throw new TrancheError("E_USAGE", "--mapping and --out are required.");
    const key = pseudonymKeyFrom(io.env);
    const mappingText = readInput(args.mapping);
    let mappingValue: unknown;
    try {
      mappingValue = JSON.parse(mappingText);
    } catch (error) {
      throw inputError(args.mapping, undefined, `not valid JSON (${(error as Error).message}).`);
    }
    const mapping = parseCaptureMapping(mappingValue, args.mapping);
    const inputs = positionals.map((file) => ({ file, text: readInput(file) }));
    const result = importCaptures(inputs, mapping, createPseudonymizer(key));
    writeNdjson(args.out, result.events);
    const baseOut = args["base-out"] ?? `${args.out}.base.ndjson`;
    if (result.subscribers.length > 0) writeNdjson(baseOut, result.subscribers);
    io.stderr(
      `[tranche] imported ${result.events.length} events to ${args.out}${result.subscribers.length > 0 ? ` and ${result.subscribers.length} subscribers to ${baseOut}` : ""} (${result.skipped} unmapped requests skipped; personal data pseudonymized)\n`,
    );
    return 0;
  },
});

export const captureCommand = defineCommand({
  meta: {
    name: "capture",
    description: "Work with captured production traffic",
    usage: "tranche capture import <file…> [options]",
  },
  args: {},
  subCommands: { import: importCommand },
});
