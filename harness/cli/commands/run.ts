import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Temporal } from "temporal-polyfill";
import { REPORTERS, renderVerdictTable } from "../../../reports/index.ts";
import { PROFILE_NAMES } from "../../../scenarios/index.ts";
import { configFingerprint, mergeGates, type ResolvedConfig } from "../../config/index.ts";
import { DEFAULT_REF_DATE, DEFAULT_SEED } from "../../defaults.ts";
import { readTrafficFile } from "../../files.ts";
import { exitCodeOf } from "../../gates/verdict.ts";
import { createJournal } from "../../run/journal.ts";
import { runReadiness } from "../../run/run-readiness.ts";
import type { RunResult } from "../../run/run-result.ts";
import { openTarget } from "../../targets/open-target.ts";
import { defineCommand, intArg } from "../command.ts";
import { loadProfile } from "../load-profile.ts";
import { createProgress } from "../progress.ts";
import { instantArg } from "./generate.ts";

const args = {
  profile: { type: "string", description: `Profile: ${PROFILE_NAMES.join(", ")}`, valueHint: "<name>" },
  target: {
    type: "string",
    description:
      "`reference` (embedded reference destination), the destination's base URL, `process:<command>` or `container:<image>`",
    valueHint: "<target>",
  },
  seed: { type: "string", description: "Seed of every random choice", valueHint: "<n>" },
  "ref-date": { type: "string", description: "Reference instant of the generated data", valueHint: "<iso>" },
  subscribers: {
    type: "string",
    description: "Number of subscribers (overrides the profile)",
    valueHint: "<n>",
  },
  rate: { type: "string", description: "Arrival rate in events/s (overrides the profile)", valueHint: "<n>" },
  defects: {
    type: "string",
    description: "Defect profiles of the embedded reference destination, comma-separated",
    valueHint: "<a,b>",
  },
  traffic: {
    type: "string",
    description: "Replay this provisioning traffic file (NDJSON) instead of generating traffic from the seed",
    valueHint: "<file>",
  },
  out: { type: "string", description: "Report folder (default: tranche-report)", valueHint: "<dir>" },
  config: {
    type: "string",
    description: "Config file (default: ./tranche.config.ts or .json if present)",
    valueHint: "<file>",
  },
  json: { type: "boolean", description: "Print only the run result as JSON on stdout" },
  strict: { type: "boolean", description: "Exit 1 on READY WITH FINDINGS too" },
} as const;

export const runCommand = defineCommand({
  meta: {
    name: "run",
    description:
      "Run a readiness profile against a destination and write report.json, junit.xml, summary.md, report.html",
  },
  args,
  async run({ args, io }) {
    const {
      config,
      file: configFile,
      profile,
    } = await loadProfile(args.config, args.profile, io.cwd, "smoke");
    const profileName = profile.name;
    const trafficFile = args.traffic ? await readTrafficFile(resolve(io.cwd, args.traffic)) : undefined;
    const traffic = trafficFile?.events;
    const settings = {
      ...profile.settings,
      ...config.settings,
      ...(args.subscribers ? { subscribers: intArg(args.subscribers, "subscribers", 1, 1) } : {}),
      ...(args.rate ? { ratePerSec: intArg(args.rate, "rate", 1, 1) } : {}),
    };
    const resolved: ResolvedConfig = {
      seed: args.seed ? intArg(args.seed, "seed", DEFAULT_SEED) : (config.seed ?? DEFAULT_SEED),
      refDate: instantArg(args["ref-date"] ?? config.refDate ?? DEFAULT_REF_DATE, "ref-date").toString(),
      profile: profileName,
      target: args.target ?? config.target ?? "reference",
      defects: args.defects !== undefined ? args.defects.split(",").filter(Boolean) : (config.defects ?? []),
      tokenEnv: config.tokenEnv ?? "TRANCHE_TARGET_TOKEN",
      out: resolve(io.cwd, args.out ?? config.out ?? "tranche-report"),
      settings,
      gates: mergeGates(profile.gates, config.gates),
      trafficDigest: trafficFile?.digest ?? null,
      file: configFile,
    };
    const fingerprint = configFingerprint(resolved);
    if (!args.json) {
      io.stderr(
        `[tranche] run profile=${resolved.profile} seed=${resolved.seed} refDate=${resolved.refDate} config=${fingerprint}${
          resolved.file ? ` (${resolved.file})` : ""
        }\n`,
      );
    }

    mkdirSync(resolved.out, { recursive: true });
    const journalFile = join(resolved.out, "journal.ndjson");
    rmSync(journalFile, { force: true });
    const journal = createJournal(journalFile, () => Temporal.Now.instant().toString());
    const target = await openTarget(resolved.target, {
      defects: resolved.defects,
      tokenEnv: resolved.tokenEnv,
      env: io.env,
      connections: settings.concurrency,
    });
    const progress = createProgress(io);
    let result: RunResult;
    try {
      result = await runReadiness({
        profile: { ...profile, settings, gates: resolved.gates },
        seed: resolved.seed,
        refDate: Temporal.Instant.from(resolved.refDate),
        ...(traffic ? { traffic } : {}),
        configFingerprint: fingerprint,
        adapter: target.adapter,
        target: target.info,
        journal,
        signal: io.signal,
        clock: () => Temporal.Now.instant(),
        progress: progress.update,
      });
    } finally {
      progress.finish();
      await target.close();
    }

    for (const reporter of Object.values(REPORTERS)) {
      writeFileSync(join(resolved.out, reporter.file), reporter.render(result));
    }
    if (args.json) io.stdout(REPORTERS.json?.render(result) ?? "");
    else {
      io.stdout(renderVerdictTable(result));
      io.stdout(`\nReports: ${join(resolved.out, "report.html")} (and report.json, junit.xml, summary.md)\n`);
    }
    return exitCodeOf(result.verdict, args.strict);
  },
});
