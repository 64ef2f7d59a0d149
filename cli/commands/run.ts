/** `tranche run`: a profile's suites against a destination → verdict, exit code and the reports. */
import { join } from "node:path";
import { Temporal } from "temporal-polyfill";
import type { RunObserver } from "../../domain/index.ts";
import { exitCodeOf, planSuites } from "../../harness/index.ts";
import { REPORTERS, renderVerdictTable, verdictReason } from "../../reports/index.ts";
import { LOAD_ARGS, PROFILE_ARGS, TARGET_ARGS, WORLD_ARGS } from "../args.ts";
import { defineCommand, intArg } from "../command.ts";
import { executeRun } from "../execute-run.ts";
import { type LiveServer, startLiveServer } from "../live-server.ts";
import { type ResolvedRun, resolveRunConfig } from "../resolve-run-config.ts";

export { poolSize, runHeader } from "../execute-run.ts";

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
  serve: {
    type: "boolean",
    description:
      "Serve a live view of the run on 127.0.0.1 (progress per suite, live latency and throughput, gates as they settle); it stops when the run ends",
  },
  "serve-port": {
    type: "string",
    description: "Port of the live view (default: a free port)",
    valueHint: "<port>",
  },
} as const;

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
    let live: LiveServer | undefined;
    if (args.serve || args["serve-port"] !== undefined) {
      live = await startLiveServer(intArg(args["serve-port"], "serve-port", 0, 0, 65_535));
      io.stderr(`[tranche] live view: ${live.url}\n`);
    }
    const observer: RunObserver | undefined = live ? (event) => live?.publish(event) : undefined;
    try {
      const result = await executeRun(run, io, {
        command: "run",
        quiet: args.json,
        ...(observer ? { observer } : {}),
      });
      live?.publish({
        type: "reports",
        verdict: result.verdict,
        reason: verdictReason(result),
        folder: run.config.out,
      });
      if (args.json) io.stdout(REPORTERS.json?.render(result) ?? "");
      else {
        io.stdout(renderVerdictTable(result));
        io.stdout(
          `\nReports: ${join(run.config.out, "report.html")} (and report.json, junit.xml, summary.md)\n`,
        );
      }
      return exitCodeOf(result.verdict, args.strict);
    } finally {
      await live?.close();
    }
  },
});
