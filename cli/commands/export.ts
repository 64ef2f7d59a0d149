/** `tranche export k6`: a suite's replay plan as a k6 script, data shards, thresholds and README. */
import { join } from "node:path";
import { Temporal } from "temporal-polyfill";
import { TrancheError } from "../../domain/index.ts";
import { exportK6, HARNESS_VERSION, planSuites } from "../../harness/index.ts";
import { LOAD_ARGS, PROFILE_ARGS, WORLD_ARGS } from "../args.ts";
import { defineCommand, intArg } from "../command.ts";
import { prepareFolder, writeOutputFile } from "../output.ts";
import { resolveRunConfig } from "../resolve-run-config.ts";

const k6 = defineCommand({
  meta: {
    name: "export k6",
    description:
      "Write a suite's replay as a k6 script + data shards (per-subscriber lanes) + thresholds + README",
    usage: "tranche export k6 --suite <id> --out <dir> [options]",
  },
  args: {
    suite: {
      type: "string",
      description: "Suite whose replay plan to export (e.g. provisioning.replay)",
      valueHint: "<id>",
    },
    out: { type: "string", description: "Output folder", valueHint: "<dir>" },
    ...PROFILE_ARGS,
    ...WORLD_ARGS,
    rate: LOAD_ARGS.rate,
    lanes: { type: "string", description: "Lanes (shards, one VU each)", valueHint: "<n>", default: "64" },
  },
  async run({ args, io }) {
    if (!args.suite || !args.out) {
      throw new TrancheError(
        "E_USAGE",
        "--suite and --out are required.",
        "e.g. tranche export k6 --suite provisioning.replay --out k6/",
      );
    }
    const run = await resolveRunConfig(args, { cwd: io.cwd, defaultProfile: "smoke" });
    const { config } = run;
    const planned = run.profile.suites.find((s) => s.suite.id === args.suite);
    if (!planned) {
      throw new TrancheError(
        "E_USAGE",
        `suite "${args.suite}" is not in profile ${config.profile}.`,
        `Suites of ${config.profile}: ${run.profile.suites.map((s) => s.suite.id).join(", ")}.`,
      );
    }
    const only = { ...run.profile, suites: [planned] };
    const [entry] = planSuites(only, config.seed, Temporal.Instant.from(config.refDate), run.traffic);
    const replay = entry?.plan.replay;
    if (!replay) {
      throw new TrancheError(
        "E_USAGE",
        `suite "${args.suite}" has no replay plan to export: it does not send provisioning traffic.`,
        "Export a replaying suite such as provisioning.replay.",
      );
    }
    const files = exportK6({
      suite: planned.suite.id,
      events: replay.events,
      schedule: replay.schedule,
      ...(replay.arrival ? { arrival: replay.arrival } : {}),
      gates: run.profile.gates.filter((g) => g.suite === planned.suite.id).map((g) => g.spec),
      lanes: intArg(args.lanes, "lanes", 64, 1, 10_000),
      seed: config.seed,
      refDate: config.refDate,
      harnessVersion: HARNESS_VERSION,
      configFingerprint: run.fingerprint,
    });
    prepareFolder(config.out);
    for (const file of files) writeOutputFile(config.out, file.path, file.content);
    io.stderr(
      `[tranche] export k6 suite=${planned.suite.id} seed=${config.seed} refDate=${config.refDate} config=${run.fingerprint}: ${replay.events.length} events, ${files.length - 3} lanes → ${config.out}\n`,
    );
    io.stdout(`${join(config.out, "script.js")}\n`);
    return 0;
  },
});

/** `tranche export`: suites for other load engines (k6). */
export const exportCommand = defineCommand({
  meta: {
    name: "export",
    description: "Export a suite's replay for another load engine (k6)",
    usage: "tranche export k6 --suite <id> --out <dir>",
  },
  args: {},
  subCommands: { k6 },
});
