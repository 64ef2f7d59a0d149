/**
 * The catalog the contract publishes (GET /v1/catalog) is the one the reference destination sells
 * from everywhere: activation, plan change, cohort import and invoicing, in every country's
 * currency; an operator's own catalog replaces it.
 */
import { afterEach, describe, expect, it } from "vitest";
import { allCountryPlans, type Plan, TrancheError } from "../domain/index.ts";
import { startReferenceDestination } from "./reference-destination.ts";
import { activation, LI, startTestDestination, type TestDestination } from "./test-helpers.ts";

let dest: TestDestination | undefined;
afterEach(async () => {
  await dest?.close();
  dest = undefined;
});

async function started(options = {}): Promise<TestDestination> {
  dest = await startTestDestination(options);
  return dest;
}

const german = (n: number, overrides: Record<string, unknown> = {}) =>
  activation(n, {
    msisdn: `+491511000000${n}`,
    imsi: `26203000000000${n}`,
    planId: "DE-POSTPAID-S",
    currency: "EUR",
    timezone: "Europe/Berlin",
    ...overrides,
  });

describe("the published catalog", () => {
  it("answers every country profile's plans (GB in GBP, DE in EUR, US in USD) to the BSS credential only", async () => {
    const d = await started();
    const catalog = await d.call("GET", "/v1/catalog");
    expect(catalog.status).toBe(200);
    expect(catalog.body).toEqual({ items: allCountryPlans() });
    const currencies = new Set(catalog.body.items.map((p: Plan) => p.currency));
    expect(currencies).toEqual(new Set(["GBP", "EUR", "USD", "JPY", "KWD", "BHD"]));
    expect((await d.call("GET", "/v1/catalog", undefined, { authorization: LI })).status).toBe(403);
  });

  it("activates, changes plan, imports and invoices German and US subscribers in their own currencies", async () => {
    const d = await started();
    expect((await d.call("POST", "/v1/subscribers", german(1))).status).toBe(201);
    const changed = await d.call("POST", "/v1/subscribers/S0000001/plan-change", {
      planId: "DE-POSTPAID-L",
      at: "2026-03-16T00:00:00Z",
    });
    expect(changed.body.planId).toBe("DE-POSTPAID-L");
    const invoice = await d.call("GET", "/v1/subscribers/S0000001/invoices/current");
    expect(invoice.body.currency).toBe("EUR");
    expect(invoice.body.lines[0].description).toMatch(/^DE-POSTPAID-S recurring fee/);
    const us = await d.call(
      "POST",
      "/v1/subscribers",
      activation(2, {
        msisdn: "+12025550102",
        imsi: "310260000000002",
        planId: "US-PREPAID-15",
        paymentType: "prepaid",
        currency: "USD",
        timezone: "America/New_York",
      }),
    );
    expect(us.status).toBe(201);
    const imported = await d.call("POST", "/v1/cohort-imports", {
      cohortId: "C-DE",
      at: "2026-03-17T00:00:00Z",
      subscribers: [
        {
          externalId: "LEG-DE-3",
          msisdn: "+4915110000003",
          imsi: "262030000000003",
          iccid: "8949000000000000003",
          planId: "DE-PREPAID-S",
          paymentType: "prepaid",
          currency: "EUR",
          status: "active",
          anchorDay: 1,
          timezone: "Europe/Berlin",
          activatedAt: "2025-06-01T09:00:00Z",
          billing: {
            periodStart: "2026-03-01T00:00:00+01:00",
            usageToDate: { voiceSec: 0, smsCount: 0, dataBytes: 0 },
            balanceMinor: 1000,
          },
        },
      ],
    });
    expect(imported.body.results.map((r: { status: string }) => r.status)).toEqual(["imported"]);
  });

  it("refuses a GB plan for a subscriber billed in EUR with 422 currency_mismatch", async () => {
    const d = await started();
    const answer = await d.call("POST", "/v1/subscribers", german(1, { planId: "POSTPAID-S" }));
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe("currency_mismatch");
  });

  it("sells the operator's own catalog instead, and refuses a catalog with no plans or a plan id twice", async () => {
    const own = allCountryPlans().filter((p) => p.id.startsWith("DE-"));
    const d = await started({ catalog: own });
    expect((await d.call("GET", "/v1/catalog")).body.items).toEqual(own);
    expect((await d.call("POST", "/v1/subscribers", activation(1))).body.error.code).toBe("unknown_plan");
    expect((await d.call("POST", "/v1/subscribers", german(2))).status).toBe(201);
    for (const catalog of [[], [own[0], own[0]]]) {
      const attempt = startReferenceDestination({ port: 0, env: {}, catalog: catalog as Plan[] });
      await expect(attempt).rejects.toBeInstanceOf(TrancheError);
      await expect(attempt).rejects.toMatchObject({ code: "E_CONFIG" });
    }
  });
});
