import { describe, expect, it } from "vitest";
import { TrancheError } from "../domain/index.ts";
import { LEGACY_DEFECT_RATES, parseDefectRates } from "./defects.ts";
import { DEFAULT_IRREGULARITIES, parseIrregularities } from "./traffic-irregularities.ts";
import { parseUsageAnomalies } from "./usage-anomalies.ts";

describe("rate specs", () => {
  it("read none, presets and name=value lists", () => {
    expect(parseDefectRates("none")).toEqual({});
    expect(parseDefectRates("legacy")).toBe(LEGACY_DEFECT_RATES);
    expect(parseDefectRates("orphan_account=0.01, bad_iccid_check_digit=0")).toEqual({
      orphan_account: 0.01,
      bad_iccid_check_digit: 0,
    });
    expect(parseIrregularities("none")).toBeUndefined();
    expect(parseIrregularities("default")).toBe(DEFAULT_IRREGULARITIES);
    expect(parseIrregularities("late=0.1,max-skew-ms=2500,out-of-order-window-sec=60")).toEqual({
      lateRate: 0.1,
      maxClockSkewMs: 2500,
      outOfOrderWindowSec: 60,
    });
    expect(parseUsageAnomalies("zero-duration=0.5")).toEqual({ zeroDurationRate: 0.5 });
  });

  it("refuse unknown names and rates above 1 with E_CONFIG naming the part", () => {
    for (const [parse, spec] of [
      [parseDefectRates, "duplicate_msisdn=2"],
      [parseIrregularities, "late=1.5"],
      [parseUsageAnomalies, "foo=0.1"],
    ] as const) {
      try {
        parse(spec);
        throw new Error(`accepted ${spec}`);
      } catch (error) {
        expect(error).toBeInstanceOf(TrancheError);
        expect((error as TrancheError).code).toBe("E_CONFIG");
        expect((error as TrancheError).message).toContain(`"${spec}"`);
      }
    }
  });
});
