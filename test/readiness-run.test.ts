/**
 * runReadiness over an in-memory destination: verdicts, the state gate's evidence, and what an
 * interrupted run leaves behind.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { createJournal, type Profile, provisioningEvents, runReadiness } from "../harness/index.ts";
import { PROFILES } from "../scenarios/index.ts";
import { createMemoryAdapter, type MemoryAdapterOptions } from "./support/memory-adapter.ts";

const smoke = PROFILES.smoke as Profile;
const small: Profile = { ...smoke, settings: { ...smoke.settings, subscribers: 60, ratePerSec: 2000 } };
let tick = 0;
const clock = () => Temporal.Instant.fromEpochMilliseconds(1_770_000_000_000 + tick++ * 1000);

function run(
  adapterOptions: MemoryAdapterOptions,
  signal = new AbortController().signal,
  journalFile: string | null = null,
) {
  const adapter = createMemoryAdapter(adapterOptions);
  return runReadiness({
    profile: small,
    seed: 3,
    refDate: Temporal.Instant.from("2026-03-01T00:00:00Z"),
    configFingerprint: "test",
    adapter,
    target: { kind: "memory", description: adapter.describe(), defects: [] },
    journal: createJournal(journalFile, () => "t"),
    signal,
    clock,
  });
}

describe("runReadiness", () => {
  it("is READY when the destination applies every event", async () => {
    const result = await run({});
    expect(result.verdict).toBe("READY");
    expect(result.gates.every((g) => g.status === "passed")).toBe(true);
    expect(result.seed).toBe(3);
  });

  it("is NOT READY when plan changes are silently dropped, naming the subscribers", async () => {
    const result = await run({ silentPlanChange: true });
    expect(result.verdict).toBe("NOT READY");
    const gate = result.gates.find((g) => g.id === "state_mismatches");
    expect(gate?.status).toBe("failed");
    expect(gate?.evidence.summary).toMatch(/differ from the shadow model: sub-\d{8}/);
    const fields = new Set(((gate?.evidence.items ?? []) as Array<{ field: string }>).map((i) => i.field));
    expect([...fields]).toEqual(["planId"]);
  });

  it("leaves an incomplete result and a journal when interrupted", async () => {
    const out = mkdtempSync(join(tmpdir(), "tranche-int-"));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const slow: Profile = { ...small, settings: { ...small.settings, ratePerSec: 200 } };
    const adapter = createMemoryAdapter({ delayMs: 1 });
    const result = await runReadiness({
      profile: slow,
      seed: 3,
      refDate: Temporal.Instant.from("2026-03-01T00:00:00Z"),
      configFingerprint: "test",
      adapter,
      target: { kind: "memory", description: "memory", defects: [] },
      journal: createJournal(join(out, "journal.ndjson"), () => "t"),
      signal: controller.signal,
      clock,
    });
    expect(result.complete).toBe(false);
    expect(result.verdict).toBe("INCOMPLETE");
    expect(result.incompleteReason).toMatch(/interrupted/);
    const sent = result.scenarios[0]?.measurements.find((m) => m.name === "events_sent")?.value ?? 0;
    expect(sent).toBeGreaterThan(0);
    const kinds = readFileSync(join(out, "journal.ndjson"), "utf8")
      .trim()
      .split("\n")
      .map((l) => (JSON.parse(l) as { kind: string }).kind);
    expect(kinds[0]).toBe("run-start");
    expect(kinds).toContain("measurement");
    expect(kinds.at(-1)).toBe("run-end");
  });
});

describe("runReadiness with given traffic", () => {
  it("replays exactly the events it is given, in their order", async () => {
    const adapter = createMemoryAdapter();
    const traffic = provisioningEvents({
      seed: 8,
      refDate: Temporal.Instant.from("2026-03-01T00:00:00Z"),
      settings: { ...small.settings, subscribers: 5 },
    }).slice(0, 9);
    const result = await runReadiness({
      profile: small,
      seed: 3,
      refDate: Temporal.Instant.from("2026-03-01T00:00:00Z"),
      traffic,
      configFingerprint: "test",
      adapter,
      target: { kind: "memory", description: "memory", defects: [] },
      journal: createJournal(null, () => "t"),
      signal: new AbortController().signal,
      clock,
    });
    expect(adapter.applied.map((e) => e.id).sort()).toEqual(traffic.map((e) => e.id).sort());
    expect(result.scenarios[0]?.measurements.find((m) => m.name === "events_sent")?.value).toBe(9);
  });
});
