import { describe, expect, it } from "vitest";
import { gateExpressionOf, resolveProfile } from "../harness/index.ts";
import { PROFILES } from "./profiles.ts";
import { SUITE_IDS, suiteById } from "./registry.ts";

describe("built-in profiles", () => {
  it("resolve against the registry: every suite known, its options valid, every gate tied to a suite", () => {
    for (const profile of Object.values(PROFILES)) {
      const resolved = resolveProfile(profile, suiteById, SUITE_IDS);
      expect(resolved.suites.length, profile.name).toBeGreaterThan(0);
      for (const gate of resolved.gates) {
        expect(() => gateExpressionOf(gate.spec), `${profile.name}/${gate.spec.id}`).not.toThrow();
        expect(SUITE_IDS, `${profile.name}/${gate.spec.id}`).toContain(gate.suite);
      }
    }
  });

  it("name a proving defect for every gate", () => {
    for (const profile of Object.values(PROFILES)) {
      const unproven = profile.gates.filter((g) => (g.provenBy ?? []).length === 0).map((g) => g.id);
      expect(unproven, profile.name).toEqual([]);
    }
  });

  it("gate the soak on percentile drift over time", () => {
    const soak = PROFILES.soak;
    const drift = soak?.gates.find((g) => g.id === "soak_p99_drift");
    expect(drift && gateExpressionOf(drift)?.window?.aggregate).toBe("drift");
  });
});
