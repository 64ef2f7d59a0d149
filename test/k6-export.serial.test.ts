/**
 * The k6 export on a real k6 binary (k6 v1.3, `../shared/tools/k6/k6` or `TRANCHE_K6` or `k6` on
 * PATH): the smoke profile's export, run against the embedded reference destination on loopback,
 * sends every event at its time, keeps each subscriber's order, and `tranche check --state` judges
 * it READY; against slow-under-load and leaks-5xx-under-load k6 itself exits 99; a two-runner run
 * merged by Tranche gets the same verdict as one runner, and one runner's output alone is
 * INCOMPLETE. Without a binary these tests skip and say so — in CI (`CI=true`) they fail instead.
 *
 * Serial: the load defects decide by seconds (the reference is tuned as in
 * support/gate-proof.ts: 20 requests/s threshold, 20 ms per request/s of excess), and
 * a shared machine must not decide them.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import type { RunResult } from "../domain/index.ts";
import { parseShardText, shardFile } from "../harness/export/k6-export.ts";
import { openTarget, parseK6Output } from "../harness/index.ts";
import { cli } from "./support/cli.ts";
import { locateK6, runK6 } from "./support/k6-binary.ts";

const K6 = locateK6();
const TOKEN = "reference-bss-token";
const TUNING = { loadThresholdRps: 20, overloadDelayMsPerRps: 20 };
const LANES = "16";

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A fresh embedded reference destination on loopback; its URL. */
async function destination(defects: readonly string[] = []): Promise<string> {
  const target = await openTarget("reference", {
    defects,
    tokenEnv: "TRANCHE_TARGET_TOKEN",
    env: {},
    connections: 16,
    reference: TUNING,
  });
  closers.push(() => target.close());
  return target.baseUrl as string;
}

/** Exports the smoke profile's replay for `url` into a new folder. */
async function exportSmoke(url: string, extra: string[] = []): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), "tranche-k6-real-"));
  const run = await cli([
    "export",
    "k6",
    "--suite",
    "provisioning.replay",
    "--target",
    url,
    "--out",
    out,
    "--lanes",
    LANES,
    ...extra,
  ]);
  expect(run.code, run.stderr).toBe(0);
  mkdirSync(join(out, "results"), { recursive: true });
  return out;
}

/** Runs one runner of the export (all lanes, or one execution segment of `of`). */
function runner(dir: string, output: string, segment?: { index: number; of: number }) {
  const args: string[] = ["--out", `json=${output}`, "--summary-export", summaryOf(output)];
  if (segment) {
    const cut = ["0", ...Array.from({ length: segment.of - 1 }, (_, i) => `${i + 1}/${segment.of}`), "1"];
    args.push(
      "--execution-segment",
      `${cut[segment.index]}:${cut[segment.index + 1]}`,
      "--execution-segment-sequence",
      cut.join(","),
    );
  }
  return runK6(K6 as string, [...args, "script.js"], { cwd: dir, env: { TRANCHE_TARGET_TOKEN: TOKEN } });
}

/** Where a runner's --summary-export goes: beside results/, not in it (check reads every .json there). */
const summaryOf = (output: string) => `${output.replace("/results/", "/")}.summary.json`;

/** Thresholds k6 reported as failed, from --summary-export (true = crossed). */
function failedThresholds(summaryFile: string): string[] {
  const summary = JSON.parse(readFileSync(summaryFile, "utf8")) as {
    metrics: Record<string, { thresholds?: Record<string, boolean> }>;
  };
  const failed: string[] = [];
  for (const [metric, m] of Object.entries(summary.metrics))
    for (const [threshold, crossed] of Object.entries(m.thresholds ?? {}))
      if (crossed) failed.push(`${metric} ${threshold}`);
  return failed.sort();
}

/** The export's event count, the answers in a runner's output and its tranche_unsent count. */
function accountOf(dir: string, output: string): { events: number; answers: number; unsent: number } {
  const manifest = JSON.parse(readFileSync(join(dir, "tranche-export.json"), "utf8")) as { events: number };
  const answers = parseK6Output(gunzipSync(readFileSync(output)).toString("utf8"), output);
  const metrics = JSON.parse(readFileSync(summaryOf(output), "utf8")).metrics as Record<
    string,
    { count?: number }
  >;
  return { events: manifest.events, answers: answers.length, unsent: metrics.tranche_unsent?.count ?? 0 };
}

