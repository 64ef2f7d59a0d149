import { describe, expect, it } from "vitest";
import { allCountryPlans, type ProvisioningEvent } from "../../domain/index.ts";
import { compareSubscriber } from "./compare-destination.ts";
import { buildShadowState, type DeliveryAnswer } from "./shadow-model.ts";

const minute = (n: number) => `2026-03-01T00:${String(n).padStart(2, "0")}:00Z`;
const common = (id: string, n: number, at = minute(n)) => ({
  id: `${id}-${n}`,
  at,
  subscriberId: id,
  idempotencyKey: `k-${id}-${n}`,
  source: "test",
});

const activation = (id: string, msisdn = "+447700900001"): ProvisioningEvent => ({
  ...common(id, 0),
  type: "activation",
  payload: {
    msisdn,
    imsi: `23415000000000${id.length}`,
    iccid: "8944150000000000018",
    planId: "PREPAID-S",
    paymentType: "prepaid",
    currency: "GBP",
    initialBalanceMinor: 500,
    anchorDay: 3,
    timezone: "Europe/London",
  },
});
const plan = (n: number, planId: string, extra: Partial<ProvisioningEvent> = {}): ProvisioningEvent =>
  ({ ...common("a", n), type: "plan_change", payload: { planId }, ...extra }) as ProvisioningEvent;
const topUp = (n: number, amountMinor: number): ProvisioningEvent => ({
  ...common("a", n),
  type: "top_up",
  payload: { amountMinor, currency: "GBP" },
});
const status = (
  n: number,
  type: "suspension" | "resumption" | "termination",
  at?: string,
): ProvisioningEvent =>
  ({
    ...common("a", n, at),
    type,
    payload: type === "resumption" ? {} : { reason: "test" },
  }) as ProvisioningEvent;

/** Answers as the contract requires, except where `override` says otherwise. */
const answers =
  (override: Record<string, DeliveryAnswer> = {}) =>
  (event: ProvisioningEvent): DeliveryAnswer =>
    override[event.id] ?? { status: event.type === "activation" ? 201 : 200 };

describe("the shadow model follows the contract's event-time rules", () => {
  it("applies plan changes, top-ups and suspensions in delivery order", () => {
    const shadow = buildShadowState([
      activation("a"),
      plan(1, "PREPAID-M"),
      topUp(2, 1007),
      status(3, "suspension"),
      topUp(4, 250),
    ]);
    expect(shadow.subscribers.get("a")).toMatchObject({
      planId: "PREPAID-M",
      status: "suspended",
      balanceMinor: 1757,
    });
  });

  it("records an older plan change without letting it replace the newer plan", () => {
    // The change of minute 2 arrives first; the older one of minute 1 arrives late.
    const late = plan(1, "PREPAID-S");
    const shadow = buildShadowState([activation("a"), plan(2, "PREPAID-M"), late]);
    expect(shadow.subscribers.get("a")?.planId).toBe("PREPAID-M");
    expect(shadow.judged.at(-1)?.judgement).toBe("ok");
  });

  it("reads the business instant from occurredAt when a delivery was late", () => {
    const late = plan(9, "PREPAID-S", { occurredAt: minute(1) });
    const shadow = buildShadowState([activation("a"), plan(2, "PREPAID-M"), late]);
    expect(shadow.subscribers.get("a")?.planId).toBe("PREPAID-M");
  });

  it("lets the later arrival win a tie on equal instants", () => {
    const shadow = buildShadowState([
      activation("a"),
      plan(2, "PREPAID-M"),
      { ...plan(3, "PREPAID-S"), at: minute(2) },
    ]);
    expect(shadow.subscribers.get("a")?.planId).toBe("PREPAID-S");
  });

  it("requires an older status change to be refused as stale, before any transition check", () => {
    const shadow = buildShadowState(
      [activation("a"), status(2, "suspension"), status(1, "termination")],
      undefined,
      answers({ "a-1": { status: 409 } }),
    );
    const last = shadow.judged.at(-1);
    expect(last).toMatchObject({
      judgement: "expected_rejection",
      refusal: { status: 409, code: "stale_event" },
    });
    expect(shadow.subscribers.get("a")?.status).toBe("suspended");
  });

  it("judges a plan change while suspended as a required refusal, and an accepted one as wrongly accepted", () => {
    const events = [activation("a"), status(1, "suspension"), plan(2, "PREPAID-M")];
    const refused = buildShadowState(events, undefined, answers({ "a-2": { status: 409 } }));
    expect(refused.judged.at(-1)?.judgement).toBe("expected_rejection");
    expect(refused.subscribers.get("a")?.planId).toBe("PREPAID-S");
    const accepted = buildShadowState(events);
    expect(accepted.judged.at(-1)?.judgement).toBe("wrongly_accepted");
    // It follows what the destination said it did: the plan did change there.
    expect(accepted.subscribers.get("a")?.planId).toBe("PREPAID-M");
  });

  it("judges a refused valid event as wrongly refused and expects it to have changed nothing", () => {
    const shadow = buildShadowState(
      [activation("a"), status(1, "suspension"), status(2, "resumption")],
      undefined,
      answers({ "a-2": { status: 409 } }),
    );
    expect(shadow.judged.at(-1)?.judgement).toBe("wrongly_refused");
    expect(shadow.subscribers.get("a")?.status).toBe("suspended");
  });

  it("knows the plans of every country's catalog", () => {
    const de: ProvisioningEvent = {
      ...activation("a"),
      payload: {
        ...(activation("a").payload as object),
        planId: "DE-PREPAID-S",
        currency: "EUR",
        timezone: "Europe/Berlin",
      },
    } as ProvisioningEvent;
    const shadow = buildShadowState([de], allCountryPlans());
    expect(shadow.judged[0]?.judgement).toBe("ok");
    const gbOnly = buildShadowState([de], undefined, answers({ "a-0": { status: 422 } }));
    expect(gbOnly.judged[0]).toMatchObject({
      judgement: "expected_rejection",
      refusal: { code: "unknown_plan" },
    });
  });
});

