/** The command registry: one entry per top-level command. */
import { defineCommand } from "../command.ts";
import { billingCommand } from "./billing.ts";
import { capacityCommand } from "./capacity.ts";
import { captureCommand } from "./capture.ts";
import { certifyCommand } from "./certify.ts";
import { checkCommand } from "./check.ts";
import { destinationCommand } from "./destination.ts";
import { exportCommand } from "./export.ts";
import { generateCommand } from "./generate.ts";
import { inspectCommand } from "./inspect.ts";
import { mocksCommand } from "./mocks.ts";
import { reportCommand } from "./report.ts";
import { runCommand } from "./run.ts";
import { statusCommand } from "./status.ts";
import { suitesCommand } from "./suites.ts";
import { verifyCommand } from "./verify.ts";
import { whatifCommand } from "./whatif.ts";

export const rootCommand = defineCommand({
  meta: {
    name: "tranche",
    description:
      "Tranche — readiness harness for MVNO migrations: is the destination MVNE/BSS ready before subscribers move?",
    usage: "tranche <command> [options]",
  },
  args: {
    version: { type: "boolean", description: "Print the harness version" },
    help: { type: "boolean", description: "Show help" },
  },
  subCommands: {
    run: runCommand,
    certify: certifyCommand,
    verify: verifyCommand,
    report: reportCommand,
    status: statusCommand,
    suites: suitesCommand,
    generate: generateCommand,
    capacity: capacityCommand,
    billing: billingCommand,
    export: exportCommand,
    check: checkCommand,
    inspect: inspectCommand,
    whatif: whatifCommand,
    capture: captureCommand,
    destination: destinationCommand,
    mocks: mocksCommand,
  },
});
