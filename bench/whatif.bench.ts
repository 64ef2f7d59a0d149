/**
 * `npm run bench:whatif`: Monte Carlo cohort planning over a 1,000,000-subscriber base. Generates
 * the base and its `inspect --json` summary (timed, for reference), then times `tranche whatif`
 * from the summary: the two example policies of docs/whatif/, 1,000 runs each, in one process
 * (reading, simulating, writing every format). Each policy's simulation alone is timed in-process
 * too. The last line is one JSON object: runs per policy, subscribers, seconds of the whole whatif.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AssumptionsSchema,
  CohortPolicySchema,
  readBaseStats,
  readCapacity,
  runWhatif,
} from "../planner/index.ts";

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 1000);
const root = new URL("..", import.meta.url).pathname;
const bin = join(root, "bin/tranche.js");
const policies = ["docs/whatif/cycle-aligned.json", "docs/whatif/weekly-20k.json"].map((p) => join(root, p));
const dir = mkdtempSync(join(tmpdir(), "tranche-bench-whatif-"));

function timed<T>(label: string, work: () => T): { value: T; seconds: number } {
  const t0 = performance.now();
  const value = work();
  const seconds = (performance.now() - t0) / 1000;
  console.log(`${label.padEnd(46)} ${seconds.toFixed(2).padStart(7)} s`);
  return { value, seconds };
}

function tranche(args: string[]): string {
  return execFileSync(process.execPath, [bin, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
    stdio: ["ignore", "pipe", "ignore"],
  });
}

try {
  const base = join(dir, "base.ndjson");
  const summaryFile = join(dir, "base.summary.json");
  const capacityFile = join(dir, "capacity.json");
  timed(`generate base (${SUBSCRIBERS.toLocaleString("en")} subscribers)`, () =>
    tranche([
      "generate",
      "base",
      "--seed",
      "7",
      "--subscribers",
      String(SUBSCRIBERS),
      "--country",
      "GB:0.6,DE:0.3,US:0.1",
      "--out",
      base,
    ]),
  );
  const summaryText = timed("inspect --json (planning strata)", () =>
    tranche(["inspect", base, "--json"]),
  ).value;
  execFileSync("sh", ["-c", `cat > ${JSON.stringify(summaryFile)}`], { input: summaryText });
  // A capacity file as `tranche capacity --out` writes it, so the load comparison runs too.
  const curve = (operation: string, knee: number) => ({
    operation,
    kneeRatePerSec: knee,
    points: [{ ratePerSec: knee }],
  });
  const capacity = {
    seed: 7,
    refDate: "2026-03-01T00:00:00Z",
    profile: "readiness",
    target: "reference",
    curves: [curve("activation", 400), curve("top_up", 800), curve("plan_change", 600)],
  };
  execFileSync("sh", ["-c", `cat > ${JSON.stringify(capacityFile)}`], { input: JSON.stringify(capacity) });

  const stats = readBaseStats(JSON.parse(readFileSync(summaryFile, "utf8")), summaryFile);
  console.log(
    `base: ${stats.subscribers.toLocaleString("en")} subscribers in ${stats.rows.length.toLocaleString("en")} strata`,
  );
  for (const file of policies) {
    const policy = CohortPolicySchema.parse(JSON.parse(readFileSync(file, "utf8")));
    const { value } = timed(`simulate "${policy.name}" × ${RUNS} runs`, () =>
      runWhatif({
        base: stats,
        capacity: readCapacity(capacity, "capacity.json"),
        policies: [policy],
        assumptions: AssumptionsSchema.parse({}),
        runs: RUNS,
        seed: 7,
        start: "2026-03-01",
        harnessVersion: "bench",
      }),
    );
    console.log(
      `  ${value.policies[0]?.cohortCount} cohorts, end p50 ${value.policies[0]?.end.p50}, p90 ${value.policies[0]?.end.p90}`,
    );
  }
  const whole = timed(`tranche whatif, 2 policies × ${RUNS} runs, all formats`, () =>
    tranche([
      "whatif",
      "--base",
      summaryFile,
      "--capacity",
      capacityFile,
      "--policy",
      policies.join(","),
      "--runs",
      String(RUNS),
      "--seed",
      "7",
      "--out",
      join(dir, "out"),
    ]),
  );
  console.log(
    JSON.stringify({ runs: RUNS, subscribers: stats.subscribers, seconds: Number(whole.seconds.toFixed(2)) }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
