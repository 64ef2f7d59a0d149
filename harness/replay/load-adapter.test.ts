import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StallingServer, startStallingServer } from "../../test/support/stalling-server.ts";
import { syntheticEvents } from "../../test/support/synthetic-events.ts";
import { freePort } from "../targets/process-target.ts";
import { createLoadAdapter } from "./load-adapter.ts";

let server: StallingServer;
beforeAll(async () => {
  server = await startStallingServer();
});
afterAll(async () => {
  await server.close();
});

describe("load-only adapter", () => {
  it("reads the destination id of an activation and counts other writes by status", async () => {
    const adapter = createLoadAdapter({ baseUrl: server.url, token: "t", connections: 2 });
    const [activation, topUp] = syntheticEvents(2, 1, 1);
    expect(await adapter.apply(activation as never, undefined)).toEqual({
      status: 200,
      destinationId: "d-1",
    });
    expect(await adapter.apply(topUp as never, "d-1")).toEqual({ status: 200 });
    await adapter.close();
  });

  it("reports a refused connection as a failure, not an exception", async () => {
    const adapter = createLoadAdapter({ baseUrl: `http://127.0.0.1:${await freePort()}`, token: "t" });
    const [activation] = syntheticEvents(1, 1);
    const outcome = await adapter.apply(activation as never, undefined);
    expect(outcome.status).toBe(0);
    expect(["refused", "reset"]).toContain(outcome.failure?.kind);
    await adapter.close();
  });
});
