/**
 * whatif.html as a planner's reader sees it: opened from disk in Debian's Chromium with the network
 * cut off, it shows the comparison and every chart, logs no error, fetches nothing, and strings
 * from the input files (policy names, descriptions, file names, capacity notes) stay text.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderWhatifHtml } from "../cli/whatif/render-whatif-html.ts";
import { readCapacity, runWhatif } from "../planner/index.ts";
import { assumptionsOf, baseOf, policyOf, stratum } from "./support/planner-fixtures.ts";

const HOSTILE = {
  name: `big bang <script>alert("name")</script>`,
  description: "desc </p><img src=x onerror=alert('desc')>",
  source: "base <svg onload=alert('source')>.json",
  operation: "top_up<iframe src=javascript:alert('op')>",
  target: "reference <a href=javascript:alert('t')>x</a>",
};

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

function page(): string {
  const base = baseOf(
    [
      stratum({ count: 4000, activity: "inactive", arpuBand: "low", anchorDay: 3 }),
      stratum({ count: 6000, anchorDay: 29, timezone: "America/Chicago", country: "US", currency: "USD" }),
    ],
    HOSTILE.source,
  );
  const capacity = readCapacity(
    {
      seed: 1,
      refDate: "2026-03-01T00:00:00Z",
      profile: "readiness",
      target: HOSTILE.target,
      curves: [
        { operation: "activation", kneeRatePerSec: 60, points: [{ ratePerSec: 60 }] },
        { operation: HOSTILE.operation, kneeRatePerSec: null, points: [{ ratePerSec: 50 }] },
      ],
    },
    HOSTILE.source,
  );
  const result = runWhatif({
    base,
    capacity,
    policies: [
      policyOf({ name: HOSTILE.name, description: HOSTILE.description, cohorts: { sizes: [10_000] } }),
      policyOf({
        name: "gated 500/5k",
        cohorts: { sizes: [500, 5000] },
        ordering: ["inactive-first"],
        alignment: "always",
      }),
    ],
    assumptions: assumptionsOf(),
    runs: 100,
    seed: 3,
    start: "2026-03-01",
    harnessVersion: "test",
  });
  return renderWhatifHtml(result);
}

describe("whatif.html in a browser", () => {
  it("renders offline with the comparison and every chart; hostile strings stay text", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tranche-whatif-html-"));
    const file = join(dir, "whatif.html");
    writeFileSync(file, page());
    const context = await browser.newContext({ offline: true, javaScriptEnabled: true });
    const tab = await context.newPage();
    const requests: string[] = [];
    const problems: string[] = [];
    tab.on("request", (r) => requests.push(r.url()));
    tab.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(m.text());
    });
    tab.on("pageerror", (e) => problems.push(e.message));
    tab.on("dialog", async (d) => {
      problems.push(`dialog: ${d.message()}`);
      await d.dismiss();
    });
    await tab.goto(pathToFileURL(file).href);

    expect(await tab.textContent("#heading")).toBe(`What if: ${HOSTILE.name} vs gated 500/5k`);
    expect(await tab.locator("#comparison thead th").count()).toBe(3);
    expect(await tab.locator("section.policy").count()).toBe(2);
    expect(await tab.locator("svg.timeline").count()).toBe(2);
    expect(await tab.locator("svg.blast").count()).toBe(2);
    expect(await tab.locator("svg.load").count()).toBe(2);
    // One cohort of 10,000, then 500, 5,000 and the 4,500 left: three bars per cohort on the timeline.
    expect(await tab.locator("#policy-1 svg.timeline rect").count()).toBe(3);
    expect(await tab.locator("#policy-2 svg.timeline rect").count()).toBe(9);
    expect(await tab.locator("#policy-2 svg.blast rect.blast").count()).toBe(3);
    expect(await tab.locator("svg.load polyline.p50").count()).toBe(2);
    const box = await tab.locator("#policy-2 svg.timeline").boundingBox();
    expect(box?.width).toBeGreaterThan(400);
    expect(await tab.locator("#cohorts-2 tbody tr").count()).toBe(3);

    expect(await tab.locator("script, iframe, img").count()).toBe(0);
    expect(await tab.locator("#policy-1 p").first().textContent()).toBe(HOSTILE.description);
    const text = await tab.textContent("body");
    for (const hostile of [HOSTILE.source, HOSTILE.operation]) expect(text).toContain(hostile);
    expect(problems).toEqual([]);
    expect(requests.filter((u) => !u.startsWith("file:"))).toEqual([]);
    await context.close();
  });
});