describe("idempotency in the shadow model", () => {
  it("applies a duplicated delivery once and expects the stored answer", () => {
    const first = topUp(1, 1000);
    const shadow = buildShadowState([activation("a"), first, { ...first, id: "dup" }]);
    expect(shadow.subscribers.get("a")?.balanceMinor).toBe(1500);
    expect(shadow.judged.at(-1)).toMatchObject({ judgement: "ok", replayOfKey: true });
  });

  it("expects a stored refusal to be replayed, not re-evaluated", () => {
    const change = plan(2, "PREPAID-M");
    const events = [
      activation("a"),
      status(1, "suspension"),
      change,
      status(3, "resumption"),
      { ...change, id: "retry" },
    ];
    const shadow = buildShadowState(
      events,
      undefined,
      answers({ "a-2": { status: 409 }, retry: { status: 409 } }),
    );
    expect(shadow.judged.at(-1)).toMatchObject({ judgement: "expected_rejection", replayOfKey: true });
    expect(shadow.subscribers.get("a")?.planId).toBe("PREPAID-S");
  });

  it("requires the same key on a different request to be refused", () => {
    const shadow = buildShadowState(
      [activation("a"), topUp(1, 1000), { ...topUp(2, 700), idempotencyKey: "k-a-1" }],
      undefined,
      answers({ "a-2": { status: 409 } }),
    );
    expect(shadow.judged.at(-1)).toMatchObject({
      judgement: "expected_rejection",
      refusal: { code: "idempotency_key_reused" },
    });
    expect(shadow.subscribers.get("a")?.balanceMinor).toBe(1500);
  });

  it("expects no effect from a 5xx and lets its retry apply (5xx answers are not stored)", () => {
    const first = plan(1, "PREPAID-M");
    const retry = { ...first, id: "retry" };
    const failed = { status: 503, failure: { kind: "http_5xx" } };
    const shadow = buildShadowState([activation("a"), first, retry], undefined, answers({ "a-1": failed }));
    expect(shadow.subscribers.get("a")?.planId).toBe("PREPAID-M");
    expect(shadow.judged.map((j) => j.judgement)).toEqual(["ok", "failed", "ok"]);
    const alone = buildShadowState([activation("a"), first], undefined, answers({ "a-1": failed }));
    expect(alone.subscribers.get("a")?.planId).toBe("PREPAID-S");
  });

  it("leaves out a subscriber whose write got no answer, and takes its retry as right either way", () => {
    const first = plan(1, "PREPAID-M");
    const shadow = buildShadowState(
      [activation("a"), activation("b", "+447700900002"), first, { ...first, id: "retry" }],
      undefined,
      answers({ "a-1": { status: 0, failure: { kind: "timeout" } } }),
    );
    expect([...shadow.indeterminate]).toEqual(["a"]);
    expect(shadow.judged.at(-1)?.judgement).toBe("ok");
  });
});

describe("compareSubscriber", () => {
  const shadow = buildShadowState([activation("a"), plan(1, "PREPAID-M")]);
  const expected = shadow.subscribers.get("a");
  if (!expected) throw new Error("no expected state");
  const read = {
    id: "S1",
    msisdn: expected.msisdn,
    imsi: expected.imsi,
    iccid: expected.iccid,
    planId: "PREPAID-M",
    status: "active" as const,
    balanceMinor: 500,
    currency: "GBP",
    addOns: [],
    kycStatus: "unverified",
    portedIn: false,
  };

  it("reports each differing field, and nothing when the read agrees", () => {
    expect(compareSubscriber(expected, "S1", read as never)).toEqual([]);
    const diff = compareSubscriber(expected, "S1", { ...read, planId: "P0", balanceMinor: 6 } as never);
    expect(diff.map((m) => m.field)).toEqual(["planId", "balanceMinor"]);
    expect(diff[0]).toMatchObject({
      subscriberId: "a",
      destinationId: "S1",
      expected: "PREPAID-M",
      actual: "P0",
    });
  });

  it("reports a subscriber the destination does not know", () => {
    expect(compareSubscriber(expected, undefined, undefined)).toEqual([
      { subscriberId: "a", destinationId: null, field: "existence", expected: "present", actual: "missing" },
    ]);
  });

  it("accepts a pending port both before and after it completes", () => {
    const port: ProvisioningEvent = {
      ...common("a", 2),
      type: "port_in",
      payload: { msisdn: "+447700900999", donor: "EE" },
    };
    const withPort = buildShadowState(
      [activation("a"), port],
      undefined,
      answers({ "a-2": { status: 202 } }),
    );
    const want = withPort.subscribers.get("a");
    if (!want) throw new Error("no state");
    const before = { ...read, planId: "PREPAID-S" };
    expect(compareSubscriber(want, "S1", before as never)).toEqual([]);
    expect(
      compareSubscriber(want, "S1", { ...before, msisdn: "+447700900999", portedIn: true } as never),
    ).toEqual([]);
  });
});
