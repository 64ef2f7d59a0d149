/**
 * The contract's event-order and lifecycle rules (docs/destination-contract.md, "Event order and
 * lifecycle"), each checked on the clean reference destination: what a second, independent
 * implementation must answer too.
 */
import { afterEach, describe, expect, it } from "vitest";
import { activation, startTestDestination, type TestDestination } from "./test-helpers.ts";

let dest: TestDestination | undefined;
afterEach(async () => {
  await dest?.close();
  dest = undefined;
});

async function activated(): Promise<TestDestination> {
  dest = await startTestDestination();
  expect((await dest.call("POST", "/v1/subscribers", activation(1))).status).toBe(201);
  return dest;
}

const S1 = "/v1/subscribers/S0000001";

async function code(
  d: TestDestination,
  path: string,
  body: Record<string, unknown>,
): Promise<string | number> {
  const answer = await d.call("POST", path, body);
  return answer.body?.error?.code ?? answer.status;
}

describe("event order: `at` is the business instant", () => {
  it("records an older plan change in the plan history (it counts for proration) without replacing the current plan", async () => {
    const d = await activated();
    await d.call("POST", `${S1}/plan-change`, { planId: "POSTPAID-UNL", at: "2026-03-21T00:00:00Z" });
    const late = await d.call("POST", `${S1}/plan-change`, {
      planId: "POSTPAID-L",
      at: "2026-03-11T00:00:00Z",
    });
    expect(late.status).toBe(200);
    expect(late.body.planId).toBe("POSTPAID-UNL");
    const invoice = await d.call("GET", `${S1}/invoices/current`);
    expect(invoice.body.lines.map((l: { description: string }) => l.description)).toEqual([
      "POSTPAID-S recurring fee, 10 of 31 days",
      "POSTPAID-L recurring fee, 10 of 31 days",
      "POSTPAID-UNL recurring fee, 11 of 31 days",
    ]);
  });

  it("lets the later arrival win between two plan changes of the same instant", async () => {
    const d = await activated();
    const at = "2026-03-05T00:00:00Z";
    await d.call("POST", `${S1}/plan-change`, { planId: "POSTPAID-UNL", at });
    await d.call("POST", `${S1}/plan-change`, { planId: "POSTPAID-L", at });
    expect((await d.call("GET", S1)).body.planId).toBe("POSTPAID-L");
    const invoice = await d.call("GET", `${S1}/invoices/current`);
    expect(invoice.body.lines.map((l: { description: string }) => l.description)).toEqual([
      "POSTPAID-S recurring fee, 4 of 31 days",
      "POSTPAID-L recurring fee, 27 of 31 days",
    ]);
  });

  it("refuses an older status change with 409 stale_event before checking the transition; equal instants are not stale", async () => {
    const d = await activated();
    await d.call("POST", `${S1}/suspension`, { reason: "x", at: "2026-03-05T00:00:00Z" });
    // A resumption is a valid transition of a suspended line, but it is older: stale.
    expect(await code(d, `${S1}/resumption`, { at: "2026-03-04T00:00:00Z" })).toBe("stale_event");
    // An older suspension would also be an invalid transition; staleness is checked first.
    expect(await code(d, `${S1}/suspension`, { reason: "y", at: "2026-03-04T00:00:00Z" })).toBe(
      "stale_event",
    );
    expect(await code(d, `${S1}/termination`, { reason: "z", at: "2026-03-01T11:00:00Z" })).toBe(
      "stale_event",
    );
    expect(await code(d, `${S1}/resumption`, { at: "2026-03-05T00:00:00Z" })).toBe(200);
    expect((await d.call("GET", S1)).body.status).toBe("active");
  });

  it("treats a port-out as a status change: an older one than the last status change is stale", async () => {
    const d = await activated();
    await d.call("POST", `${S1}/suspension`, { reason: "x", at: "2026-03-05T00:00:00Z" });
    expect(await code(d, `${S1}/port-out`, { recipient: "R", at: "2026-03-04T00:00:00Z" })).toBe(
      "stale_event",
    );
    expect(await code(d, `${S1}/port-out`, { recipient: "R", at: "2026-03-05T00:00:00Z" })).toBe(202);
    await d.call("POST", "/v1/test/clock", { set: "2026-03-06T00:00:00Z" });
    expect((await d.call("GET", S1)).body.status).toBe("terminated");
    // The completed port-out (at its window, 02:00 on 5 March) is the last status change now.
    expect(await code(d, `${S1}/termination`, { reason: "z", at: "2026-03-05T01:00:00Z" })).toBe(
      "stale_event",
    );
  });

  it("checks everything else against the current state at arrival, whatever the event's `at`", async () => {
    const d = await activated();
    await d.call("POST", `${S1}/suspension`, { reason: "x", at: "2026-03-05T00:00:00Z" });
    // Older than the suspension, but the line is suspended now: no plan change, no add-on.
    expect(await code(d, `${S1}/plan-change`, { planId: "POSTPAID-L", at: "2026-03-02T00:00:00Z" })).toBe(
      "invalid_transition",
    );
    const addOn = { addonId: "ROAM-EU", priceMinor: 300, currency: "GBP", at: "2026-03-02T00:00:00Z" };
    expect(await code(d, `${S1}/add-ons`, addOn)).toBe("invalid_transition");
    expect(
      await code(d, `${S1}/top-ups`, { amountMinor: 5, currency: "GBP", at: "2026-03-02T00:00:00Z" }),
    ).toBe(200);
  });
});

