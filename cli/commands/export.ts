/** `tranche export k6`: a suite's replay plan as a paced k6 script, data shards, thresholds, manifest, README and k8s manifests. */
import { resolve } from "node:path";
import { Temporal } from "temporal-polyfill";
import { TrancheError } from "../../domain/index.ts";
import { exportK6, HARNESS_VERSION, planSuites } from "../../harness/index.ts";
import { LOAD_ARGS, PROFILE_ARGS, WORLD_ARGS } from "../args.ts";
import { defineCommand, intArg } from "../command.ts";
import { prepareFolder, writeOutputFile } from "../output.ts";
import { type RunFlags, resolveRunConfig } from "../resolve-run-config.ts";

/** The flags that decide the plan, as `tranche check --state` passes them back (paths made absolute). */
function planFlags(args: RunFlags, cwd: string, target: string): Record<string, string> {
  const flags: Record<string, string> = { target };
  for (const key of ["profile", "seed", "ref-date", "subscribers", "rate"] as const) {
    const value = args[key];
    if (value !== undefined) flags[key] = value;
  }
  if (args.config !== undefined) flags.config = resolve(cwd, args.config);
  if (args.traffic !== undefined) flags.traffic = resolve(cwd, args.traffic);
  return flags;
}

const k6 = defineCommand({
  meta: {
    name: "export k6",
    description:
      "Write a suite's replay as a paced k6 script (one VU per lane, each event at its intended time) + data shards + thresholds + manifest + README + k6-operator manifests; judge the k6 run afterwards with `tranche check --state`",
    usage: "tranche export k6 --suite <id> --target <url> --out <dir> [options]",
  },
  args: {
    suite: {
      type: "string",
      description: "Suite whose replay plan to export (e.g. provisioning.replay)",
      valueHint: "<id>",
    },
    target: {
      type: "string",
      description:
        "Base URL of the destination k6 will load (part of the config fingerprint; the token comes from the config's tokenEnv, default TRANCHE_TARGET_TOKEN)",
      valueHint: "<url>",
    },
    out: { type: "string", description: "Output folder", valueHint: "<dir>" },
    ...PROFILE_ARGS,
    ...WORLD_ARGS,
    rate: LOAD_ARGS.rate,
    lanes: { type: "string", description: "Lanes (shards, one VU each)", valueHint: "<n>", default: "64" },
    segments: {
      type: "string",
      description: "Runners the lanes are split over (k6 execution segments, k6-operator parallelism)",
      valueHint: "<n>",
      default: "1",
    },
    "drain-sec": {
      type: "string",
      description: "Seconds after the last intended send before k6 stops (unsent events then fail the run)",
      valueHint: "<s>",
      default: "30",
    },
  },
  async run({ args, io }) {
    if (!args.suite || !args.out || !args.target) {
      throw new TrancheError(
        "E_USAGE",
        "--suite, --target and --out are required.",
        "e.g. tranche export k6 --suite provisioning.replay --target http://destination:8080 --out k6/",
      );
    }
    if (!/^https?:\/\//.test(args.target)) {
      throw new TrancheError(
        "E_USAGE",
        `--target must be the destination's http(s) URL that k6 will reach, got "${args.target}".`,
        "For the reference destination, start `tranche destination serve` and pass the URL it prints.",
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
      segments: intArg(args.segments, "segments", 1, 1, 1000),
      drainMs: intArg(args["drain-sec"], "drain-sec", 30, 1, 86_400) * 1000,
      baseUrl: args.target,
      tokenEnv: config.tokenEnv,
      seed: config.seed,
      refDate: config.refDate,
      harnessVersion: HARNESS_VERSION,
      configFingerprint: run.fingerprint,
      flags: planFlags(args, io.cwd, args.target),
    });
    prepareFolder(config.out);
    for (const file of files) writeOutputFile(config.out, file.path, file.content);
    const lanes = files.filter((f) => f.path.startsWith("shards/")).length;
    io.stderr(
      `[tranche] export k6 suite=${planned.suite.id} seed=${config.seed} refDate=${config.refDate} config=${run.fingerprint}: ${replay.events.length} events, ${lanes} lanes → ${config.out}\n`,
    );
    io.stdout(`${resolve(config.out, "script.js")}\n`);
    return 0;
  },
});

/** `tranche export`: suites for other load engines (k6). */
export const exportCommand = defineCommand({
  meta: {
    name: "export",
    description: "Export a suite's replay for another load engine (k6)",
    usage: "tranche export k6 --suite <id> --target <url> --out <dir>",
  },
  args: {},
  subCommands: { k6 },
});
