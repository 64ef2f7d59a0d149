/**
 * Lawful-intercept target identifiers never appear in what Tranche writes: the run's journal,
 * every report (JSON, JUnit, Markdown, HTML) and its progress output carry counts and XID hashes
 * only. Runs compliance.li against the reference destination — once clean and once with the BSS
 * token leaking LI data, the case where the destination's answers are full of identifiers — then
 * reads every byte written and looks for each target's MSISDN, IMSI, ICCID, legacy id and XID.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Temporal } from "temporal-polyfill";
import { afterEach, describe, expect, it } from "vitest";
import { createStream } from "../domain/index.ts";
import {
  createJournal,
  createWorld,
  openTarget,
  type Profile,
  resolveProfile,
  runSuites,
} from "../harness/index.ts";
import { REPORTERS } from "../reports/index.ts";
import { planLiRehearsal, SUITE_IDS, suiteById, targetIdentifiers } from "../scenarios/index.ts";

const SEED = 23;
const REF = Temporal.Instant.from("2026-03-01T00:00:00Z");
const WORLD = { subscribers: 50, windowSec: 3600, countries: "GB:0.6,DE:0.3,US:0.1" };
const OPTIONS = { targets: 3, deliveryTimeoutMs: 8000 };

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function runAndWrite(defects: string[]): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), "tranche-li-leak-"));
  const target = await openTarget("reference", { defects, tokenEnv: "X", env: {}, connections: 8 });
  closers.push(() => target.close());
  const profile: Profile = {
    name: "li-only",
    description: "compliance.li alone",
    world: WORLD,
    suites: [{ suite: "compliance.li", options: OPTIONS }],
    gates: [],
  };
  const progress: string[] = [];
  const result = await runSuites({
    profile: resolveProfile(profile, suiteById, SUITE_IDS),
    seed: SEED,
    refDate: REF,
    configFingerprint: "li-leak",
    target: target.target,
    targetInfo: target.info,
    journal: createJournal(join(out, "journal.ndjson"), () => "t"),
    signal: new AbortController().signal,
    clock: () => REF,
    progress: (label, done, total) => progress.push(`${label} ${done}/${total}`),
    observer: (event) => progress.push(JSON.stringify(event)),
  });
  expect(result.suites[0]?.status).toBe("complete");
  for (const reporter of Object.values(REPORTERS))
    writeFileSync(join(out, reporter.file), reporter.render(result));
  writeFileSync(join(out, "progress.log"), progress.join("\n"));
  return out;
}

function identifiers(): string[] {
  const world = createWorld({ seed: SEED, refDate: REF, spec: WORLD });
  const rehearsal = planLiRehearsal(
    world,
    { targets: OPTIONS.targets, legacyRecords: 41 },
    (name) => createStream(SEED, `compliance.li/${name}`),
    REF,
  );
  return targetIdentifiers(rehearsal);
}

describe("LI target identifiers", () => {
  it("are derived for every target (the check below looks for something)", () => {
    const ids = identifiers();
    // MSISDN, IMSI, ICCID and legacy id of 3 targets, and 3 XIDs.
    expect(ids).toHaveLength(15);
    expect(ids.some((id) => /^\+\d+$/.test(id))).toBe(true);
  });

  for (const defects of [[], ["li-visible-to-bss-token"]]) {
    it(`never appear in the journal, the reports or the progress output (${defects.join(",") || "clean"})`, async () => {
      const out = await runAndWrite(defects);
      const files = readdirSync(out);
      expect(files).toEqual(
        expect.arrayContaining(["journal.ndjson", "report.json", "report.html", "progress.log"]),
      );
      const written = files.map((f) => [f, readFileSync(join(out, f), "utf8")] as const);
      // The run did write about LI: the checklist and the XID hashes are there.
      expect(written.some(([, text]) => text.includes("Lawful intercept checklist"))).toBe(true);
      const leaks = identifiers().flatMap((id) =>
        written.filter(([, text]) => text.includes(id)).map(([f]) => f),
      );
      expect(leaks).toEqual([]);
    }, 60_000);
  }
});
