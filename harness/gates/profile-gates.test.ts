import { describe, expect, it } from "vitest";
import { PROFILES } from "../../scenarios/index.ts";
import { gateExpressionOf } from "./gate.ts";

describe("built-in profiles", () => {
  it("write every gate so that it parses", () => {
    for (const profile of Object.values(PROFILES)) {
      for (const gate of profile.gates)
        expect(() => gateExpressionOf(gate), `${profile.name}/${gate.id}`).not.toThrow();
    }
  });

  it("gate the soak on percentile drift over time", () => {
    const soak = PROFILES.soak;
    const drift = soak?.gates.find((g) => g.id === "soak_p99_drift");
    expect(drift && gateExpressionOf(drift)?.window?.aggregate).toBe("drift");
  });
});
