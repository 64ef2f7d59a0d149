import { describe, expect, it } from "vitest";
import { sampleRunResult } from "../test/support/run-result.ts";
import { ALL_OPERATIONS, readCapacity } from "./capacity-input.ts";

const capacityFile = {
  seed: 7,
  refDate: "2026-03-01T00:00:00Z",
  profile: "readiness",
  target: "reference destination",
  curves: [
    { operation: "activation", kneeRatePerSec: 400, points: [{ ratePerSec: 200 }, { ratePerSec: 400 }] },
    { operation: "top_up", kneeRatePerSec: null, points: [{ ratePerSec: 100 }] },
  ],
};

describe("readCapacity", () => {
  it("takes the knee per operation from a capacity file and says which operations have none", () => {
    const capacity = readCapacity(capacityFile, "capacity.json");
    expect(capacity.limits).toEqual([
      {
        operation: "activation",
        kneeRatePerSec: 400,
        basis: "knee of tranche capacity (profile readiness, seed 7)",
      },
    ]);
    expect(capacity.notes[0]).toMatch(/^top_up: no knee \(the first step, 100\/s, already failed/);
  });

  it("takes a run result's achieved replay rate as a floor for all operations together", () => {
    const result = withoutAchievedRate();
    const suite = result.suites[0];
    suite?.measurements.push({ name: "provisioning.replay.achieved_rate_per_s", value: 950, unit: "/s" });
    const capacity = readCapacity(result, "report.json");
    expect(capacity.limits).toEqual([
      {
        operation: ALL_OPERATIONS,
        kneeRatePerSec: 950,
        basis: `provisioning.replay.achieved_rate_per_s of run ${result.runId}`,
      },
    ]);
    expect(capacity.notes.join(" ")).toMatch(/floor of the capacity.*verdict was NOT READY/);
  });

  it("names the file and the field that is wrong", () => {
    expect(() =>
      readCapacity(
        { ...capacityFile, curves: [{ operation: "activation", kneeRatePerSec: "fast", points: [] }] },
        "cap.json",
      ),
    ).toThrow(/could not read cap.json: "curves.0.kneeRatePerSec": .*expected number/);
    expect(() => readCapacity(withoutAchievedRate(), "report.json")).toThrow(
      /report.json: no "\*.achieved_rate_per_s" measurement/,
    );
  });
});

/** The sample run result with no achieved-rate measurement of its own. */
function withoutAchievedRate() {
  const result = sampleRunResult();
  return {
    ...result,
    suites: result.suites.map((s) => ({
      ...s,
      measurements: s.measurements.filter((m) => !m.name.endsWith(".achieved_rate_per_s")),
    })),
  };
}
