/** `tranche mocks serve`: the mocked legacy peers over HTTP on loopback. */
import { resolve } from "node:path";
import { SubscriberSchema, TrancheError } from "../../domain/index.ts";
import { DEFAULT_SEED, readNdjsonFile } from "../../harness/index.ts";
import { defineCommand, intArg } from "../command.ts";

const serve = defineCommand({
  meta: {
    name: "mocks serve",
    description: "Serve the mocked legacy peers over HTTP (prints each peer's URL; Ctrl-C stops)",
    usage: "tranche mocks serve [--port N] [--host 127.0.0.1] [--seed N] [--base FILE] [--faults SPEC]",
  },
  args: {
    port: {
      type: "string",
      description: "First port; peers take consecutive ports (0: free ports)",
      valueHint: "<n>",
      default: "0",
    },
    host: { type: "string", description: "Interface to bind", valueHint: "<addr>", default: "127.0.0.1" },
    seed: {
      type: "string",
      description: "Seed of the fault decisions",
      valueHint: "<n>",
      default: String(DEFAULT_SEED),
    },
    base: {
      type: "string",
      description: "Subscriber base (NDJSON) the legacy BSS starts with",
      valueHint: "<file>",
    },
    faults: {
      type: "string",
      description:
        "Faults per peer, e.g. 'mnp-clearinghouse:errorRate=0.1,latencyMedianMs=200;payment-gateway:timeoutRate=0.05'",
      valueHint: "<spec>",
    },
  },
  async run({ args, io }) {
    const { PEER_NAMES, parseFaultSpec, serveMocks } = await import("../../mocks/index.ts");
    const faults: Record<string, ReturnType<typeof parseFaultSpec>> = {};
    for (const part of (args.faults ?? "").split(";").filter((p) => p.trim().length > 0)) {
      const [peer, spec] = part.split(":", 2).map((s) => s.trim());
      if (!peer || !(PEER_NAMES as readonly string[]).includes(peer)) {
        throw new TrancheError(
          "E_USAGE",
          `--faults names an unknown peer "${peer}".`,
          `Peers: ${PEER_NAMES.join(", ")}.`,
        );
      }
      try {
        faults[peer] = parseFaultSpec(spec ?? "");
      } catch (error) {
        throw new TrancheError("E_USAGE", `--faults for ${peer}: ${(error as Error).message}.`);
      }
    }
    const base = args.base ? await readNdjsonFile(SubscriberSchema, resolve(io.cwd, args.base)) : [];
    const mocks = await serveMocks({
      port: intArg(args.port, "port", 0),
      host: args.host ?? "127.0.0.1",
      seed: intArg(args.seed, "seed", DEFAULT_SEED),
      faults,
      world: { base },
    });
    for (const [peer, url] of Object.entries(mocks.urls)) io.stdout(`${peer.padEnd(18)} ${url}\n`);
    io.stderr(
      `[tranche] mocked peers up (seed ${args.seed}, ${base.length} legacy subscribers). Ctrl-C stops.\n`,
    );
    await new Promise<void>((resolve) => {
      if (io.signal.aborted) resolve();
      else io.signal.addEventListener("abort", () => resolve(), { once: true });
    });
    await mocks.close();
    io.stderr("[tranche] mocked peers stopped.\n");
    return 0;
  },
});

export const mocksCommand = defineCommand({
  meta: { name: "mocks", description: "The mocked legacy peers", usage: "tranche mocks serve [options]" },
  args: {},
  subCommands: { serve },
});
