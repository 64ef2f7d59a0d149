/**
 * A real browser's capture: Chromium (playwright-core, Debian's /usr/bin/chromium) records a HAR
 * of a self-care page on loopback that activates two lines, tops one up twice and updates its KYC
 * twice — with no Idempotency-Key header, as browsers send them. Imported, every request keeps its
 * own event id and key (a HAR on one line gave them all one), names stay British for a GB line,
 * and the replay against the clean reference destination is READY.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { Temporal } from "temporal-polyfill";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COUNTRY_PROFILES, type ProvisioningEvent } from "../domain/index.ts";
import { createPseudonymizer, importCaptures, parseCaptureMapping } from "../generators/index.ts";
import {
  createJournal,
  isLatencyGate,
  openTarget,
  type Profile,
  resolveProfile,
  runSuites,
} from "../harness/index.ts";
import { PROFILES, SUITE_IDS, suiteById } from "../scenarios/index.ts";

const PAGE = `<!doctype html><html><body><p id="done">working</p><script>
const post = (path, body, method = "POST") => fetch(path, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
(async () => {
  await post("/api/v2/subscribers", { customerRef: "C-1001", msisdn: "+447700900123", sim: { imsi: "234150000000123", iccid: "8944150000000001234" }, tariff: "PREPAID-S", kind: "PAYG", balance: "5.00", billDay: "3" });
  await post("/api/v2/subscribers", { customerRef: "C-1002", msisdn: "+447700900456", sim: { imsi: "234150000000456", iccid: "8944150000000004567" }, tariff: "PREPAID-M", kind: "PAYG", balance: "0.00", billDay: "17" });
  await post("/api/v2/subscribers/C-1001/topups", { amount: "10.00", currency: "GBP" });
  await post("/api/v2/subscribers/C-1001/topups", { amount: "7.49", currency: "GBP" });
  await post("/api/v2/subscribers/C-1001/kyc", { fullName: "Jane Q. Doe", address: "12 Acacia Avenue, Leeds" }, "PATCH");
  await post("/api/v2/subscribers/C-1001/kyc", { fullName: "Jane Quinn Doe", address: "12 Acacia Avenue, Leeds" }, "PATCH");
  document.getElementById("done").textContent = "done";
})();
</script></body></html>`;

const MAPPING = parseCaptureMapping(
  {
    version: 1,
    defaultCountry: "GB",
    source: "self-care",
    events: [
      {
        match: { method: "POST", path: "/api/v2/subscribers" },
        type: "activation",
        subscriberId: "body.customerRef",
        payload: {
          msisdn: "body.msisdn",
          imsi: "body.sim.imsi",
          iccid: "body.sim.iccid",
          planId: "body.tariff",
          paymentType: { path: "body.kind", map: { PAYG: "prepaid", CONTRACT: "postpaid" } },
          currency: { const: "GBP" },
          initialBalanceMinor: { path: "body.balance", as: "minor" },
          anchorDay: { path: "body.billDay", as: "int" },
          timezone: { const: "Europe/London" },
        },
      },
      {
        match: { method: "POST", path: "/api/v2/subscribers/:ref/topups" },
        type: "top_up",
        subscriberId: "params.ref",
        payload: { amountMinor: { path: "body.amount", as: "minor" }, currency: "body.currency" },
      },
      {
        match: { method: "PATCH", path: "/api/v2/subscribers/:ref/kyc" },
        type: "kyc_update",
        subscriberId: "params.ref",
        payload: { name: "body.fullName", address: "body.address" },
      },
    ],
  },
  "mapping.json",
);

let server: Server;
let url = "";
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const html = req.url === "/";
      res.writeHead(200, { "content-type": html ? "text/html" : "application/json" });
      res.end(html ? PAGE : "{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function recordHar(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "tranche-har-"));
  const harPath = join(dir, "self-care.har");
  const browser = await chromium.launch({
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
  try {
    const context = await browser.newContext({ recordHar: { path: harPath } });
    const page = await context.newPage();
    await page.goto(url);
    await page.locator("#done", { hasText: "done" }).waitFor();
    await context.close();
  } finally {
    await browser.close();
  }
  return harPath;
}

describe("a browser-recorded HAR", () => {
  it("imports as six distinct events and replays READY against the clean reference destination", async () => {
    const harPath = await recordHar();
    const har = readFileSync(harPath, "utf8");
    const { events } = importCaptures(
      [{ file: harPath, text: har }],
      MAPPING,
      createPseudonymizer("test-key-0123456789abcdef"),
    );
    expect(events.map((e) => e.type).sort()).toEqual([
      "activation",
      "activation",
      "kyc_update",
      "kyc_update",
      "top_up",
      "top_up",
    ]);
    expect(new Set(events.map((e) => e.id)).size).toBe(6);
    expect(new Set(events.map((e) => e.idempotencyKey)).size).toBe(6);
    // Odd amounts survive, names stay plausible for a GB line.
    expect(
      events
        .filter((e) => e.type === "top_up")
        .map((e) => (e.payload as { amountMinor: number }).amountMinor)
        .sort(),
    ).toEqual([1000, 749]);
    const gb = COUNTRY_PROFILES.GB;
    const kyc = events.find((e) => e.type === "kyc_update") as Extract<
      ProvisioningEvent,
      { type: "kyc_update" }
    >;
    expect(gb?.names.given.some((g) => kyc.payload.name?.startsWith(g))).toBe(true);
    expect(JSON.stringify(events)).not.toContain("Jane");

    const target = await openTarget("reference", { defects: [], tokenEnv: "T", env: {}, connections: 8 });
    try {
      const smoke = PROFILES.smoke as Profile;
      const profile = resolveProfile(
        {
          ...smoke,
          suites: [
            {
              suite: "provisioning.replay",
              options: { ratePerSec: 50, requiredRefusalShare: 0, settleMs: 2000 },
            },
          ],
          gates: smoke.gates.filter((g) => !isLatencyGate(g)),
        },
        suiteById,
        SUITE_IDS,
      );
      const result = await runSuites({
        profile,
        seed: 1,
        refDate: Temporal.Instant.from("2026-03-01T00:00:00Z"),
        traffic: events,
        configFingerprint: "har",
        target: target.target,
        targetInfo: target.info,
        journal: createJournal(null, () => "t"),
        signal: new AbortController().signal,
        clock: () => Temporal.Instant.from("2026-03-01T00:00:00Z"),
      });
      expect(result.verdict, JSON.stringify(result.gates.filter((g) => g.status !== "passed"))).toBe("READY");
    } finally {
      await target.close();
    }
  }, 120_000);
});
