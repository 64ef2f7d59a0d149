/** `tranche destination serve`: the reference destination as a standalone server. */
import { TrancheError } from "../../domain/index.ts";
import { defineCommand, intArg } from "../command.ts";
import { readCatalogFile } from "../read-catalog.ts";

const serve = defineCommand({
  meta: {
    name: "destination serve",
    description: "Run the reference destination MVNE/BSS (prints its URL; Ctrl-C stops it cleanly)",
    usage:
      "tranche destination serve [--port N] [--host 127.0.0.1] [--data-dir DIR] [--catalog FILE] [--defects a,b] [--list-defects]",
  },
  args: {
    port: {
      type: "string",
      description: "Port to listen on (0 picks a free one)",
      valueHint: "<n>",
      default: "8080",
    },
    host: { type: "string", description: "Interface to bind", valueHint: "<addr>", default: "127.0.0.1" },
    "data-dir": {
      type: "string",
      description: "Directory of the SQLite database (in memory when absent)",
      valueHint: "<dir>",
    },
    catalog: {
      type: "string",
      description:
        'Plan catalog to sell instead of every country profile\'s plans: JSON {"plans": [...]} or an array of plans',
      valueHint: "<file>",
    },
    defects: {
      type: "string",
      description: "Defect profiles to switch on, comma-separated",
      valueHint: "<a,b>",
    },
    "list-defects": {
      type: "boolean",
      description: "List the defect profiles with the gate family that must catch each",
    },
    "clock-start": {
      type: "string",
      description:
        "Base instant of the test clock, or 'now' (clock moves made over the API persist in --data-dir)",
      valueHint: "<iso|now>",
    },
    "mnp-url": {
      type: "string",
      description: "MNP clearinghouse peer (e.g. from `tranche mocks serve`)",
      valueHint: "<url>",
    },
    "li-delivery-url": {
      type: "string",
      description: "X2 delivery endpoint for LI records",
      valueHint: "<url>",
    },
    "retention-months": {
      type: "string",
      description: "Data-retention window in months",
      valueHint: "<n>",
      default: "12",
    },
  },
  async run({ args, io }) {
    const { DEFAULT_CLOCK_START, frozenSource, renderDefectList, startReferenceDestination } = await import(
      "../../destination/index.ts"
    );
    if (args["list-defects"]) {
      io.stdout(renderDefectList());
      return 0;
    }
    const { Temporal } = await import("temporal-polyfill");
    const clockStart = args["clock-start"] ?? DEFAULT_CLOCK_START;
    let start: InstanceType<typeof Temporal.Instant>;
    try {
      // The CLI edge is the one place the wall clock may enter.
      start = clockStart === "now" ? Temporal.Now.instant() : Temporal.Instant.from(clockStart);
    } catch {
      throw new TrancheError(
        "E_USAGE",
        `--clock-start must be an ISO instant or "now", got "${clockStart}".`,
      );
    }
    const catalog = args.catalog ? readCatalogFile(args.catalog, io.cwd).plans : undefined;
    const destination = await startReferenceDestination({
      port: intArg(args.port, "port", 8080),
      host: args.host ?? "127.0.0.1",
      dataDir: args["data-dir"],
      ...(catalog ? { catalog } : {}),
      defects: (args.defects ?? "").split(",").filter((d) => d.trim().length > 0),
      clock: frozenSource(start),
      mnpUrl: args["mnp-url"],
      liDeliveryUrl: args["li-delivery-url"],
      retentionMonths: intArg(args["retention-months"], "retention-months", 12, 1),
      env: io.env,
    });
    const defects = args.defects ? ` defects: ${args.defects}` : " clean profile";
    const plans = catalog ? ` catalog: ${catalog.length} plans from ${args.catalog};` : "";
    io.stdout(`reference destination listening on ${destination.url}\n`);
    io.stderr(
      `[tranche] ${args["data-dir"] ? `data in ${args["data-dir"]}` : "in-memory store"},${defects};${plans} OpenAPI at ${destination.url}/openapi.json. Ctrl-C stops.\n`,
    );
    await new Promise<void>((resolve) => {
      if (io.signal.aborted) resolve();
      else io.signal.addEventListener("abort", () => resolve(), { once: true });
    });
    await destination.close();
    io.stderr("[tranche] reference destination stopped; database closed.\n");
    return 0;
  },
});

export const destinationCommand = defineCommand({
  meta: {
    name: "destination",
    description: "The reference destination MVNE/BSS",
    usage: "tranche destination serve [options]",
  },
  args: {},
  subCommands: { serve },
});
