/**
 * `tranche run --serve` in Debian's headless Chromium: the page served on 127.0.0.1 follows a real
 * smoke run against the embedded reference destination as it goes — progress per suite, replay
 * windows (live latency and throughput) arriving while the run is still running, gates as they
 * settle, the verdict — requesting nothing but its own origin and logging no error. And the page
 * keeps hostile text from the run inert.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** The page sets a strict CSP (no eval), so tests read it through locators, not evaluated strings. */
const textOf = async (page: Page, id: string) => (await page.textContent(`#${id}`)) ?? "";

import { startLiveServer } from "../cli/live-server.ts";
import { runCli } from "../cli/main.ts";
import type { RunResult } from "../domain/index.ts";
import { verdictReason } from "../reports/index.ts";
import { launchChromium } from "./support/chromium.ts";
import { HOSTILE } from "./support/run-result.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

function watch(page: Page, origin: string) {
  const foreign: string[] = [];
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(origin)) foreign.push(r.url());
  });
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  return { foreign, errors, dialogs };
}

describe("tranche run --serve", () => {
  it("serves a live page that follows the run: progress, windows while running, gates, verdict", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "tranche-live-"));
    // Short windows, so several close during a run of a few seconds.
    writeFileSync(
      join(cwd, "tranche.config.json"),
      JSON.stringify({ suites: { "provisioning.replay": { seriesWindowMs: 400 } } }),
    );
    let announce: (url: string) => void = () => {};
    const announced = new Promise<string>((resolve) => {
      announce = resolve;
    });
    // The page exists before the run starts, so only navigation remains once the URL is known.
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    const page = await context.newPage();
    let stderr = "";
    // 600 events at 20/s: a replay of about 30 s, far longer than the page takes to load on a loaded
    // CI machine (at 120/s a busy machine once finished the run before the page saw it running; at
    // 40/s one loaded the page only as the replay ended, and the suite had completed by the time its
    // status was read apart from the state).
    const running = runCli(["run", "--serve", "--rate", "20", "--out", join(cwd, "out")], {
      stdout: () => {},
      stderr: (t) => {
        stderr += t;
        const url = /live view: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr)?.[1];
        if (url) announce(url);
      },
      interactive: false,
      env: {},
      cwd,
      signal: new AbortController().signal,
    });
    const url = await announced;
    const seen = watch(page, url.replace(/\/$/, ""));
    await page.goto(url);
    // Windows arrive while the run is still running: the view is live, not a replay of the end. One
    // snapshot of the page holds all three: windows, the run's state and the suite's progress.
    await expect
      .poll(
        async () => [
          Number(await textOf(page, "windows")) >= 2,
          await textOf(page, "state"),
          /^(replay|compare) \d+\/\d+$/.test((await page.locator(".suite-row .status").textContent()) ?? ""),
        ],
        { timeout: 45_000, interval: 50 },
      )
      .toEqual([true, "running", true]);
    expect(await page.locator(".suite-row").count()).toBe(1);
    expect(await page.locator(".chart canvas").count()).toBeGreaterThanOrEqual(3);
    await expect
      .poll(() => textOf(page, "state"), { timeout: 60_000, interval: 100 })
      .toBe("finished; reports written");
    // The verdict is the written report's (latency gates measure this shared machine too).
    const code = await running;
    const report = JSON.parse(readFileSync(join(cwd, "out", "report.json"), "utf8")) as RunResult;
    expect(code).toBe(report.verdict === "NOT READY" ? 1 : report.verdict === "INCOMPLETE" ? 3 : 0);
    expect(await page.textContent("#verdict")).toBe(report.verdict);
    expect(await page.textContent("#reason")).toBe(`${verdictReason(report)} Reports: ${join(cwd, "out")}`);
    expect(await page.locator("#gate-rows tr").count()).toBe(report.gates.length);
    expect(await page.locator("#gate-rows tr.pending").count()).toBe(0);
    for (const gate of report.gates) {
      const row = page.locator("#gate-rows tr", { hasText: gate.id });
      expect(await row.locator("td.status").textContent(), gate.id).toBe(
        gate.status === "failed" ? "FAILED" : gate.status,
      );
    }
    expect(await page.locator(".suite-row.complete").count()).toBe(1);
    await page.screenshot({ path: join(cwd, "live.png"), fullPage: true });
    expect(seen.foreign).toEqual([]);
    expect(seen.errors).toEqual([]);
    expect(seen.dialogs).toEqual([]);
    await context.close();
  }, 150_000);

  it("keeps hostile text from the run inert on the live page", async () => {
    const live = await startLiveServer(0);
    try {
      live.publish({
        type: "run-start",
        runId: HOSTILE.eventId,
        profile: HOSTILE.title,
        seed: 1,
        harnessVersion: "0",
        configFingerprint: HOSTILE.unit,
        target: HOSTILE.target,
        suites: [{ id: HOSTILE.suiteId, title: HOSTILE.suiteTitle, required: true }],
        gates: [
          {
            id: HOSTILE.gateId,
            suite: HOSTILE.suiteId,
            severity: "minor",
            description: HOSTILE.gateDescription,
          },
        ],
      });
      live.publish({ type: "suite-start", suite: HOSTILE.suiteId });
      const point = {
        startSec: 0,
        completed: 1,
        failed: 0,
        throughputPerSec: 1,
        p50Ms: 1,
        p95Ms: 2,
        p99Ms: 3,
        maxMs: 4,
      };
      live.publish({ type: "window", suite: HOSTILE.suiteId, point: { ...point, operation: "*" } });
      live.publish({
        type: "window",
        suite: HOSTILE.suiteId,
        point: { ...point, operation: HOSTILE.operation },
      });
      live.publish({
        type: "suite-end",
        suite: HOSTILE.suiteId,
        status: "incomplete",
        reason: HOSTILE.reason,
      });
      const context = await browser.newContext();
      const page = await context.newPage();
      const seen = watch(page, live.url.replace(/\/$/, ""));
      await page.goto(live.url);
      // A loaded CI machine may take seconds to load the page and replay the stream: poll long.
      await expect.poll(() => textOf(page, "windows"), { timeout: 20_000, interval: 50 }).toBe("1");
      await expect
        .poll(async () => (await page.locator(".u-legend").allTextContents()).join(" "), { timeout: 20_000 })
        .toContain(HOSTILE.operation);
      const text = (await page.textContent("body")) ?? "";
      for (const hostile of [
        HOSTILE.target,
        HOSTILE.suiteTitle,
        HOSTILE.suiteId,
        HOSTILE.gateId,
        HOSTILE.gateDescription,
        HOSTILE.reason,
      ]) {
        expect(text).toContain(hostile);
      }
      expect(await page.locator("img, iframe, svg, b > b").count()).toBe(0);
      expect(await page.locator("script").count()).toBe(3);
      expect(seen.dialogs).toEqual([]);
      expect(seen.errors).toEqual([]);
      expect(seen.foreign).toEqual([]);
      await context.close();
    } finally {
      await live.close();
    }
  }, 60_000);
});
