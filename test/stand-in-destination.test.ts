/**
 * The plain-JS stand-in destination (docker/stand-in-destination.mjs) answers every activation
 * with a full subscriber state of the contract, so process and container targets built on it
 * read as valid destinations.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { DestinationSubscriberStateSchema } from "../destination/index.ts";
import { activation } from "../destination/test-helpers.ts";

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

function startStandIn(): Promise<string> {
  const child = spawn(process.execPath, ["docker/stand-in-destination.mjs"], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const url = /(http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve(url);
    });
    child.once("exit", (code) => reject(new Error(`stand-in exited with ${code}`)));
  });
}

describe("stand-in destination", () => {
  it("answers activations and later writes with a subscriber state the contract accepts", async () => {
    const url = await startStandIn();
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${url}${path}`, { method: "POST", body: JSON.stringify(body) });
      return { status: response.status, body: await response.json() };
    };
    const created = await post("/v1/subscribers", activation(1));
    expect(created.status).toBe(201);
    const state = DestinationSubscriberStateSchema.parse(created.body);
    expect(state).toMatchObject({ id: "d-L1", externalId: "L1", activatedAt: "2026-03-01T10:00:00Z" });
    const topUp = await post("/v1/subscribers/d-L1/top-ups", {
      amountMinor: 5,
      currency: "GBP",
      at: "2026-03-02T00:00:00Z",
    });
    expect(DestinationSubscriberStateSchema.safeParse(topUp.body).success).toBe(true);
  });
});
