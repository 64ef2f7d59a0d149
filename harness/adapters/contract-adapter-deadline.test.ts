/**
 * The contract adapter's overall request deadline: a destination that sends its headers and then
 * one byte every half second is cut off (a `timeout`, never a hang), requests that finish in time
 * are untouched by the shared deadline slots, and a request cut off by the caller's own signal is
 * `interrupted` — the harness's, not the destination's.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { ProvisioningEvent } from "../../domain/index.ts";
import { startMisbehavingTarget } from "../../test/support/misbehaving-target.ts";
import { startStallingServer } from "../../test/support/stalling-server.ts";
import { syntheticEvents } from "../../test/support/synthetic-events.ts";
import { createContractAdapter } from "./contract-adapter.ts";

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const event = syntheticEvents(1, 1)[0] as ProvisioningEvent;

describe("request deadline", () => {
  it("cuts a trickling answer off as a timeout", async () => {
    const target = await startMisbehavingTarget("trickle");
    const adapter = createContractAdapter({ baseUrl: target.url, token: "t", timeoutMs: 300 });
    closers.push(
      () => adapter.close(),
      () => target.close(),
    );
    const outcomes = await Promise.all(
      [0, 1, 2].map(() => adapter.capabilities.provisioning.apply(event, "d-1")),
    );
    for (const outcome of outcomes)
      expect(outcome.failure).toEqual({ kind: "timeout", message: "no complete answer within the deadline" });
  });

  it("leaves answers within the deadline alone, across many shared slots", async () => {
    const server = await startStallingServer({ serviceMs: 2 });
    const adapter = createContractAdapter({
      baseUrl: server.url,
      token: "t",
      timeoutMs: 2000,
      connections: 4,
    });
    closers.push(
      () => adapter.close(),
      () => server.close(),
    );
    const events = syntheticEvents(120, 120);
    const outcomes = await Promise.all(events.map((e) => adapter.capabilities.provisioning.apply(e, "d-1")));
    expect(outcomes.filter((o) => o.failure)).toEqual([]);
  });

  it("calls a request cut off by the caller's signal interrupted", async () => {
    const target = await startMisbehavingTarget("hang");
    const adapter = createContractAdapter({ baseUrl: target.url, token: "t", timeoutMs: 60_000 });
    closers.push(
      () => adapter.close(),
      () => target.close(),
    );
    const controller = new AbortController();
    const pending = adapter.capabilities.provisioning.apply(event, undefined, controller.signal);
    setTimeout(() => controller.abort(), 100);
    expect((await pending).failure?.kind).toBe("interrupted");
  });
});