/** How many points of `metric` a runner's --out json holds, by their `name` tag. */
function pointsByName(output: string, metric: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of gunzipSync(readFileSync(output)).toString("utf8").split("\n")) {
    if (!line.includes(`"metric":"${metric}"`)) continue;
    const point = JSON.parse(line) as { type: string; metric: string; data?: { tags?: { name?: string } } };
    if (point.type !== "Point" || point.metric !== metric) continue;
    const name = point.data?.tags?.name ?? "";
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

async function check(dir: string, outputs: string[]): Promise<{ code: number; result: RunResult }> {
  const run = await cli(
    ["check", "--state", "--export", dir, ...outputs, "--out", join(dir, "report"), "--json"],
    { env: { TRANCHE_TARGET_TOKEN: TOKEN } },
  );
  expect(run.stderr).toBe("");
  return { code: run.code, result: JSON.parse(run.stdout) as RunResult };
}

const gateStatuses = (result: RunResult) => Object.fromEntries(result.gates.map((g) => [g.id, g.status]));

describe.skipIf(K6 !== undefined)("k6 export on a real k6 binary", () => {
  if (process.env.CI === "true") {
    it("finds a k6 binary (required in CI)", () => {
      throw new Error(
        "no k6 binary: set TRANCHE_K6, or put k6 at ../shared/tools/k6/k6 or on PATH; CI must run the k6 export tests",
      );
    });
  } else {
    it.skip("needs a k6 binary: set TRANCHE_K6, or put k6 at ../shared/tools/k6/k6 or on PATH", () => {});
  }
});

describe.skipIf(K6 === undefined)("k6 export on a real k6 binary", () => {
  it("sends every smoke event in per-subscriber order and is judged READY without a replay", async () => {
    const url = await destination();
    const dir = await exportSmoke(url);
    const output = join(dir, "results", "all.json.gz");
    const k6 = await runner(dir, output);
    expect(k6.code, k6.stderr).toBe(0);
    expect(failedThresholds(summaryOf(output))).toEqual([]);

    const manifest = JSON.parse(readFileSync(join(dir, "tranche-export.json"), "utf8")) as { events: number };
    const answers = parseK6Output(gunzipSync(readFileSync(output)).toString("utf8"), output);
    expect(answers).toHaveLength(manifest.events);
    expect(new Set(answers.map((a) => a.k)).size).toBe(manifest.events);
    // Per subscriber, each event was sent only after the previous one was answered.
    const all = Array.from({ length: Number(LANES) }, (_, i) =>
      parseShardText(readFileSync(join(dir, shardFile(i)), "utf8")),
    ).flat();
    const byK = new Map(answers.map((a) => [a.k, a]));
    const lastDone = new Map<string, number>();
    for (const e of all.sort((a, b) => a.k - b.k)) {
      const a = byK.get(e.k);
      if (!a) throw new Error(`event ${e.k} has no answer`);
      const doneMs = e.t + a.latencyMs;
      const sentMs = doneMs - a.serviceMs;
      expect(sentMs + 0.5).toBeGreaterThanOrEqual(lastDone.get(e.sub) ?? 0);
      // Paced: nothing leaves before its intended time.
      expect(sentMs + 0.5).toBeGreaterThanOrEqual(e.t);
      lastDone.set(e.sub, doneMs);
    }

    const { code, result } = await check(dir, [output]);
    expect(result.verdict, JSON.stringify(result.gates.filter((g) => g.status !== "passed"))).toBe("READY");
    expect(code).toBe(0);
    expect(result.suites[0]?.notes.join(" ")).toContain("sent no write");
  });

  it("exits 99 against slow-under-load: latency from intended send time fails the threshold", async () => {
    const dir = await exportSmoke(await destination(["slow-under-load"]), ["--drain-sec", "5"]);
    const output = join(dir, "results", "slow.json.gz");
    const k6 = await runner(dir, output);
    expect(k6.code).toBe(99);
    expect(failedThresholds(summaryOf(output))).toContain("tranche_latency p(99)<800");
    // Every event is either answered in the output or counted unsent: none is lost between the two.
    const { events, answers, unsent } = accountOf(dir, output);
    expect(answers + unsent).toBe(events);
    if (unsent > 0) expect(failedThresholds(summaryOf(output))).toContain("tranche_unsent count==0");
  });

  it("starts nothing after maxDuration: a lane still behind then leaves its rest unsent, exit 99, INCOMPLETE", async () => {
    const dir = await exportSmoke(await destination(["slow-under-load"]), ["--drain-sec", "1"]);
    const output = join(dir, "results", "deadline.json.gz");
    const k6 = await runner(dir, output);
    expect(k6.code).toBe(99);
    expect(failedThresholds(summaryOf(output))).toContain("tranche_unsent count==0");
    const { events, answers, unsent } = accountOf(dir, output);
    expect(unsent).toBeGreaterThan(0);
    expect(answers + unsent).toBe(events);
    const { code, result } = await check(dir, [output]);
    expect(result.verdict).toBe("INCOMPLETE");
    expect(code).toBe(3);
    expect(result.incompleteReason ?? "").toContain("were never sent");
  });

  it("exits 99 against leaks-5xx-under-load, and the state check says NOT READY", async () => {
    // With a gate scoped to one operation too: k6's requests carry it as `name`, and a threshold
    // filtering them on another tag would match no sample and pass.
    const config = join(mkdtempSync(join(tmpdir(), "tranche-k6-config-")), "gates.json");
    writeFileSync(
      config,
      JSON.stringify({
        gates: [
          {
            id: "activation_errors",
            description: "activation error rate",
            expression: "rate(errors) < 1%",
            operation: "activation",
            suite: "provisioning.replay",
            severity: "major",
          },
        ],
      }),
    );
    const dir = await exportSmoke(await destination(["leaks-5xx-under-load"]), ["--config", config]);
    const output = join(dir, "results", "leak.json.gz");
    const k6 = await runner(dir, output);
    expect(k6.code).toBe(99);
    expect(failedThresholds(summaryOf(output))).toContain("http_req_failed rate<0.01");
    expect(failedThresholds(summaryOf(output))).toContain("http_req_failed{name:activation} rate<0.01");
    // Failed activations make later writes look their subscriber up; k6's error rate counts the events
    // sent, as Tranche's does: no http_req_failed sample for a lookup, one for every other request.
    const requests = pointsByName(output, "http_reqs");
    const failed = pointsByName(output, "http_req_failed");
    expect(requests.lookup ?? 0).toBeGreaterThan(0);
    expect(failed.lookup).toBeUndefined();
    expect(failed).toEqual(
      Object.fromEntries(Object.entries(requests).filter(([name]) => name !== "lookup")),
    );
    // The defect answers 503 (health included) while the last second's rate is above its threshold:
    // the check comes after the load, as it would in the field.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const { code, result } = await check(dir, [output]);
    expect(result.verdict, result.incompleteReason ?? "").toBe("NOT READY");
    expect(code).toBe(1);
    expect(gateStatuses(result).error_rate).toBe("failed");
  });

  it("stops before any request without the token variable tranche run reads; archives without it", async () => {
    const dir = await exportSmoke("http://127.0.0.1:9");
    const k6 = await runK6(K6 as string, ["script.js"], { cwd: dir, env: {} });
    // 108: aborted by the script (exec.test.abort) before its first request.
    expect(k6.code).toBe(108);
    expect(k6.stderr + k6.stdout).toContain("TRANCHE_TARGET_TOKEN is not set");
    // The k6-operator route: an archive made without the token (an archive keeps -e variables).
    const archive = spawnSync(K6 as string, ["archive", "script.js", "-O", "tranche.tar"], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? "" },
      encoding: "utf8",
    });
    expect(archive.status, archive.stderr).toBe(0);
    const fromArchive = await runK6(K6 as string, ["tranche.tar"], { cwd: dir, env: {} });
    expect(fromArchive.code).toBe(108);
  });

  it("gives two runners merged by Tranche the verdict of one, and one runner alone INCOMPLETE", async () => {
    const single = await exportSmoke(await destination());
    const one = join(single, "results", "all.json.gz");
    expect((await runner(single, one)).code).toBe(0);
    const oneRunner = await check(single, [one]);

    const split = await exportSmoke(await destination(), ["--segments", "2"]);
    const outputs = [0, 1].map((i) => join(split, "results", `segment-${i}.json.gz`));
    const runs = await Promise.all(outputs.map((o, i) => runner(split, o, { index: i, of: 2 })));
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const halves = outputs.map((o) => parseK6Output(gunzipSync(readFileSync(o)).toString("utf8"), o).length);
    expect(halves.every((h) => h > 0)).toBe(true);

    const merged = await check(split, [join(split, "results")]);
    expect(merged.result.verdict).toBe(oneRunner.result.verdict);
    expect(merged.result.verdict).toBe("READY");
    expect(gateStatuses(merged.result)).toEqual(gateStatuses(oneRunner.result));

    const partial = await check(split, [outputs[0] as string]);
    expect(partial.result.verdict).toBe("INCOMPLETE");
    expect(partial.code).toBe(3);
    expect(partial.result.incompleteReason).toContain(`answer ${halves[0]} of`);
  });
});
