import { describe, expect, it } from "vitest";
import type { ProvisioningEvent } from "../../domain/index.ts";
import { buildShadowState, compareState } from "./shadow-model.ts";

const common = (id: string, n: number) => ({
  id: `${id}-${n}`,
  at: `2026-03-01T00:0${n}:00Z`,
  subscriberId: id,
  idempotencyKey: `k-${id}-${n}`,
  source: "test",
});

const activation = (id: string): ProvisioningEvent => ({
  ...common(id, 0),
  type: "activation",
  payload: {
    msisdn: "+447700900001",
    imsi: "234150000000001",
    iccid: "8944150000000000018",
    planId: "PREPAID-S",
    paymentType: "prepaid",
    currency: "GBP",
    initialBalanceMinor: 500,
    anchorDay: 3,
    timezone: "Europe/London",
  },
});

describe("buildShadowState", () => {
  it("applies plan changes, top-ups and suspensions in order", () => {
    const events: ProvisioningEvent[] = [
      activation("a"),
      { ...common("a", 1), type: "plan_change", payload: { planId: "PREPAID-M" } },
      { ...common("a", 2), type: "top_up", payload: { amountMinor: 1000, currency: "GBP" } },
      { ...common("a", 3), type: "suspension", payload: { reason: "lost-sim" } },
      { ...common("a", 4), type: "top_up", payload: { amountMinor: 250, currency: "GBP" } },
    ];
    const state = buildShadowState(events).subscribers.get("a");
    expect(state).toMatchObject({ planId: "PREPAID-M", status: "suspended", balanceMinor: 1750 });
  });

  it("applies a duplicated delivery (same idempotency key) once", () => {
    const topUp: ProvisioningEvent = {
      ...common("a", 1),
      type: "top_up",
      payload: { amountMinor: 1000, currency: "GBP" },
    };
    const state = buildShadowState([activation("a"), topUp, { ...topUp, id: "dup" }]).subscribers.get("a");
    expect(state?.balanceMinor).toBe(1500);
  });

  it("expects a plan change while suspended to be refused", () => {
    const events: ProvisioningEvent[] = [
      activation("a"),
      { ...common("a", 1), type: "suspension", payload: { reason: "fraud-check" } },
      { ...common("a", 2), type: "plan_change", payload: { planId: "PREPAID-M" } },
    ];
    const shadow = buildShadowState(events);
    expect(shadow.subscribers.get("a")?.planId).toBe("PREPAID-S");
    expect([...shadow.expectedRejections]).toEqual(["a-2"]);
  });
});

describe("compareState", () => {
  const expected = {
    id: "a",
    msisdn: "+447700900001",
    planId: "P1",
    status: "active" as const,
    balanceMinor: 5,
    currency: "GBP",
  };

  it("reports each differing field", () => {
    const mismatches = compareState(expected, "S1", { ...expected, id: "S1", planId: "P0", balanceMinor: 6 });
    expect(mismatches.map((m) => m.field)).toEqual(["planId", "balanceMinor"]);
    expect(mismatches[0]).toMatchObject({
      subscriberId: "a",
      destinationId: "S1",
      expected: "P1",
      actual: "P0",
    });
  });

  it("reports a subscriber the destination does not know", () => {
    expect(compareState(expected, undefined, undefined)).toEqual([
      { subscriberId: "a", destinationId: null, field: "existence", expected: "present", actual: "missing" },
    ]);
  });

  it("finds nothing when states agree (ids aside)", () => {
    expect(compareState(expected, "S1", { ...expected, id: "S1" })).toEqual([]);
  });
});

describe("buildShadowState with delivery outcomes", () => {
  const plan = (n: number, planId: string): ProvisioningEvent => ({
    ...common("a", n),
    type: "plan_change",
    payload: { planId },
  });

  it("expects no effect from a write the destination reported as failed, and lets its retry apply", () => {
    const first = plan(1, "PREPAID-M");
    const retry = { ...first, id: "a-1-retry" };
    const shadow = buildShadowState([activation("a"), first, retry], undefined, (e) =>
      e.id === "a-1" ? "reported-failure" : "applied",
    );
    expect(shadow.subscribers.get("a")?.planId).toBe("PREPAID-M");
    expect(shadow.reportedFailures).toBe(1);
    const withoutRetry = buildShadowState([activation("a"), first], undefined, (e) =>
      e.id === "a-1" ? "reported-failure" : "applied",
    );
    expect(withoutRetry.subscribers.get("a")?.planId).toBe("PREPAID-S");
  });

  it("marks a subscriber whose write timed out as indeterminate", () => {
    const shadow = buildShadowState(
      [activation("a"), activation("b"), plan(1, "PREPAID-M")],
      undefined,
      (e) => (e.id === "a-1" ? "unknown" : "applied"),
    );
    expect([...shadow.indeterminate]).toEqual(["a"]);
  });
});
