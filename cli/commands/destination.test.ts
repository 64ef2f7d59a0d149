import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { allCountryPlans } from "../../domain/index.ts";
import { runCli } from "../main.ts";

const bin = fileURLToPath(new URL("../../bin/tranche.js", import.meta.url));
const auth = { authorization: "Bearer reference-bss-token", "content-type": "application/json" };
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function serve(args: string[]): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(process.execPath, [bin, "destination", "serve", "--port", "0", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, TRANCHE_REFERENCE_BSS_TOKEN: "", TRANCHE_REFERENCE_LI_TOKEN: "" },
  });
  children.push(child);
  let err = "";
  child.stderr?.on("data", (c: Buffer) => {
    err += c.toString();
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (c: Buffer) => {
      out += c.toString();
      const url = /(http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve({ child, url, stderr: () => err });
    });
    child.once("exit", (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.kill("SIGINT");
  });
}

function io(cwd = process.cwd()) {
  const out: string[] = [];
  const err: string[] = [];
  const stop = new AbortController();
  return {
    out,
    err,
    stop: () => stop.abort(),
    io: {
      stdout: (t: string) => out.push(t),
      stderr: (t: string) => err.push(t),
      interactive: false,
      env: {},
      cwd,
      signal: stop.signal,
    },
  };
}

describe("tranche destination serve", () => {
  it("prints its loopback URL, stops cleanly on SIGINT and keeps committed data across a restart", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "tranche-dest-"));
    dirs.push(dataDir);
    const first = await serve(["--data-dir", dataDir]);
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const created = await fetch(`${first.url}/v1/subscribers`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({
        externalId: "L1",
        msisdn: "+447700900123",
        imsi: "234150000000123",
        iccid: "8944000000000000123",
        planId: "PREPAID-S",
        paymentType: "prepaid",
        currency: "GBP",
        initialBalanceMinor: 100,
        anchorDay: 5,
        timezone: "Europe/London",
        at: "2026-03-02T09:00:00Z",
      }),
    });
    expect(created.status).toBe(201);
    await fetch(`${first.url}/v1/subscribers/S0000001/top-ups`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ amountMinor: 250, currency: "GBP", at: "2026-03-02T10:00:00Z" }),
    });
    await fetch(`${first.url}/v1/test/clock`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ advance: "P3D" }),
    });
    expect(await stop(first.child)).toBe(0);
    expect(first.stderr()).toContain("stopped");

    const second = await serve(["--data-dir", dataDir]);
    const read = await fetch(`${second.url}/v1/subscribers/S0000001`, { headers: auth });
    expect(await read.json()).toMatchObject({ id: "S0000001", balanceMinor: 350, planId: "PREPAID-S" });
    const clock = await fetch(`${second.url}/v1/test/clock`, { headers: auth });
    expect(await clock.json()).toEqual({ now: "2026-03-04T00:00:00Z" });
    expect(await stop(second.child)).toBe(0);
  });

  it("lists every defect profile with its gate family", async () => {
    const t = io();
    expect(await runCli(["destination", "serve", "--list-defects"], t.io)).toBe(0);
    const text = t.out.join("");
    for (const name of ["silent-plan-change", "reorder-drift", "leaks-5xx-under-load"])
      expect(text).toContain(name);
    expect(text).toContain("state_mismatches");
  });

  it("refuses an unknown defect with exit code 2 and the list of known ones", async () => {
    const t = io();
    expect(await runCli(["destination", "serve", "--defects", "nope"], t.io)).toBe(2);
    expect(t.err.join("")).toMatch(/unknown defect profile "nope".*Known defects: silent-plan-change/);
  });

  it("sells the plans of --catalog FILE, and refuses a bad catalog file with one line naming file and field, exit 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tranche-catalog-"));
    dirs.push(dir);
    const own = allCountryPlans().filter((p) => p.currency === "USD");
    writeFileSync(join(dir, "plans.json"), JSON.stringify({ plans: own }));
    writeFileSync(join(dir, "bad.json"), JSON.stringify([{ ...own[0], recurringFeeMinor: -1 }]));
    const bad = io(dir);
    expect(await runCli(["destination", "serve", "--port", "0", "--catalog", "bad.json"], bad.io)).toBe(2);
    const message = bad.err.join("");
    expect(message.trim().split("\n")).toHaveLength(1);
    expect(message).toMatch(/could not read bad\.json: "0\.recurringFeeMinor": /);
    const missing = io(dir);
    expect(await runCli(["destination", "serve", "--catalog", "nowhere.json"], missing.io)).toBe(2);
    expect(missing.err.join("")).toMatch(/could not read nowhere\.json: no such file/);

    const good = io(dir);
    const serving = runCli(["destination", "serve", "--port", "0", "--catalog", "plans.json"], good.io);
    let url: string | undefined;
    while (!url) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      url = /(http:\/\/\S+)/.exec(good.out.join(""))?.[1];
    }
    try {
      const catalog = await fetch(`${url}/v1/catalog`, { headers: auth });
      expect(await catalog.json()).toEqual({ items: own });
      expect(good.err.join("")).toContain(`catalog: ${own.length} plans from plans.json`);
    } finally {
      good.stop();
    }
    expect(await serving).toBe(0);
  });
});
