/** `tranche capture import`: captured traffic (HAR, NDJSON logs, CSV base exports) → canonical NDJSON. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileProblem, inputError, parseJsonInput, stripBom, TrancheError } from "../../domain/index.ts";
import {
  checkOutputFile,
  createPseudonymizer,
  importCaptures,
  parseCaptureMapping,
  pseudonymKeyFrom,
  writeFileAtomic,
} from "../../generators/index.ts";
import { defineCommand } from "../command.ts";

function readInput(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw inputError(file, undefined, `${fileProblem(error)}.`);
  }
}

function writeNdjson(file: string, records: readonly unknown[]): void {
  writeFileAtomic(file, records.map((r) => `${JSON.stringify(r)}\n`).join(""));
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
    const at = (path: string) => resolve(io.cwd, path);
    const out = at(args.out);
    const baseOut = at(args["base-out"] ?? `${args.out}.base.ndjson`);
    checkOutputFile(out);
    checkOutputFile(baseOut);
    const mappingFile = at(args.mapping);
    const mappingValue = parseJsonInput(stripBom(readInput(mappingFile)), mappingFile);
    const mapping = parseCaptureMapping(mappingValue, mappingFile);
    const inputs = positionals.map((file) => ({ file: at(file), text: readInput(at(file)) }));
    const result = importCaptures(inputs, mapping, createPseudonymizer(key));
    writeNdjson(out, result.events);
    if (result.subscribers.length > 0) writeNdjson(baseOut, result.subscribers);
    io.stderr(
      `[tranche] imported ${result.events.length} events to ${out}${result.subscribers.length > 0 ? ` and ${result.subscribers.length} subscribers to ${baseOut}` : ""} (${result.skipped} unmapped requests skipped; personal data pseudonymized)\n`,
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