describe("lifecycle: checks in the contract's order", () => {
  it("activation: unknown plan, payment type, currency, time zone (422), then a live MSISDN (409)", async () => {
    const d = await activated();
    const live = { msisdn: "+447000000001" };
    const attempt = (overrides: Record<string, unknown>) =>
      code(d, "/v1/subscribers", activation(2, { ...live, ...overrides }));
    expect(await attempt({ planId: "NOPE", currency: "EUR", timezone: "Mars/Base" })).toBe("unknown_plan");
    expect(await attempt({ paymentType: "prepaid", currency: "EUR" })).toBe("payment_type_mismatch");
    expect(await attempt({ currency: "EUR", timezone: "Mars/Base" })).toBe("currency_mismatch");
    expect(await attempt({ timezone: "Mars/Base" })).toBe("unknown_timezone");
    expect(await attempt({})).toBe("msisdn_in_use");
  });

  it("plan change: the status first (409), then the plan (422); top-up: the status first, then the currency", async () => {
    const d = await activated();
    expect(await code(d, `${S1}/plan-change`, { planId: "PAYG-BASIC", at: "2026-03-02T00:00:00Z" })).toBe(
      "payment_type_mismatch",
    );
    await d.call("POST", `${S1}/termination`, { reason: "x", at: "2026-03-03T00:00:00Z" });
    expect(await code(d, `${S1}/plan-change`, { planId: "NOPE", at: "2026-03-04T00:00:00Z" })).toBe(
      "invalid_transition",
    );
    expect(
      await code(d, `${S1}/top-ups`, { amountMinor: 5, currency: "EUR", at: "2026-03-04T00:00:00Z" }),
    ).toBe("invalid_transition");
  });

  it("termination frees the MSISDN and the IMSI for another subscriber", async () => {
    const d = await activated();
    await d.call("POST", "/v1/subscribers", activation(2));
    const imsi1 = { iccid: "8944000000999999999", imsi: "234150000000001", at: "2026-03-02T00:00:00Z" };
    expect(await code(d, "/v1/subscribers/S0000002/sim-swap", imsi1)).toBe("imsi_in_use");
    await d.call("POST", `${S1}/termination`, { reason: "churn", at: "2026-03-03T00:00:00Z" });
    expect(await code(d, "/v1/subscribers/S0000002/sim-swap", { ...imsi1, at: "2026-03-04T00:00:00Z" })).toBe(
      200,
    );
    expect(await code(d, "/v1/subscribers", activation(1, { externalId: "L1-again" }))).toBe(201);
  });

  it("add-ons: appended with duplicates kept, in the subscriber's currency only", async () => {
    const d = await activated();
    const addOn = { addonId: "ROAM-EU", priceMinor: 300, currency: "GBP", at: "2026-03-02T00:00:00Z" };
    await d.call("POST", `${S1}/add-ons`, addOn);
    expect((await d.call("POST", `${S1}/add-ons`, addOn)).body.addOns).toEqual(["ROAM-EU", "ROAM-EU"]);
    expect(await code(d, `${S1}/add-ons`, { ...addOn, currency: "USD" })).toBe("currency_mismatch");
  });

  it("KYC: unverified until the first update; blank counts as cleared (422); a terminated line is refused (409)", async () => {
    const d = await activated();
    const read = async () => (await d.call("GET", S1)).body.kycStatus;
    expect(await read()).toBe("unverified");
    expect(await code(d, `${S1}/kyc`, { name: "  ", at: "2026-03-02T00:00:00Z" })).toBe("kyc_incomplete");
    expect(await read()).toBe("unverified");
    expect((await d.call("POST", `${S1}/kyc`, { at: "2026-03-02T00:00:00Z" })).body.kycStatus).toBe(
      "incomplete",
    );
    await d.call("POST", `${S1}/termination`, { reason: "x", at: "2026-03-03T00:00:00Z" });
    expect(await code(d, `${S1}/kyc`, { name: "A", at: "2026-03-04T00:00:00Z" })).toBe("invalid_transition");
  });

  it("porting: a live MSISDN, then a pending port of it, refuse a port-in; a pending port refuses a port-out", async () => {
    const d = await activated();
    await d.call("POST", "/v1/subscribers", activation(2));
    const portIn = (msisdn: string) => ({ msisdn, donor: "D", at: "2026-03-02T00:00:00Z" });
    expect(await code(d, "/v1/subscribers/S0000002/port-in", portIn("+447000000001"))).toBe("msisdn_in_use");
    expect(await code(d, `${S1}/port-in`, portIn("+447111111111"))).toBe(202);
    expect(await code(d, "/v1/subscribers/S0000002/port-in", portIn("+447111111111"))).toBe("port_pending");
    expect(await code(d, `${S1}/port-out`, { recipient: "R", at: "2026-03-02T00:00:00Z" })).toBe(
      "port_pending",
    );
    await d.call("POST", "/v1/test/clock", { set: "2026-03-03T00:00:00Z" });
    expect((await d.call("GET", S1)).body).toMatchObject({ msisdn: "+447111111111", portedIn: true });
    expect(
      await code(d, "/v1/subscribers/S0000404/top-ups", {
        amountMinor: 5,
        currency: "GBP",
        at: "2026-03-04T00:00:00Z",
      }),
    ).toBe("subscriber_not_found");
  });
});
