/** `tranche capacity`: step the arrival rate per operation and report the knee with its curve. */
import { resolve } from "node:path";
import { Temporal } from "temporal-polyfill";
import { TrancheError } from "../../domain/index.ts";
import { checkOutputFile, writeFileAtomic } from "../../generators/index.ts";
import {
  CAPACITY_OPERATIONS,
  type CapacityCurve,
  type CapacityOperation,
  createLoadAdapter,
  HARNESS_VERSION,
  isCapacityOperation,
  openTarget,
  probeSaturation,
  searchCapacity,
  stepsAround,
} from "../../harness/index.ts";
import { PROFILE_ARGS, TARGET_ARGS } from "../args.ts";
import { defineCommand, intArg } from "../command.ts";
import { runHeader } from "../execute-run.ts";
import { resolveRunConfig } from "../resolve-run-config.ts";

const args = {
  ...TARGET_ARGS,
  ...PROFILE_ARGS,
  operations: {
    type: "string",
    description: `Operations to step, comma-separated (${CAPACITY_OPERATIONS.join(", ")})`,
    valueHint: "<a,b>",
    default: "activation,top_up,plan_change",
  },
  rates: {
    type: "string",
    description:
      "Arrival rates to try, events/s, comma-separated (default: around an autocannon saturation probe)",
    valueHint: "<r1,r2,…>",
  },
  "step-sec": { type: "string", description: "Seconds per rate step", valueHint: "<sec>", default: "10" },
  concurrency: { type: "string", description: "Requests in flight at most", valueHint: "<n>", default: "64" },
  out: { type: "string", description: "Write the curves as JSON to this file", valueHint: "<file>" },
  json: { type: "boolean", description: "Print only the curves as JSON on stdout" },
  "load-only": {
    type: "boolean",
    description:
      "Send with the lean load-only client (statuses counted, bodies not validated) so the harness is not the bottleneck",
  },
} as const;

/** The curves as a text table (one block per operation). */
export function renderCapacity(curves: readonly CapacityCurve[]): string {
  const lines: string[] = [];
  for (const curve of curves) {
    lines.push(
      `${curve.operation}: knee ${curve.kneeRatePerSec === null ? "not reached (first step failed)" : `${curve.kneeRatePerSec}/s`}`,
    );
    lines.push("  rate/s  achieved/s      p50 ms      p95 ms      p99 ms  errors %  late  SLO");
    for (const p of curve.points) {
      lines.push(
        `  ${String(p.ratePerSec).padStart(6)}  ${String(p.achievedRatePerSec).padStart(10)}  ${String(p.p50Ms).padStart(10)}  ${String(p.p95Ms).padStart(10)}  ${String(p.p99Ms).padStart(10)}  ${String(p.errorRatePct).padStart(8)}  ${String(p.late).padStart(4)}  ${p.passed ? "pass" : `FAIL ${p.failedGates.join("; ")}`}`,
      );
    }
    lines.push("");
  }
  return `${lines.join("\n")}`;
}

/** `tranche capacity`: the knee per operation, with its curve. */
export const capacityCommand = defineCommand({
  meta: {
    name: "capacity",
    description:
      "Step the arrival rate per operation and report the knee (highest rate meeting the SLO gates)",
  },
  args,
  async run({ args, io }) {
    // The profile's SLO gates decide each step; its output path is not capacity's (--out is a file).
    const run = await resolveRunConfig(
      { ...args, out: undefined, concurrency: undefined },
      { cwd: io.cwd, defaultProfile: "readiness" },
    );
    const { config } = run;
    const operations = (args.operations ?? "").split(",").filter(Boolean);
    const unknown = operations.filter((op) => !isCapacityOperation(op));
    if (operations.length === 0 || unknown.length > 0) {
      throw new TrancheError(
        "E_USAGE",
        `--operations: unknown "${unknown.join(",")}".`,
        `Use any of ${CAPACITY_OPERATIONS.join(", ")}.`,
      );
    }
    if (args.out) checkOutputFile(resolve(io.cwd, args.out));
    const seed = config.seed;
    const refDate = Temporal.Instant.from(config.refDate);
    const concurrency = intArg(args.concurrency, "concurrency", 64, 1, 65_536);
    const stepSec = intArg(args["step-sec"], "step-sec", 10, 1, 3600);
    const target = await openTarget(config.target, {
      defects: config.defects,
      tokenEnv: config.tokenEnv,
      env: io.env,
      connections: concurrency,
    });
    try {
      await target.target.health(io.signal);
      let rates: number[];
      if (args.rates) {
        rates = args.rates
          .split(",")
          .map((r) => intArg(r.trim(), "rates", 1, 1))
          .sort((a, b) => a - b);
      } else {
        if (!target.baseUrl)
          throw new TrancheError("E_USAGE", "this target has no URL to probe.", "Give --rates.");
        const { generateBase, generateTraffic } = await import("../../generators/index.ts");
        const [first] = [...generateBase({ seed, refDate, count: 1 })];
        const probeEvent = first
          ? generateTraffic({ seed, from: refDate, durationSec: 60 }, [first])[0]
          : undefined;
        if (!probeEvent) throw new TrancheError("E_INPUT", "could not build a probe event.");
        const probe = await probeSaturation(target.baseUrl, target.token, probeEvent, {
          durationSec: 3,
          connections: concurrency,
        });
        rates = stepsAround(probe.requestsPerSec);
        if (!args.json) {
          io.stderr(
            `[tranche] saturation probe (autocannon, idempotent write): ${probe.requestsPerSec}/s, p99 ${probe.p99Ms} ms → steps ${rates.join(", ")}/s\n`,
          );
        }
      }
      if (!args.json) io.stderr(runHeader("capacity", run, HARNESS_VERSION));
      const loadAdapter =
        args["load-only"] && target.baseUrl
          ? createLoadAdapter({
              baseUrl: target.baseUrl,
              token: target.token,
              connections: concurrency,
            })
          : null;
      const curves = await searchCapacity({
        adapter: loadAdapter ?? requireProvisioning(target.target.capabilities.provisioning),
        operations: operations as CapacityOperation[],
        ratesPerSec: rates,
        stepSec,
        gates: config.gates,
        concurrency,
        seed,
        refDate,
        signal: io.signal,
        onStep: (p) => {
          if (!args.json)
            io.stderr(
              `[tranche] ${p.operation} at ${p.ratePerSec}/s: p99 ${p.p99Ms} ms, ${p.passed ? "pass" : "FAIL"}\n`,
            );
        },
      });
      await loadAdapter?.close();
      const json = `${JSON.stringify({ seed, refDate: refDate.toString(), profile: config.profile, target: target.info.description, curves }, null, 2)}\n`;
      if (args.out) writeFileAtomic(resolve(io.cwd, args.out), json);
      io.stdout(args.json ? json : renderCapacity(curves));
      return io.signal.aborted ? 3 : 0;
    } finally {
      await target.close();
    }
  },
});

function requireProvisioning<T>(capability: T | undefined): T {
  if (!capability) {
    throw new TrancheError(
      "E_TARGET",
      "this target cannot take provisioning writes, so it has no capacity to step.",
    );
  }
  return capability;
}
