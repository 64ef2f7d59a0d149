import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../main.ts";

const bin = fileURLToPath(new URL("../../bin/tranche.js", import.meta.url));

describe("tranche mocks serve", () => {
  it("prints one loopback URL per peer, answers on them, and stops cleanly on SIGINT", async () => {
    const child = spawn(
      process.execPath,
      [bin, "mocks", "serve", "--faults", "payment-gateway:errorRate=1"],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const urls = await new Promise<Record<string, string>>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (c: Buffer) => {
        out += c.toString();
        const lines = out.split("\n").filter((l) => l.includes("http://"));
        if (lines.length === 6) {
          resolve(Object.fromEntries(lines.map((l) => l.trim().split(/\s+/) as [string, string])));
        }
      });
      child.once("exit", (code) => reject(new Error(`mocks serve exited with ${code}`)));
    });
    expect(Object.keys(urls)).toEqual([
      "legacy-bss",
      "hlr-hss",
      "mnp-clearinghouse",
      "payment-gateway",
      "li-delivery-sink",
      "mno-routing",
    ]);
    for (const url of Object.values(urls)) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const routing = await fetch(`${urls["mnp-clearinghouse"]}/v1/routing/+447700900001`);
    expect(await routing.json()).toEqual({ msisdn: "+447700900001", network: "HOME" });
    const payment = await fetch(`${urls["payment-gateway"]}/v1/authorizations`, {
      method: "POST",
      body: "{}",
    });
    expect(payment.status).toBe(503);
    const code = await new Promise<number | null>((resolve) => {
      child.once("exit", (c) => resolve(c));
      child.kill("SIGINT");
    });
    expect(code).toBe(0);
  });

  it("refuses a fault spec for an unknown peer with exit code 2", async () => {
    const err: string[] = [];
    const io = {
      stdout: () => {},
      stderr: (t: string) => err.push(t),
      interactive: false,
      env: {},
      cwd: process.cwd(),
      signal: new AbortController().signal,
    };
    expect(await runCli(["mocks", "serve", "--faults", "smsc:errorRate=1"], io)).toBe(2);
    expect(err.join("")).toContain('unknown peer "smsc"');
  });
});
