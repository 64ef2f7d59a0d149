import { afterEach, describe, expect, it } from "vitest";
import { TrancheError } from "../domain/index.ts";
import { startReferenceDestination } from "./reference-destination.ts";
import { activation, startTestDestination, type TestDestination } from "./test-helpers.ts";

let dest: TestDestination | undefined;
afterEach(async () => {
  await dest?.close();
  dest = undefined;
});

async function started(options = {}): Promise<TestDestination> {
  dest = await startTestDestination(options);
  return dest;
}

describe("reference destination: the contract slice", () => {
  it("binds loopback, answers /health without a token and lists active defects", async () => {
    const d = await started({ defects: ["silent-plan-change"] });
    expect(d.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${d.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: "ok",
      version: "2.1.0",
      defects: ["silent-plan-change"],
    });
  });

  it("activates with a destination-assigned id, keeps the externalId, and refuses a live duplicate MSISDN", async () => {
    const d = await started();
    const created = await d.call("POST", "/v1/subscribers", activation(1));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: "S0000001",
      externalId: "L1",
      status: "active",
      planId: "POSTPAID-S",
      balanceMinor: 0,
      addOns: [],
      activatedAt: "2026-03-01T10:00:00Z",
    });
    const duplicate = await d.call("POST", "/v1/subscribers", activation(1, { externalId: "other" }));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe("msisdn_in_use");
    expect((await d.call("GET", "/v1/subscribers/S0000001")).body.msisdn).toBe("+447000000001");
    expect((await d.call("GET", "/v1/subscribers/S0000404")).status).toBe(404);
    const found = await d.call("GET", "/v1/subscribers?externalId=L1");
    expect(found.body.items.map((s: { id: string }) => s.id)).toEqual(["S0000001"]);
  });

  it("changes plans only when active, refuses unknown plans with 422 and leaves the state unchanged", async () => {
    const d = await started();
    await d.call("POST", "/v1/subscribers", activation(1));
    const unknown = await d.call("POST", "/v1/subscribers/S0000001/plan-change", {
      planId: "NOPE",
      at: "2026-03-02T00:00:00Z",
    });
    expect(unknown.status).toBe(422);
    const changed = await d.call("POST", "/v1/subscribers/S0000001/plan-change", {
      planId: "POSTPAID-L",
      at: "2026-03-02T00:00:00Z",
    });
    expect(changed.body.planId).toBe("POSTPAID-L");
    await d.call("POST", "/v1/subscribers/S0000001/suspension", {
      reason: "non-payment",
      at: "2026-03-03T00:00:00Z",
    });
    const refused = await d.call("POST", "/v1/subscribers/S0000001/plan-change", {
      planId: "POSTPAID-S",
      at: "2026-03-04T00:00:00Z",
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("invalid_transition");
    expect((await d.call("GET", "/v1/subscribers/S0000001")).body).toMatchObject({
      planId: "POSTPAID-L",
      status: "suspended",
    });
  });

  it("tops up active and suspended subscribers, refuses a currency mismatch, and walks the status lifecycle", async () => {
    const d = await started();
    await d.call("POST", "/v1/subscribers", activation(1));
    const at = "2026-03-02T00:00:00Z";
    expect(
      (await d.call("POST", "/v1/subscribers/S0000001/top-ups", { amountMinor: 500, currency: "GBP", at }))
        .body.balanceMinor,
    ).toBe(500);
    expect(
      (await d.call("POST", "/v1/subscribers/S0000001/top-ups", { amountMinor: 5, currency: "EUR", at }))
        .status,
    ).toBe(422);
    expect((await d.call("POST", "/v1/subscribers/S0000001/resumption", { at })).status).toBe(409);
    expect(
      (await d.call("POST", "/v1/subscribers/S0000001/suspension", { reason: "fraud", at })).body.status,
    ).toBe("suspended");
    expect(
      (await d.call("POST", "/v1/subscribers/S0000001/suspension", { reason: "again", at })).status,
    ).toBe(409);
    expect(
      (await d.call("POST", "/v1/subscribers/S0000001/top-ups", { amountMinor: 250, currency: "GBP", at }))
        .body.balanceMinor,
    ).toBe(750);
    expect(
      (await d.call("POST", "/v1/subscribers/S0000001/resumption", { at: "2026-03-03T00:00:00Z" })).body
        .status,
    ).toBe("active");
    const swap = await d.call("POST", "/v1/subscribers/S0000001/sim-swap", {
      iccid: "8944000000999999999",
      imsi: "234159999999999",
      at: "2026-03-04T00:00:00Z",
    });
    expect(swap.body).toMatchObject({ iccid: "8944000000999999999", imsi: "234159999999999" });
    const addOn = await d.call("POST", "/v1/subscribers/S0000001/add-ons", {
      addonId: "ROAM-EU",
      priceMinor: 300,
      currency: "GBP",
      at: "2026-03-05T00:00:00Z",
    });
    expect(addOn.body.addOns).toEqual(["ROAM-EU"]);
    expect(
      (
        await d.call("POST", "/v1/subscribers/S0000001/termination", {
          reason: "churn",
          at: "2026-03-06T00:00:00Z",
        })
      ).body.status,
    ).toBe("terminated");
    expect((await d.call("POST", "/v1/subscribers", activation(1, { externalId: "reuse" }))).status).toBe(
      201,
    );
  });

  it("applies a keyed write once: same key returns the stored answer, another body under it gets 409", async () => {
    const d = await started();
    await d.call("POST", "/v1/subscribers", activation(1));
    const body = { amountMinor: 100, currency: "GBP", at: "2026-03-02T00:00:00Z" };
    const key = { "idempotency-key": "evt-1" };
    const first = await d.call("POST", "/v1/subscribers/S0000001/top-ups", body, key);
    const again = await d.call("POST", "/v1/subscribers/S0000001/top-ups", body, key);
    expect(again).toEqual(first);
    expect((await d.call("GET", "/v1/subscribers/S0000001")).body.balanceMinor).toBe(100);
    const reused = await d.call(
      "POST",
      "/v1/subscribers/S0000001/top-ups",
      { ...body, amountMinor: 200 },
      key,
    );
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe("idempotency_key_reused");
    const failed = await d.call(
      "POST",
      "/v1/subscribers/S0000001/resumption",
      { at: "2026-03-02T00:00:00Z" },
      { "idempotency-key": "evt-2" },
    );
    const failedAgain = await d.call(
      "POST",
      "/v1/subscribers/S0000001/resumption",
      { at: "2026-03-02T00:00:00Z" },
      { "idempotency-key": "evt-2" },
    );
    expect(failedAgain).toEqual(failed);
  });

  it("applies out-of-order events in event order: an older plan change does not replace a newer one", async () => {
    const d = await started();
    await d.call("POST", "/v1/subscribers", activation(1));
    await d.call("POST", "/v1/subscribers/S0000001/plan-change", {
      planId: "POSTPAID-UNL",
      at: "2026-03-05T00:00:00Z",
    });
    const late = await d.call("POST", "/v1/subscribers/S0000001/plan-change", {
      planId: "POSTPAID-L",
      at: "2026-03-04T00:00:00Z",
    });
    expect(late.status).toBe(200);
    expect((await d.call("GET", "/v1/subscribers/S0000001")).body.planId).toBe("POSTPAID-UNL");
    await d.call("POST", "/v1/subscribers/S0000001/suspension", { reason: "x", at: "2026-03-06T00:00:00Z" });
    const stale = await d.call("POST", "/v1/subscribers/S0000001/resumption", { at: "2026-03-05T12:00:00Z" });
    expect(stale.body.error.code).toBe("stale_event");
  });

  it("answers 401 without or with a wrong token, 403 for the other credential, and errors as {error:{code,message}}", async () => {
    const d = await started();
    const none = await fetch(`${d.url}/v1/subscribers/S0000001`);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
    expect(
      (await d.call("GET", "/v1/subscribers/S0000001", undefined, { authorization: "Bearer wrong" })).status,
    ).toBe(401);
    expect((await d.call("GET", "/v1/li/tasks")).status).toBe(403);
    expect((await d.li("GET", "/v1/subscribers/S0000001")).status).toBe(403);
    expect((await d.li("GET", "/v1/li/tasks")).status).toBe(200);
    expect((await d.call("GET", "/v1/nowhere")).status).toBe(404);
  });

  it("takes tokens from options or the TRANCHE_REFERENCE_* environment", async () => {
    const d = await started({
      env: { TRANCHE_REFERENCE_BSS_TOKEN: "bss-x", TRANCHE_REFERENCE_LI_TOKEN: "li-x" },
    });
    expect((await d.call("GET", "/v1/test/clock")).status).toBe(401);
    expect((await d.call("GET", "/v1/test/clock", undefined, { authorization: "Bearer bss-x" })).status).toBe(
      200,
    );
  });

  it("refuses an unknown defect with E_CONFIG naming the known ones", async () => {
    const attempt = startReferenceDestination({ defects: ["silent-plan-change", "made-up"] });
    await expect(attempt).rejects.toBeInstanceOf(TrancheError);
    await expect(attempt).rejects.toMatchObject({
      code: "E_CONFIG",
      hint: expect.stringContaining("cdr-dedup-off"),
    });
  });

  it("keeps partial KYC records flagged incomplete, verifies complete ones, and refuses clearing a field", async () => {
    const d = await started();
    await d.call("POST", "/v1/subscribers", activation(1));
    const at = "2026-03-02T00:00:00Z";
    const partial = await d.call("POST", "/v1/subscribers/S0000001/kyc", { address: "1 High St", at });
    expect(partial.status).toBe(200);
    expect(partial.body.kycStatus).toBe("incomplete");
    const complete = await d.call("POST", "/v1/subscribers/S0000001/kyc", {
      name: "A. Person",
      dateOfBirth: "1980-01-01",
      idDocument: "P1234567",
      at,
    });
    expect(complete.body.kycStatus).toBe("verified");
    const moved = await d.call("POST", "/v1/subscribers/S0000001/kyc", { address: "2 Low Rd", at });
    expect(moved.body.kycStatus).toBe("verified");
    const cleared = await d.call("POST", "/v1/subscribers/S0000001/kyc", { idDocument: null, at });
    expect(cleared.status).toBe(422);
    expect(cleared.body.error.code).toBe("kyc_incomplete");
    expect((await d.call("GET", "/v1/subscribers/S0000001")).body.kycStatus).toBe("verified");
  });
});
