import { describe, expect, it } from "vitest";
import { TrancheError } from "../domain/index.ts";
import type { TrancheConfig } from "../harness/index.ts";
import { resolveRunConfigFrom } from "./resolve-run-config.ts";

const loaded = (config: TrancheConfig, text = JSON.stringify(config, null, 2)) => ({
  config,
  file: "/cfg/tranche.config.json",
  text,
});
const options = { cwd: "/work", defaultProfile: "smoke" };
const replayOptions = (run: ReturnType<typeof resolveRunConfigFrom>) =>
  run.profile.suites.find((s) => s.suite.id === "provisioning.replay")?.options as {
    ratePerSec: number;
    concurrency: number;
    lateThresholdMs: number;
  };

describe("resolveRunConfig: defaults < profile < config file < flags", () => {
  it("takes built-in defaults when nothing else says", () => {
    const run = resolveRunConfigFrom({}, null, options);
    expect(run.config).toMatchObject({
      seed: 20260301,
      profile: "smoke",
      target: "reference",
      out: "/work/tranche-report",
    });
    // The suite default (10 ms) survives: the profile does not set it.
    expect(replayOptions(run).lateThresholdMs).toBe(10);
  });

  it("lets the profile override defaults, the config the profile, and flags the config", () => {
    const profileOnly = resolveRunConfigFrom({}, null, options);
    expect(replayOptions(profileOnly).ratePerSec).toBe(300); // smoke's own
    expect(profileOnly.config.world.subscribers).toBe(200);

    const config: TrancheConfig = {
      seed: 5,
      profile: "readiness",
      world: { subscribers: 77 },
      suites: { "provisioning.replay": { ratePerSec: 1234, lateThresholdMs: 25 } },
      out: "from-config",
    };
    const fromConfig = resolveRunConfigFrom({}, loaded(config), options);
    expect(fromConfig.config).toMatchObject({ seed: 5, profile: "readiness", out: "/work/from-config" });
    expect(fromConfig.config.world.subscribers).toBe(77);
    expect(replayOptions(fromConfig)).toMatchObject({
      ratePerSec: 1234,
      lateThresholdMs: 25,
      concurrency: 64,
    });

    const fromFlags = resolveRunConfigFrom(
      { seed: "9", profile: "smoke", subscribers: "11", rate: "42", concurrency: "7", out: "flag-out" },
      loaded(config),
      options,
    );
    expect(fromFlags.config).toMatchObject({ seed: 9, profile: "smoke", out: "/work/flag-out" });
    expect(fromFlags.config.world.subscribers).toBe(11);
    // Flags win over the config for the keys they set; the config's other options stay.
    expect(replayOptions(fromFlags)).toMatchObject({ ratePerSec: 42, concurrency: 7, lateThresholdMs: 25 });
    expect(fromFlags.fingerprint).not.toBe(fromConfig.fingerprint);
  });

  it("replaces a profile gate by a config gate with the same id, and adds a new id", () => {
    const config: TrancheConfig = {
      gates: [
        {
          id: "p99_latency",
          description: "tighter",
          expression: "p(99) < 50ms",
          suite: "provisioning.replay",
          severity: "blocker",
        },
        {
          id: "extra",
          description: "new",
          expression: "rate(errors) < 0.1%",
          suite: "provisioning.replay",
          severity: "minor",
        },
      ],
    };
    const run = resolveRunConfigFrom({}, loaded(config), options);
    const ids = run.profile.gates.map((g) => g.spec.id);
    expect(ids.filter((id) => id === "p99_latency")).toHaveLength(1);
    expect(run.profile.gates.find((g) => g.spec.id === "p99_latency")?.spec).toMatchObject({
      expression: "p(99) < 50ms",
      severity: "blocker",
    });
    expect(ids).toContain("extra");
    expect(ids).toContain("state_mismatches");
  });

  it("names the config file, its line and the suite field of a bad suite option", () => {
    const text = '{\n  "suites": {\n    "provisioning.replay": {\n      "ratePerSec": -3\n    }\n  }\n}\n';
    const config = JSON.parse(text) as TrancheConfig;
    const error = (() => {
      try {
        resolveRunConfigFrom({}, loaded(config, text), options);
      } catch (e) {
        return e as TrancheError;
      }
      throw new Error("expected an error");
    })();
    expect(error).toBeInstanceOf(TrancheError);
    expect(error.code).toBe("E_CONFIG");
    expect(error.message).toContain("config /cfg/tranche.config.json line 4");
    expect(error.message).toContain('"suites.provisioning.replay.ratePerSec"');
  });

  it("rejects an unknown suite option and an unknown suite, naming them", () => {
    expect(() =>
      resolveRunConfigFrom({}, loaded({ suites: { "provisioning.replay": { rateps: 3 } } }), options),
    ).toThrow(/unknown option "suites\.provisioning\.replay\.rateps"/);
    expect(() => resolveRunConfigFrom({}, loaded({ suites: { "nope.nope": {} } }), options)).toThrow(
      /unknown suite "nope\.nope"/,
    );
  });

  it("names the config file of an unknown profile written there", () => {
    expect(() => resolveRunConfigFrom({}, loaded({ profile: "nope" }), options)).toThrow(
      /unknown profile "nope" in config \/cfg\/tranche\.config\.json/,
    );
  });
});
