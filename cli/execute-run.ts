/**
 * The one run path of the profile-running commands (`run`, `certify`): the first log line, the
 * journal, the target, progress, the suites, and the reports written — so certify runs exactly
 * what run runs and only seals the result before it is written.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { Temporal } from "temporal-polyfill";
import { type RunObserver, type RunResult, TrancheError } from "../domain/index.ts";
import {
  createJournal,
  type DestinationTarget,
  HARNESS_VERSION,
  openTarget,
  type ReplayResult,
  runSuites,
  targetToken,
  unreachableTarget,
} from "../harness/index.ts";
import { REPORTERS, renderRunResultJsonSchema, SCHEMA_FILE } from "../reports/index.ts";
import type { CliIo } from "./command.ts";
import { prepareFolder, writeOutputFile } from "./output.ts";
import { createProgress } from "./progress.ts";
import type { ResolvedRun } from "./resolve-run-config.ts";

/** The first log line: seed, reference date, harness version and config fingerprint. */
export function runHeader(command: string, run: ResolvedRun, version: string): string {
  const { config } = run;
  return `[tranche] ${command} profile=${config.profile} seed=${config.seed} refDate=${config.refDate} harness=${version} config=${run.fingerprint}${
    config.file ? ` (${config.file})` : ""
  }\n`;
}

/** Connections to the target: the largest concurrency of any suite of the run (64 when none says). */
export function poolSize(run: ResolvedRun): number {
  const concurrencies = run.config.suites.map((s) => (s.options as { concurrency?: unknown }).concurrency);
  const numbers = concurrencies.filter((c): c is number => typeof c === "number");
  return numbers.length > 0 ? Math.max(...numbers) : 64;
}

/** Writes every reporter's file, and the JSON Schema that report.json's `$schema` names, into `out`. */
export function writeReports(out: string, result: RunResult): void {
  prepareFolder(out);
  for (const reporter of Object.values(REPORTERS))
    writeOutputFile(out, reporter.file, reporter.render(result));
  writeOutputFile(out, SCHEMA_FILE, renderRunResultJsonSchema());
}

export interface ExecuteOptions {
  /** The command's name in the first log line. */
  readonly command: string;
  /** Print nothing but JSON on stdout: no header on stderr. */
  readonly quiet: boolean;
  readonly observer?: RunObserver;
  /** Turns the run result into what is written (certify seals it). */
  readonly seal?: (result: RunResult) => RunResult;
  /** Replays already performed elsewhere (k6), by suite id (`check --state`). */
  readonly recordedReplays?: ReadonlyMap<string, ReplayResult>;
  /** Narrows the opened target before the suites see it (`check --state` takes its writes away). */
  readonly adaptTarget?: (target: DestinationTarget) => DestinationTarget;
}

/** Runs a resolved profile against its target and writes the reports; returns the written result. */
export async function executeRun(run: ResolvedRun, io: CliIo, options: ExecuteOptions): Promise<RunResult> {
  const { config } = run;
  // The report folder is checked before anything else is said or started.
  prepareFolder(config.out);
  if (/^https?:\/\//.test(config.target)) targetToken(config.target, config.tokenEnv, io.env);
  if (!options.quiet) io.stderr(runHeader(options.command, run, HARNESS_VERSION));
  const journalFile = join(config.out, "journal.ndjson");
  rmSync(journalFile, { force: true });
  const journal = createJournal(journalFile, () => Temporal.Now.instant().toString());
  const target = await openTarget(config.target, {
    defects: config.defects,
    tokenEnv: config.tokenEnv,
    env: io.env,
    connections: poolSize(run),
    timeoutMs: config.requestTimeoutMs,
    ...(run.profile.world.catalog ? { catalog: run.profile.world.catalog } : {}),
  }).catch((error: unknown) => {
    // A target that does not start still gets a report that says so (exit 3).
    if (!(error instanceof TrancheError) || error.code !== "E_TARGET") throw error;
    const description = `${config.target} (did not start)`;
    return {
      target: unreachableTarget(description, error),
      token: "",
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
      target: options.adaptTarget ? options.adaptTarget(target.target) : target.target,
      targetInfo: target.info,
      ...(options.recordedReplays ? { recordedReplays: options.recordedReplays } : {}),
      journal,
      signal: io.signal,
      clock: () => Temporal.Now.instant(),
      progress: progress.update,
      ...(options.observer ? { observer: options.observer } : {}),
    });
  } finally {
    progress.finish();
    await target.close();
  }
  const written = options.seal ? options.seal(result) : result;
  writeReports(config.out, written);
  return written;
}
