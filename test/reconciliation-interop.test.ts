/**
 * The reference destination and the legacy BSS mock compute the same range checksums and export the
 * same rows for the same subscribers (the canonical row of the contract), and the reconciler over
 * the two HTTP sources finds exactly a change made on one side.
 */

import { Temporal } from "temporal-polyfill";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_BSS_TOKEN, startReferenceDestination } from "../destination/index.ts";
import { BUCKET_SPACE, billingPeriodAt, type ProvisioningEvent } from "../domain/index.ts";
import { generateBaseRecords } from "../generators/index.ts";
import { createContractAdapter, createLegacyPeers, reconcile, reconcileSourceOf } from "../harness/index.ts";

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

describe("reconciliation across the contract", () => {
  it("gives equal checksums on both sides, then bisects to the one line changed on the destination", async () => {
    const server = await startReferenceDestination();
    const adapter = createContractAdapter({ baseUrl: server.url, token: DEFAULT_BSS_TOKEN });
    closers.push(async () => {
      await adapter.close();
      await server.close();
    });
    const at = Temporal.Instant.from("2026-03-01T00:00:00Z");
    const base = [...generateBaseRecords({ seed: 3, refDate: at, count: 120 })]
      .map((r) => r.subscriber)
      .filter((s) => s.status === "active")
      .map((s) => ({ ...s, id: `t-${s.id}` }));
    const peers = createLegacyPeers({ seed: 3, base });
    peers.markMigrating(base.map((s) => s.id));
    const imported = await adapter.capabilities["cohort-import"].importCohort({
      cohortId: "t",
      cutoverAt: at.toString(),
      subscribers: base.map((s) => ({
        ...s,
        billing: { ...s.billing, periodStart: periodStart(s.billing.anchorDay, s.billing.timezone, at) },
      })),
    });
    expect(imported.rejected).toBe(0);
    const legacy = reconcileSourceOf(peers.reconciliation, "t-");
    const destination = reconcileSourceOf(adapter.capabilities.reconciliation, "t-");
    const whole = { from: 0, to: BUCKET_SPACE };
    expect(await destination.checksums(whole, 8)).toEqual(await legacy.checksums(whole, 8));
    expect(await destination.rows(whole)).toEqual(await legacy.rows(whole));
    expect((await reconcile(legacy, destination)).differences).toEqual([]);

    const first = base[0];
    const id = imported.results[0]?.id as string;
    const topUp: ProvisioningEvent = {
      id: "e1",
      at: "2026-03-01T01:00:00Z",
      subscriberId: first?.id as string,
      idempotencyKey: "t-e1",
      source: "test",
      type: "top_up",
      payload: { amountMinor: 700, currency: first?.billing.currency as string },
    };
    expect((await adapter.capabilities.provisioning.apply(topUp, id)).status).toBe(200);
    const result = await reconcile(legacy, destination, { segments: 4, leafRows: 4 });
    expect(result.differences.map((d) => [d.key, d.fields])).toEqual([[first?.id, ["balanceMinor"]]]);
    expect(result.rowsFetched).toBeLessThan(2 * base.length);
  });
});

function periodStart(anchorDay: number, zone: string, at: Temporal.Instant): string {
  return billingPeriodAt(at, anchorDay, zone).start.toInstant().toString();
}
