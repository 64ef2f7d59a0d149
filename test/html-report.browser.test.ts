/**
 * The HTML report as a reader sees it: opened from disk in Debian's headless Chromium with the
 * network cut off, it renders the verdict with its reason, the gates by suite and every kind of
 * report section with its charts (uPlot, inlined), logs no console error, requests nothing, and
 * hostile destination strings stay text in every field. It reads at a phone's width and prints
 * to PDF with the evidence opened. Screenshots are written to the test's temp folder.
 */
import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPORT_SECTION_KINDS } from "../domain/index.ts";
import { REPORTERS } from "../reports/index.ts";
import { launchChromium } from "./support/chromium.ts";
import { HOSTILE, sampleRunResult } from "./support/run-result.ts";

let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), "tranche-html-"));
const file = join(dir, "report.html");

beforeAll(async () => {
  writeFileSync(file, REPORTERS.html?.render(sampleRunResult()) ?? "");
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

interface Watched {
  readonly page: Page;
  readonly requests: string[];
  readonly errors: string[];
  readonly dialogs: string[];
  close(): Promise<void>;
}

async function open(viewport = { width: 1200, height: 900 }): Promise<Watched> {
  const context = await browser.newContext({ offline: true, javaScriptEnabled: true, viewport });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction("document.documentElement.hasAttribute('data-charts')");
  return { page, requests, errors, dialogs, close: () => context.close() };
}

describe("report.html in a browser", () => {
  it("renders the verdict, the gates by suite and every section kind with its charts, offline and quietly", async () => {
    const w = await open();
    const { page } = w;
    expect(await page.textContent("#verdict")).toBe("NOT READY");
    expect(await page.textContent("#verdict-reason")).toMatch(/^Blocker failed: state_mismatches/);
    expect(await page.textContent("#seed")).toBe("42");
    expect(await page.locator("#gates table.gates").count()).toBe(2);
    expect(await page.locator("#gates tbody tr").count()).toBe(3);
    expect(await page.locator("#gates tr.failed td.status").first().textContent()).toBe("FAILED");
    for (const kind of REPORT_SECTION_KINDS) {
      expect(await page.locator(`.section.${kind}`).count(), kind).toBeGreaterThan(0);
    }
    // uPlot drew every chart on a canvas, with its legend.
    expect(await page.getAttribute("html", "data-charts")).toBe("10");
    expect(await page.locator(".chart canvas").count()).toBe(10);
    expect(await page.locator(".chart .u-legend").first().textContent()).toContain("p99");
    await page.screenshot({ path: join(dir, "report-desktop.png"), fullPage: true });
    expect(statSync(join(dir, "report-desktop.png")).size).toBeGreaterThan(10_000);
    expect(w.errors).toEqual([]);
    expect(w.dialogs).toEqual([]);
    expect(w.requests.filter((u) => !u.startsWith("file:"))).toEqual([]);
    await w.close();
  });

  it("keeps hostile strings inert text in every field: shown as written, no element, no script run", async () => {
    const w = await open();
    const { page } = w;
    // Only the page's own three scripts; no element a hostile string could have made.
    expect(await page.locator("script").count()).toBe(3);
    expect(await page.locator("img, iframe, svg, object, embed, a[href^='javascript'], b > b").count()).toBe(
      0,
    );
    const text = (await page.textContent("body")) ?? "";
    // Column keys and section ids are looked up, never shown; everything else appears as text.
    const shown = Object.entries(HOSTILE).filter(([key]) => key !== "columnKey" && key !== "sectionId");
    for (const [key, hostile] of shown) expect(text, key).toContain(hostile);
    expect(await page.content()).toContain("&lt;/pre&gt;&lt;script&gt;x()&lt;/script&gt;");
    // The chart legend shows a hostile series name as text (uPlot writes labels with textContent).
    const legends = await page.locator(".u-legend").allTextContents();
    expect(legends.join(" ")).toContain(HOSTILE.seriesName);
    expect(w.dialogs).toEqual([]);
    expect(w.errors).toEqual([]);
    await w.close();
  });

  it("reads at a phone's width: nothing wider than the screen, gates as cards, charts fit", async () => {
    const w = await open({ width: 390, height: 844 });
    const { page } = w;
    const widths = (await page.evaluate(`({
      page: document.documentElement.scrollWidth,
      chart: Math.max(...[...document.querySelectorAll(".chart")].map((c) => c.getBoundingClientRect().right)),
    })`)) as { page: number; chart: number };
    expect(widths.page).toBeLessThanOrEqual(390);
    expect(widths.chart).toBeLessThanOrEqual(390);
    expect(await page.locator("#gates thead").first().isVisible()).toBe(false);
    await page.screenshot({ path: join(dir, "report-phone.png"), fullPage: true });
    expect(w.errors).toEqual([]);
    await w.close();
  });

  it("prints to PDF with the navigation hidden and the evidence opened", async () => {
    const w = await open();
    const { page } = w;
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("nav.toc").isVisible()).toBe(false);
    expect(await page.locator("details:not([open])").count()).toBe(0);
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    writeFileSync(join(dir, "report.pdf"), pdf);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.length).toBeGreaterThan(20_000);
    await page.emulateMedia({ media: "screen" });
    expect(await page.locator("details[open]").count()).toBeLessThan(await page.locator("details").count());
    expect(w.errors).toEqual([]);
    await w.close();
  });
});
