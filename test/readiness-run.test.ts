/**
 * The suite runner over an in-memory destination: verdicts, the state gate's evidence, namespaced
 * measurements, what an interrupted run leaves behind, and given traffic replayed as given.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { measurementOf } from "../domain/index.ts";
import { createJournal, createWorld, type Profile } from "../harness/index.ts";
import { PROFILES } from "../scenarios/index.ts";
import { createMemoryAdapter, type MemoryAdapterOptions } from "./support/memory-adapter.ts";
import { runProfile } from "./support/run-profile.ts";

/** Small, fast, and insensitive to a loaded machine: latency is not what these tests look at. */
const replayOptions = { ratePerSec: 2000, settleMs: 200, harnessLagBudgetMs: 60_000 };
const small = { world: { subscribers: 60 }, suites: { "provisioning.replay": replayOptions } };

function run(adapterOptions: MemoryAdapterOptions) {
  return runProfile("smoke", createMemoryAdapter(adapterOptions), small);
}

describe("runSuites", () => {
  it("is READY when the destination applies every event, with measurements under the suite's id", async () => {
    const result = await run({});
    expect(result.verdict).toBe("READY");
    expect(result.gates.every((g) => g.status === "passed")).toBe(true);
    expect(result.seed).toBe(3);
    expect(result.suites.map((s) => [s.id, s.status])).toEqual([["provisioning.replay", "complete"]]);
    expect(measurementOf(result, "provisioning.replay.state_mismatches")?.value).toBe(0);
    expect(result.suites[0]?.measurements.every((m) => m.name.startsWith("provisioning.replay."))).toBe(true);
    expect(result.gates.every((g) => g.suite === "provisioning.replay" && g.provenBy.length > 0)).toBe(true);
    expect(result.target.capabilities).toEqual(["provisioning", "state-read"]);
  });

  it("is NOT READY when plan changes are silently dropped, naming the subscribers", async () => {
    const result = await run({ silentPlanChange: true });
    expect(result.verdict).toBe("NOT READY");
    const gate = result.gates.find((g) => g.id === "state_mismatches");
    expect(gate?.status).toBe("failed");
    expect(gate?.evidence.summary).toMatch(/differ from the shadow model after 200 ms to settle: sub-\d{8}/);
    const fields = new Set(((gate?.evidence.items ?? []) as Array<{ field: string }>).map((i) => i.field));
    expect([...fields]).toEqual(["planId"]);
    const table = result.suites[0]?.sections.find((s) => s.kind === "table");
    expect(table?.kind === "table" && table.rows.length).toBeGreaterThan(0);
  });

  it("leaves an incomplete result and a journal when interrupted", async () => {
    const out = mkdtempSync(join(tmpdir(), "tranche-int-"));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const result = await runProfile("smoke", createMemoryAdapter({ delayMs: 1 }), {
      world: { subscribers: 60 },
      suites: { "provisioning.replay": { ...replayOptions, ratePerSec: 200 } },
      journal: createJournal(join(out, "journal.ndjson"), () => "t"),
      signal: controller.signal,
    });
    expect(result.complete).toBe(false);
    expect(result.verdict).toBe("INCOMPLETE");
    expect(result.incompleteReason).toMatch(/interrupted/);
    expect(measurementOf(result, "provisioning.replay.events_sent")?.value ?? 0).toBeGreaterThan(0);
    const kinds = readFileSync(join(out, "journal.ndjson"), "utf8")
      .trim()
      .split("\n")
      .map((l) => (JSON.parse(l) as { kind: string }).kind);
    expect(kinds[0]).toBe("run-start");
    expect(kinds).toContain("measurement");
    expect(kinds.at(-1)).toBe("run-end");
  });
});

describe("runSuites with given traffic", () => {
  it("replays exactly the events it is given, in their given order", async () => {
    const adapter = createMemoryAdapter();
    const generated = createWorld({
      seed: 8,
      refDate: Temporal.Instant.from("2026-03-01T00:00:00Z"),
      spec: { subscribers: 5, windowSec: 3600, eventTypes: ["activation", "top_up"] },
    }).traffic();
    // Activations first in generated order, then the rest reversed: an order no sort would produce.
    const activations = generated.filter((e) => e.type === "activation");
    const rest = generated.filter((e) => e.type !== "activation").reverse();
    const traffic = [...activations, ...rest];
    expect(traffic.map((e) => e.id)).not.toEqual(generated.map((e) => e.id));
    // No irregularities and no added refusals: exactly the given events.
    const plain = {
      ...PROFILES.smoke,
      suites: [{ suite: "provisioning.replay", options: { ...replayOptions, requiredRefusalShare: 0 } }],
    } as Profile;
    const result = await runProfile(plain, adapter, { traffic });
    // Per subscriber, the destination saw the given order (a replay that sorted by time would not).
    const bySubscriber = (events: readonly { subscriberId: string; id: string }[]) => {
      const out = new Map<string, string[]>();
      for (const e of events) out.set(e.subscriberId, [...(out.get(e.subscriberId) ?? []), e.id]);
      return out;
    };
    expect(bySubscriber(traffic)).not.toEqual(bySubscriber(generated));
    expect(bySubscriber(adapter.applied)).toEqual(bySubscriber(traffic));
    expect(adapter.applied).toHaveLength(traffic.length);
    expect(measurementOf(result, "provisioning.replay.events_sent")?.value).toBe(traffic.length);
  });
});
