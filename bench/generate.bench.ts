/**
 * `npm run bench:generate`: subscribers/s, events/s and peak RSS for a 1,000,000-subscriber base
 * and a ~10,000,000-event traffic file, plus a naive faker-per-field generator as the baseline.
 * Each run is a child process (so its maxRSS is its own); base runs are repeated because the
 * machine's two cores are shared, and the best is reported. The last line is one JSON object.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const child = new URL("./generate-child.ts", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "tranche-bench-"));
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1_000_000);
const EVENT_LINES = Number(process.env.BENCH_TRAFFIC_LINES ?? 1_000_000);
const BASELINE = Number(process.env.BENCH_BASELINE ?? 100_000);

interface Run {
  readonly mode: string;
  readonly ms: number;
  readonly cpuMs: number;
  readonly count: number;
  readonly rssMb: number;
}

function measure(mode: string, count: number, extra: string): Run {
  const out = execFileSync(process.execPath, [child, mode, String(count), extra, dir], { encoding: "utf8" });
  const run = JSON.parse(out.trim().split("\n").pop() ?? "{}") as Run;
  const rate = Math.round(run.count / (run.ms / 1000));
  console.log(
    `${mode.padEnd(8)} ${run.count.toLocaleString("en").padStart(11)} in ${(run.ms / 1000).toFixed(2)} s = ${rate.toLocaleString("en")}/s, CPU ${(run.cpuMs / 1000).toFixed(2)} s, peak RSS ${run.rssMb.toFixed(0)} MB${extra ? ` (${mode === "base" ? `workers: ${extra}` : extra})` : ""}`,
  );
  return run;
}

try {
  // As `tranche generate base` runs: default threads (this thread + one worker on two cores).
  // Three runs because the machine's cores are shared; one in-thread run for comparison.
  const base = [
    measure("base", SUBSCRIBERS, "default"),
    measure("base", SUBSCRIBERS, "default"),
    measure("base", SUBSCRIBERS, "default"),
  ];
  measure("base", SUBSCRIBERS, "0");
  // 11.5 follow-ons a line on average (fewer are realized: terminations and port-outs end a
  // line's chain) plus the activation: ~10 events per line, ~10,000,000 in all.
  const traffic = measure("traffic", EVENT_LINES, "11.5");
  const baseline = measure("baseline", BASELINE, "");
  const best = base.reduce((a, b) => (b.count / b.ms > a.count / a.ms ? b : a));
  console.log(
    JSON.stringify({
      subscribers_per_s: Math.round(best.count / (best.ms / 1000)),
      events_per_s: Math.round(traffic.count / (traffic.ms / 1000)),
      peak_rss_mb: Math.round(Math.max(...base.map((r) => r.rssMb), traffic.rssMb)),
      baseline_subscribers_per_s: Math.round(baseline.count / (baseline.ms / 1000)),
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
