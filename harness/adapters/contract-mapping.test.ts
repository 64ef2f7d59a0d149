import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import {
  CdrRecordSchema,
  CohortImportRequestSchema,
  ImportedSubscriberSchema,
} from "../../destination/index.ts";
import type { Cdr } from "../../domain/index.ts";
import { generateBase, UsageGenerator } from "../../generators/index.ts";
import { cdrRecordOf, cohortImportRequestOf, importedSubscriberOf } from "./contract-mapping.ts";

const refDate = Temporal.Instant.from("2026-03-01T00:00:00Z");
const base = [...generateBase({ seed: 11, refDate, count: 40 })];
const usage = new UsageGenerator({ seed: 11, from: refDate, durationSec: 2 * 86_400 });
const cdrs = base.flatMap((s, i) => usage.records(s, i).records.map((t) => t.record as Cdr));

describe("domain records → contract wire records", () => {
  it("maps every generated CDR to a wire record the contract accepts, with its rated quantity", () => {
    expect(new Set(cdrs.map((c) => c.service))).toEqual(new Set(["voice", "sms", "data"]));
    for (const cdr of cdrs) {
      const wire = cdrRecordOf(cdr);
      expect(CdrRecordSchema.safeParse(wire).success, cdr.recordId).toBe(true);
      expect(wire).toMatchObject({
        recordId: cdr.recordId,
        chargingId: cdr.chargingId,
        partial: cdr.partial,
        roaming: cdr.roamingMcc !== null,
        cell: cdr.cell,
      });
      expect(wire.durationSec).toBe(cdr.service === "voice" ? cdr.durationSec : undefined);
      expect(wire.volumeBytes).toBe(cdr.service === "data" ? cdr.uplinkBytes + cdr.downlinkBytes : undefined);
    }
    expect(cdrs.some((c) => c.roamingMcc !== null && cdrRecordOf(c).roaming)).toBe(true);
  });

  it("maps a subscriber to its import record: legacy id, billing state at the cutover, credit when given", () => {
    const active = base.filter((s) => s.status !== "terminated");
    for (const s of active) {
      const wire = importedSubscriberOf(s);
      expect(ImportedSubscriberSchema.safeParse(wire).success, s.id).toBe(true);
      expect(wire).toMatchObject({
        externalId: s.id,
        currency: s.billing.currency,
        anchorDay: s.billing.anchorDay,
        timezone: s.billing.timezone,
        billing: {
          periodStart: s.billing.periodStart,
          usageToDate: s.billing.usageToDate,
          balanceMinor: s.billing.balanceMinor,
        },
      });
      expect(wire.billing.creditMinor).toBeUndefined();
      expect(wire.kyc).not.toHaveProperty("verifiedAt");
    }
    const first = active[0];
    if (!first) throw new Error("no active subscriber in the base");
    expect(importedSubscriberOf(first, 250).billing.creditMinor).toBe(250);
  });

  it("builds the cohort request: cutover instant as `at`, legacy credit by subscriber id", () => {
    const [a, b] = base.filter((s) => s.status === "active");
    if (!a || !b) throw new Error("too few active subscribers in the base");
    const request = cohortImportRequestOf({
      cohortId: "C1",
      cutoverAt: "2026-03-17T00:00:00Z",
      subscribers: [a, b],
      legacyCreditMinor: { [a.id]: 250 },
    });
    expect(CohortImportRequestSchema.safeParse(request).success).toBe(true);
    expect(request.at).toBe("2026-03-17T00:00:00Z");
    expect(request.subscribers.map((s) => [s.externalId, s.billing.creditMinor])).toEqual([
      [a.id, 250],
      [b.id, undefined],
    ]);
  });

  it("sends a terminated line as it is, for the destination to reject", () => {
    const terminated = { ...(base[0] as (typeof base)[number]), status: "terminated" as const };
    expect(importedSubscriberOf(terminated).status).toBe("terminated");
    expect(ImportedSubscriberSchema.safeParse(importedSubscriberOf(terminated)).success).toBe(false);
  });
});
