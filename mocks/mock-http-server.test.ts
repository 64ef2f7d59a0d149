import { afterEach, describe, expect, it } from "vitest";
import { type ServedMocks, serveMocks } from "./mock-http-server.ts";
import { PEER_NAMES } from "./mock-peers.ts";

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
const asAny = (value: unknown): any => value;

let served: ServedMocks | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

describe("mocked peers over HTTP", () => {
  it("serves every peer on its own loopback port with the same handlers", async () => {
    served = await serveMocks();
    expect(Object.keys(served.urls)).toEqual([...PEER_NAMES]);
    for (const url of Object.values(served.urls)) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const put = await fetch(`${served.urls["hlr-hss"]}/v1/subscriptions/234150000000001`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ msisdn: "+447700900001" }),
    });
    expect(put.status).toBe(200);
    expect(served.world.hlr.get("234150000000001")?.msisdn).toBe("+447700900001");
  });

  it("answers unhandled requests with 404 unhandled_request and resets connections on demand", async () => {
    served = await serveMocks({ seed: 9 });
    const unknown = await fetch(`${served.urls["mno-routing"]}/nowhere`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json().then(asAny)).error.code).toBe("unhandled_request");
    served.setFaults("mno-routing", { resetRate: 1 });
    await expect(
      fetch(`${served.urls["mno-routing"]}/v1/route-checks`, { method: "POST", body: "{}" }),
    ).rejects.toThrow();
  });
});
