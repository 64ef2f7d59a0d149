/** `tranche run`: a profile's suites against a destination → verdict, exit code and the reports. */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { Temporal } from "temporal-polyfill";
import { type RunResult, TrancheError } from "../../domain/index.ts";
import {
  createJournal,
  exitCodeOf,
  HARNESS_VERSION,
  openTarget,
  planSuites,
  runSuites,
  unreachableTarget,
} from "../../harness/index.ts";
import { REPORTERS, renderVerdictTable } from "../../reports/index.ts";
import { LOAD_ARGS, PROFILE_ARGS, TARGET_ARGS, WORLD_ARGS } from "../args.ts";
import { defineCommand } from "../command.ts";
import { prepareFolder, writeOutputFile } from "../output.ts";
import { createProgress } from "../progress.ts";
import { type ResolvedRun, resolveRunConfig } from "../resolve-run-config.ts";

const args = {
  ...PROFILE_ARGS,
  ...TARGET_ARGS,
  ...WORLD_ARGS,
  ...LOAD_ARGS,
  out: { type: "string", description: "Report folder (default: tranche-report)", valueHint: "<dir>" },
  json: { type: "boolean", description: "Print only the run result as JSON on stdout" },
  strict: { type: "boolean", description: "Exit 1 on READY WITH FINDINGS too" },
  "dry-run": {
    type: "boolean",
    description: "Print each suite's plan (what it would send and check) and exit, without a destination",
  },
} as const;

/** The first log line: seed, reference date, harness version and config fingerprint. */
export function runHeader(command: string, run: ResolvedRun, version: string): string {
  const { config } = run;
  return `[tranche] ${command} profile=${config.profile} seed=${config.seed} refDate=${config.refDate} harness=${version} config=${run.fingerprint}${
    config.file ? ` (${config.file})` : ""
  }\n`;
}

/** A dry run's text: each suite's plan summary and checks. */
export function renderPlans(run: ResolvedRun): string {
  const plans = planSuites(
    run.profile,
    run.config.seed,
    Temporal.Instant.from(run.config.refDate),
    run.traffic,
  );
  const lines: string[] = [];
  for (const { planned, plan } of plans) {
    lines.push(`${planned.suite.id}${planned.required ? "" : " (optional)"}: ${plan.summary}`);
    lines.push(`  requires: ${planned.suite.requires.join(", ")}`);
    for (const check of plan.checks) lines.push(`  checks: ${check}`);
  }
  lines.push("", `gates: ${run.profile.gates.map((g) => `${g.spec.id} (${g.suite})`).join(", ")}`);
  return `${lines.join("\n")}\n`;
}

/** Connections to the target: the largest concurrency of any suite of the run (64 when none says). */
export function poolSize(run: ResolvedRun): number {
  const concurrencies = run.config.suites.map((s) => (s.options as { concurrency?: unknown }).concurrency);
  const numbers = concurrencies.filter((c): c is number => typeof c === "number");
  return numbers.length > 0 ? Math.max(...numbers) : 64;
}

export const runCommand = defineCommand({
  meta: {
    name: "run",
    description:
      "Run a readiness profile against a destination and write report.json, junit.xml, summary.md, report.html",
  },
  args,
  async run({ args, io }) {
    const run = await resolveRunConfig(args, { cwd: io.cwd, defaultProfile: "smoke" });
    if (args["dry-run"]) {
      io.stdout(renderPlans(run));
      return 0;
    }
    const { config } = run;
    prepareFolder(config.out);
    if (!args.json) io.stderr(runHeader("run", run, HARNESS_VERSION));

    const journalFile = join(config.out, "journal.ndjson");
    rmSync(journalFile, { force: true });
    const journal = createJournal(journalFile, () => Temporal.Now.instant().toString());
    const target = await openTarget(config.target, {
      defects: config.defects,
      tokenEnv: config.tokenEnv,
      env: io.env,
      connections: poolSize(run),
    }).catch((error: unknown) => {
      // A target that does not start still gets a report that says so (exit 3).
      if (!(error instanceof TrancheError) || error.code !== "E_TARGET") throw error;
      const description = `${config.target} (did not start)`;
      return {
        target: unreachableTarget(description, error),
        info: { kind: "unreachable", description, defects: [...config.defects] },
        close: async () => {},
      };
    });
    const progress = createProgress(io);
    let result: RunResult;
    try {
      result = await runSuites({
        profile: run.profile,
        seed: config.seed,
        refDate: Temporal.Instant.from(config.refDate),
        ...(run.traffic ? { traffic: run.traffic } : {}),
        configFingerprint: run.fingerprint,
        target: target.target,
        targetInfo: target.info,
        journal,
        signal: io.signal,
        clock: () => Temporal.Now.instant(),
        progress: progress.update,
      });
    } finally {
      progress.finish();
      await target.close();
    }

    for (const reporter of Object.values(REPORTERS))
      writeOutputFile(config.out, reporter.file, reporter.render(result));
    if (args.json) io.stdout(REPORTERS.json?.render(result) ?? "");
    else {
      io.stdout(renderVerdictTable(result));
      io.stdout(`\nReports: ${join(config.out, "report.html")} (and report.json, junit.xml, summary.md)\n`);
    }
    return exitCodeOf(result.verdict, args.strict);
  },
});
