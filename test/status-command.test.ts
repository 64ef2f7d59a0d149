/**
 * `tranche status` as customer care calls it on a report.json: counts by authoritative system, every
 * line as CSV or JSON, one subscriber, a filter; bad input is one line and exit 2.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RunResult } from "../domain/index.ts";
import { REPORTERS } from "../reports/index.ts";
import { cli } from "./support/cli.ts";
import { sampleRunResult } from "./support/run-result.ts";

function withStatus(): RunResult {
  const base = sampleRunResult();
  const row = (subscriber: string, authority: string, lastResult: string) => ({
    subscriber,
    msisdn: "+447700900001",
    authority,
    since: "2026-03-29T00:00:00Z",
    cohort: "c1",
    lastReconciledAt: "2026-03-29T00:00:00Z",
    lastResult,
  });
  const suite = {
    ...(base.suites[0] as RunResult["suites"][number]),
    id: "parallel-run.reconciliation",
    sections: [
      {
        kind: "table" as const,
        id: "migration-status",
        title: "Migration status per subscriber",
        columns: [],
        rows: [
          row("pr-1", "destination", "match"),
          row("pr-2", "rolled back", 'unexplained drift: planId "A", "B"'),
          row("pr-3", "legacy", "not reconciled"),
        ],
        totalRows: 3,
      },
    ],
  };
  return { ...base, suites: [...base.suites, suite] };
}

function write(result: RunResult): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), "tranche-status-"));
  const file = join(dir, "report.json");
  writeFileSync(file, REPORTERS.json?.render(result) ?? "");
  return { dir, file };
}

describe("tranche status", () => {
  it("counts lines by authoritative system, and prints every line as CSV or JSON", async () => {
    const { file } = write(withStatus());
    const summary = await cli(["status", file]);
    expect(summary.code).toBe(0);
    expect(summary.stdout).toMatch(/migration status of 3 subscribers/);
    expect(summary.stdout).toMatch(/rolled back\s+1/);
    const csv = await cli(["status", file, "--format", "csv"]);
    expect(csv.stdout.split("\n")[0]).toBe(
      "subscriber,msisdn,authority,since,cohort,lastReconciledAt,lastResult,suite",
    );
    expect(csv.stdout).toContain(
      'pr-2,+447700900001,rolled back,2026-03-29T00:00:00Z,c1,2026-03-29T00:00:00Z,"unexplained drift: planId ""A"", ""B""",parallel-run.reconciliation',
    );
    const json = JSON.parse(
      (await cli(["status", file, "--format", "json", "--authority", "legacy"])).stdout,
    );
    expect(json.subscribers.map((r: { subscriber: string }) => r.subscriber)).toEqual(["pr-3"]);
    const one = JSON.parse((await cli(["status", file, "--format", "json", "--subscriber", "pr-1"])).stdout);
    expect(one.subscribers).toHaveLength(1);
  });

  it("refuses a run without migration status, an unknown format and an unknown subscriber with exit 2", async () => {
    const { file } = write(sampleRunResult());
    const none = await cli(["status", file]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/has no migration status/);
    const other = write(withStatus()).file;
    expect((await cli(["status", other, "--format", "xml"])).code).toBe(2);
    const missing = await cli(["status", other, "--subscriber", "nobody"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no migration status for subscriber "nobody"/);
  });
});
