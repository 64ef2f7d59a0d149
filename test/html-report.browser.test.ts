/**
 * The HTML report as a reader sees it: opened from disk in headless Chromium with the network
 * cut off, it renders the verdict, the gates and the chart, and hostile destination strings stay
 * text (no script runs).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPORTERS } from "../reports/index.ts";
import { sampleRunResult } from "./support/run-result.ts";

let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
});

afterAll(async () => {
  await browser?.close();
});

describe("report.html in a browser", () => {
  it("renders offline with the verdict, every gate and the latency chart, running no script", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tranche-html-"));
    const file = join(dir, "report.html");
    writeFileSync(file, REPORTERS.html?.render(sampleRunResult()) ?? "");
    const context = await browser.newContext({ offline: true, javaScriptEnabled: true });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    const dialogs: string[] = [];
    page.on("dialog", async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    await page.goto(pathToFileURL(file).href);
    expect(await page.textContent("#verdict")).toBe("NOT READY");
    expect(await page.textContent("#seed")).toBe("42");
    expect(await page.locator("#gates tbody tr").count()).toBe(2);
    expect(await page.locator("#gates tr.failed td.status").textContent()).toBe("FAILED");
    expect(await page.locator("svg rect").count()).toBe(3);
    expect(await page.locator("script").count()).toBe(0);
    expect(await page.content()).toContain("&lt;/pre&gt;&lt;script&gt;x()&lt;/script&gt;");
    expect(dialogs).toEqual([]);
    expect(requests.filter((u) => !u.startsWith("file:"))).toEqual([]);
    await context.close();
  });
});
