import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { createStream, Random } from "../domain/index.ts";
import { assumptionsOf, baseOf, policyOf, stratum } from "../test/support/planner-fixtures.ts";
import type { BaseStats } from "./base-stats.ts";
import { BillingCalendar } from "./billing-calendar.ts";
import { BlackoutDays } from "./blackout-days.ts";
import { calendarGroupsOf, planCohorts } from "./cohort-plan.ts";
import type { CohortPolicyInput } from "./cohort-policy.ts";
import { RunRecorder } from "./run-recorder.ts";
import { loadChannels } from "./run-whatif.ts";
import { DEFECT_OUTCOMES, type RunContext, simulateRun } from "./simulate-run.ts";

const start = Temporal.PlainDate.from("2026-03-01");

function context(
  base: BaseStats,
  policy: CohortPolicyInput,
  uncertainty: Record<string, unknown> = {},
): RunContext {
  const p = policyOf(policy);
  const plan = planCohorts(base, p);
  const assumptions = assumptionsOf({ uncertainty });
  return {
    plan,
    policy: p,
    assumptions,
    calendar: new BillingCalendar(start, "Europe/London", calendarGroupsOf(base).groups),
    blackout: new BlackoutDays(start, p.blackout),
    streams: plan.cohorts.map((c) => createStream(9, `whatif/cohort-${c.index}`)),
    channels: loadChannels(assumptions, null),
  };
}

const certain = { defectProbability: 0, throughputPerSec: 50, reconciliationHours: 1 };

describe("simulateRun", () => {
  it("gives run r the same outcome whether it runs alone, late or among others", () => {
    const ctx = context(baseOf([stratum({ count: 9000, anchorDay: 12 })]), {
      name: "p",
      cohorts: { sizes: [1000, 4000] },
    });
    const all = new RunRecorder(10, ctx.plan.cohorts.length, ctx.channels.length);
    for (let r = 0; r < 10; r++) simulateRun(ctx, r, all, new Random(1, 2, 3, 4));
    const some = new RunRecorder(10, ctx.plan.cohorts.length, ctx.channels.length);
    for (const r of [7, 3]) simulateRun(ctx, r, some, new Random(5, 6, 7, 8));
    for (const r of [7, 3]) {
      expect(some.endDay[r]).toBe(all.endDay[r]);
      expect(some.splits[r]).toBe(all.splits[r]);
      expect(some.daily[r]).toEqual(all.daily[r]);
      expect(some.cohortExposedDays[10 + r]).toBe(all.cohortExposedDays[10 + r]);
    }
  });

  it("moves unaligned billing on the cutover date: a split bill unless it is the subscriber's period start", () => {
    // Migration on day 0 (one night), 30 days of parallel run, no stabilization: cutover on 1 April.
    const base = baseOf([stratum({ count: 100, anchorDay: 1 }), stratum({ count: 40, anchorDay: 2 })]);
    const ctx = context(
      base,
      { name: "p", cohorts: { sizes: [1000] }, parallelRunDays: 30, stabilizationDays: 0 },
      certain,
    );
    const out = new RunRecorder(1, 1, ctx.channels.length);
    simulateRun(ctx, 0, out, new Random(0, 0, 0, 0));
    expect(ctx.calendar.dateAt(out.cohortCutover[0] as number)).toBe("2026-04-01");
    expect(out.splits[0]).toBe(40);
    // Aligned, the anchor-2 lines wait a day for their own period start: no split, one more day.
    const aligned = context(
      base,
      {
        name: "p",
        cohorts: { sizes: [1000] },
        parallelRunDays: 30,
        stabilizationDays: 0,
        alignment: "always",
      },
      certain,
    );
    const alignedOut = new RunRecorder(1, 1, aligned.channels.length);
    simulateRun(aligned, 0, alignedOut, new Random(0, 0, 0, 0));
    expect(alignedOut.splits[0]).toBe(0);
    expect(alignedOut.endDay[0]).toBe(32);
  });

  it("catches a defect at the next reconciliation to finish, rolls back, and re-migrates the cohort", () => {
    const base = baseOf([stratum({ count: 1000 })]);
    const uncertainty = {
      ...certain,
      defectProbability: 1,
      detectDays: 0.5,
      rollbackProbability: 1,
      rollbackDelayDays: 2,
    };
    const ctx = context(
      base,
      {
        name: "p",
        cohorts: { sizes: [1000] },
        parallelRunDays: 10,
        stabilizationDays: 0,
        reconciliationEveryHours: 4,
      },
      uncertainty,
    );
    const out = new RunRecorder(1, 1, ctx.channels.length);
    simulateRun(ctx, 0, out, new Random(0, 0, 0, 0));
    // Visible at 12 h; the reconciliation starting at 12 h ends at 13 h, on day 1 + 13/24.
    expect(out.cohortOutcome[0]).toBe(DEFECT_OUTCOMES.rolledBack);
    expect(out.cohortExposedDays[0]).toBeCloseTo(13 / 24, 10);
    // Rolled back by day 3.54, migrated again on day 4 (one night), cutover 10 days later.
    expect(out.cohortStart[0]).toBe(0);
    expect(out.cohortCutover[0]).toBe(15);
    expect(out.rollbacks[0]).toBe(1);
  });

  it("counts a defect that outlives the parallel run as an incident affecting its share of the cohort", () => {
    const base = baseOf([stratum({ count: 1000 })]);
    const uncertainty = { ...certain, defectProbability: 1, detectDays: 40, affectedShare: 0.1 };
    const ctx = context(
      base,
      { name: "p", cohorts: { sizes: [1000] }, parallelRunDays: 10, stabilizationDays: 0 },
      uncertainty,
    );
    const out = new RunRecorder(1, 1, ctx.channels.length);
    simulateRun(ctx, 0, out, new Random(0, 0, 0, 0));
    expect(out.cohortOutcome[0]).toBe(DEFECT_OUTCOMES.incident);
    expect(out.incidents[0]).toBe(1);
    expect(out.affected[0]).toBe(100);
    expect(out.cohortExposedDays[0]).toBe(40);
  });

  it("starts the next gated cohort after the previous cutover, and fixed cohorts on their slot, skipping blackout days", () => {
    const base = baseOf([stratum({ count: 3000 })]);
    const gated = context(
      base,
      {
        name: "g",
        cohorts: { sizes: [1000] },
        parallelRunDays: 5,
        stabilizationDays: 1,
        schedule: { kind: "gated", gapDays: 2 },
      },
      certain,
    );
    const g = new RunRecorder(1, 3, gated.channels.length);
    simulateRun(gated, 0, g, new Random(0, 0, 0, 0));
    expect([...g.cohortStart]).toEqual([0, 9, 18]);
    // 2026-03-01 is a Sunday: weekends off moves each weekly slot to Monday.
    const fixed = context(
      base,
      {
        name: "f",
        cohorts: { sizes: [1000] },
        schedule: { kind: "fixed", everyDays: 7 },
        blackout: { weekdays: ["sat", "sun"] },
      },
      certain,
    );
    const f = new RunRecorder(1, 3, fixed.channels.length);
    simulateRun(fixed, 0, f, new Random(0, 0, 0, 0));
    expect([...f.cohortStart]).toEqual([1, 8, 15]);
  });
});
