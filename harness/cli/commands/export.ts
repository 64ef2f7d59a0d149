import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { Temporal } from "temporal-polyfill";
import { TrancheError } from "../../../domain/index.ts";
import { PROFILE_NAMES } from "../../../scenarios/index.ts";
import { configFingerprint, mergeGates, type ResolvedConfig } from "../../config/index.ts";
import { DEFAULT_REF_DATE, DEFAULT_SEED } from "../../defaults.ts";
import { exportK6 } from "../../export/k6-export.ts";
import { readTrafficFile } from "../../files.ts";
import { replayPlan } from "../../run/provisioning-check.ts";
import { HARNESS_VERSION } from "../../version.ts";
import { defineCommand, intArg } from "../command.ts";
import { loadProfile } from "../load-profile.ts";
import { instantArg } from "./generate.ts";

const k6 = defineCommand({
  meta: {
    name: "export k6",
    description: "Write a scenario as a k6 script + data shards (per-subscriber lanes) + thresholds + README",
    usage: "tranche export k6 --scenario <name> --out <dir> [options]",
  },
  args: {
    scenario: {
      type: "string",
      description: "Scenario to export (e.g. provisioning-replay)",
      valueHint: "<name>",
    },
    out: { type: "string", description: "Output folder", valueHint: "<dir>" },
    profile: {
      type: "string",
      description: `Profile for settings and gates: ${PROFILE_NAMES.join(", ")}`,
      valueHint: "<name>",
    },
    seed: { type: "string", description: "Seed of every random choice", valueHint: "<n>" },
    "ref-date": {
      type: "string",
      description: "Reference instant of the generated data",
      valueHint: "<iso>",
    },
    subscribers: {
      type: "string",
      description: "Number of subscribers (overrides the profile)",
      valueHint: "<n>",
    },
    rate: {
      type: "string",
      description: "Arrival rate in events/s (overrides the profile)",
      valueHint: "<n>",
    },
    lanes: { type: "string", description: "Lanes (shards, one VU each)", valueHint: "<n>", default: "64" },
    traffic: {
      type: "string",
      description: "Export this traffic file (NDJSON) instead of generated traffic",
      valueHint: "<file>",
    },
    config: {
      type: "string",
      description: "Config file (default: ./tranche.config.ts or .json)",
      valueHint: "<file>",
    },
  },
  async run({ args, io }) {
    if (!args.scenario || !args.out) {
      throw new TrancheError(
        "E_USAGE",
        "--scenario and --out are required.",
        "e.g. tranche export k6 --scenario provisioning-replay --out k6/",
      );
    }
    const {
      config,
      file: configFile,
      profile,
    } = await loadProfile(args.config, args.profile, io.cwd, "smoke");
    const profileName = profile.name;
    const scenario = profile.scenarios.find((s) => s.name === args.scenario);
    if (!scenario) {
      throw new TrancheError(
        "E_USAGE",
        `scenario "${args.scenario}" is not in profile ${profileName}.`,
        `Scenarios: ${profile.scenarios.map((s) => s.name).join(", ")}.`,
      );
    }
    const settings = {
      ...profile.settings,
      ...config.settings,
      ...(args.subscribers ? { subscribers: intArg(args.subscribers, "subscribers", 1, 1) } : {}),
      ...(args.rate ? { ratePerSec: intArg(args.rate, "rate", 1, 1) } : {}),
    };
    const trafficFile = args.traffic ? await readTrafficFile(resolve(io.cwd, args.traffic)) : undefined;
    const traffic = trafficFile?.events;
    const resolved: ResolvedConfig = {
      seed: args.seed ? intArg(args.seed, "seed", DEFAULT_SEED) : (config.seed ?? DEFAULT_SEED),
      refDate: instantArg(args["ref-date"] ?? config.refDate ?? DEFAULT_REF_DATE, "ref-date").toString(),
      profile: profileName,
      target: config.target ?? "reference",
      defects: [],
      tokenEnv: config.tokenEnv ?? "TRANCHE_TARGET_TOKEN",
      out: resolve(io.cwd, args.out),
      settings,
      gates: mergeGates(profile.gates, config.gates),
      trafficDigest: trafficFile?.digest ?? null,
      file: configFile,
    };
    const plan = replayPlan({
      seed: resolved.seed,
      refDate: Temporal.Instant.from(resolved.refDate),
      settings,
      ...(traffic ? { traffic } : {}),
    });
    const files = exportK6({
      scenario: scenario.name,
      events: plan.events,
      schedule: plan.schedule,
      ...(settings.arrival ? { arrival: settings.arrival } : {}),
      gates: resolved.gates,
      lanes: intArg(args.lanes, "lanes", 64, 1),
      seed: resolved.seed,
      refDate: resolved.refDate,
      harnessVersion: HARNESS_VERSION,
      configFingerprint: configFingerprint(resolved),
    });
    for (const file of files) {
      const path = join(resolved.out, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
    }
    io.stderr(
      `[tranche] export k6 scenario=${scenario.name} seed=${resolved.seed} refDate=${resolved.refDate}: ${plan.events.length} events, ${files.length - 3} lanes → ${resolved.out}\n`,
    );
    io.stdout(`${join(resolved.out, "script.js")}\n`);
    return 0;
  },
});

/** `tranche export`: scenarios for other load engines (k6). */
export const exportCommand = defineCommand({
  meta: {
    name: "export",
    description: "Export a scenario for another load engine (k6)",
    usage: "tranche export k6 --scenario <name> --out <dir>",
  },
  args: {},
  subCommands: { k6 },
});
