/**
 * `tranche check --state`: the verdict on an external load run of an export (k6, one runner or
 * many). It re-plans the export from its manifest, merges the runners' `--out json` outputs into
 * the replay they performed, and runs the exported suite over that replay against the destination
 * with its writes taken away: the shadow model judges every answer, the destination's state is read
 * back and compared, every gate is evaluated over the whole run. Nothing is replayed, so nothing k6
 * did not send is filled in: an event without an answer makes the run INCOMPLETE.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { Temporal } from "temporal-polyfill";
import { fileProblem, TrancheError } from "../../domain/index.ts";
import {
  exitCodeOf,
  MANIFEST_FILE,
  parseK6Manifest,
  planSuites,
  readOnlyTarget,
  recordedK6Replay,
} from "../../harness/index.ts";
import { REPORTERS, renderVerdictTable } from "../../reports/index.ts";
import { defineCommand } from "../command.ts";
import { executeRun } from "../execute-run.ts";
import { resolveRunConfig } from "../resolve-run-config.ts";

/** The output files named by the positionals: files as given, folders' *.json and *.json.gz in name order. */
function outputFiles(paths: readonly string[], cwd: string): string[] {
  const files: string[] = [];
  for (const given of paths) {
    const path = resolve(cwd, given);
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch (error) {
      throw new TrancheError("E_INPUT", `could not read ${given}: ${fileProblem(error)}.`);
    }
    if (!isDir) files.push(path);
    else {
      for (const name of readdirSync(path).sort()) {
        if (name.endsWith(".json") || name.endsWith(".json.gz")) files.push(join(path, name));
      }
    }
  }
  return files;
}

function readOutput(file: string): string {
  try {
    const raw = readFileSync(file);
    return (file.endsWith(".gz") ? gunzipSync(raw) : raw).toString("utf8");
  } catch (error) {
    throw new TrancheError("E_INPUT", `could not read ${file}: ${fileProblem(error)}.`);
  }
}

export const checkCommand = defineCommand({
  meta: {
    name: "check",
    description:
      "Judge an external load run of an export: --state merges the k6 runners' outputs, reads the destination (no write) and compares it with the shadow model of the exported plan; every gate over the whole run",
    usage:
      "tranche check --state --export <dir> <k6-output.json[.gz]|dir>... [--out <dir>] [--json] [--strict]",
  },
  args: {
    state: {
      type: "boolean",
      description:
        "Check the destination's state and the k6 answers against the shadow model of the exported plan",
    },
    export: {
      type: "string",
      description: `Folder \`tranche export k6\` wrote (holds ${MANIFEST_FILE})`,
      valueHint: "<dir>",
    },
    out: { type: "string", description: "Report folder (default: tranche-report)", valueHint: "<dir>" },
    json: { type: "boolean", description: "Print only the run result as JSON on stdout" },
    strict: { type: "boolean", description: "Exit 1 on READY WITH FINDINGS too" },
  },
  async run({ args, positionals, io }) {
    if (!args.state || !args.export) {
      throw new TrancheError(
        "E_USAGE",
        "--state and --export are required.",
        "e.g. tranche check --state --export k6/ k6/results/*.json.gz",
      );
    }
    const folder = resolve(io.cwd, args.export);
    const manifestFile = join(folder, MANIFEST_FILE);
    let manifestText: string;
    try {
      manifestText = readFileSync(manifestFile, "utf8");
    } catch (error) {
      throw new TrancheError(
        "E_INPUT",
        `could not read ${manifestFile}: ${fileProblem(error)}.`,
        "Pass the folder `tranche export k6` wrote with --export.",
      );
    }
    const manifest = parseK6Manifest(manifestText, manifestFile);
    const run = await resolveRunConfig(
      { ...manifest.flags, ...(args.out !== undefined ? { out: args.out } : {}) },
      { cwd: io.cwd, defaultProfile: "smoke" },
    );
    const tokenEnv = run.config.tokenEnv;
    if (!io.env[tokenEnv]) {
      // Never the reference destination's default token against a URL: the reads use k6's credential.
      throw new TrancheError(
        "E_USAGE",
        `${tokenEnv} is not set: check --state reads ${manifest.target} with the bearer token k6 used, from that variable.`,
        `e.g. ${tokenEnv}=… tranche check --state --export ${args.export} …`,
      );
    }
    const planned = run.profile.suites.find((s) => s.suite.id === manifest.suite);
    if (!planned) {
      throw new TrancheError(
        "E_INPUT",
        `${manifestFile}: suite "${manifest.suite}" is not in profile ${run.config.profile}.`,
      );
    }
    const only = {
      ...run.profile,
      suites: [planned],
      gates: run.profile.gates.filter((g) => g.suite === planned.suite.id),
    };
    const [entry] = planSuites(only, run.config.seed, Temporal.Instant.from(run.config.refDate), run.traffic);
    const replayPlan = entry?.plan.replay;
    if (!replayPlan) {
      throw new TrancheError("E_INPUT", `${manifestFile}: suite "${manifest.suite}" plans no replay.`);
    }
    const files = outputFiles(positionals, io.cwd);
    const options = planned.options as { seriesWindowMs?: number; lateThresholdMs?: number };
    const recorded = recordedK6Replay({
      manifest,
      manifestFile,
      events: replayPlan.events,
      schedule: replayPlan.schedule,
      configFingerprint: run.fingerprint,
      outputs: files.map((file) => ({ file, text: readOutput(file) })),
      ...(options.seriesWindowMs !== undefined ? { windowMs: options.seriesWindowMs } : {}),
      ...(options.lateThresholdMs !== undefined ? { lateThresholdMs: options.lateThresholdMs } : {}),
    });
    if (!args.json) {
      io.stderr(
        `[tranche] check --state: ${recorded.replay.sent} of ${recorded.replay.total} events answered in ${files.length} k6 output${files.length === 1 ? "" : "s"} (${recorded.perOutput.map((o) => o.answers).join(" + ")})\n`,
      );
    }
    const result = await executeRun({ ...run, profile: only }, io, {
      command: "check --state",
      quiet: args.json,
      recordedReplays: new Map([[planned.suite.id, recorded.replay]]),
      adaptTarget: readOnlyTarget,
    });
    if (args.json) io.stdout(REPORTERS.json?.render(result) ?? "");
    else {
      io.stdout(renderVerdictTable(result));
      io.stdout(
        `\nReports: ${join(run.config.out, "report.html")} (and report.json, junit.xml, summary.md)\n`,
      );
    }
    return exitCodeOf(result.verdict, args.strict);
  },
});
