/**
 * Targets: what a run talks to. `reference` starts the embedded reference destination on a free
 * loopback port (with defect profiles if asked); a URL is an already running destination reached
 * with a bearer token from an environment variable; `process:<command>` starts any command and
 * waits for its health URL; `container:<image>` starts an image through testcontainers.
 */
import { type Plan, TrancheError } from "../../domain/index.ts";
import { type ContractTarget, createContractAdapter } from "../adapters/index.ts";
import type { ContainerTargetOptions } from "./container-target.ts";
import type { ProcessTargetOptions } from "./process-target.ts";
import { type ReferenceTuning, startReferenceInWorker } from "./reference-in-worker.ts";

export interface TargetOptions {
  readonly defects: readonly string[];
  /** Environment variable holding the bearer token of a URL, process or container target. */
  readonly tokenEnv: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly connections: number;
  /** Overall deadline of one request (headers and body), ms; default `DEFAULT_REQUEST_TIMEOUT_MS`. */
  readonly timeoutMs?: number;
  /** Health path, start timeout and working directory of a `process:` target. */
  readonly process?: Omit<ProcessTargetOptions, "command">;
  /** The plans the embedded `reference` destination sells (default: every country profile's). */
  readonly catalog?: readonly Plan[];
  /** Load-defect tuning of the embedded `reference` destination. */
  readonly reference?: ReferenceTuning;
  /** Port, environment and command of a `container:` target. */
  readonly container?: Omit<ContainerTargetOptions, "image">;
}

export interface OpenedTarget {
  /** The destination with its capabilities. */
  readonly target: ContractTarget;
  /** Base URL of the destination's contract API (probes and exports address it directly). */
  readonly baseUrl?: string;
  /** The BSS bearer token the target is addressed with (probes use it too). */
  readonly token: string;
  readonly info: { readonly kind: string; readonly description: string; readonly defects: readonly string[] };
  close(): Promise<void>;
}

/** Token sent to a URL target when its token variable is unset: the one a local `tranche destination serve` accepts. */
export const REFERENCE_BSS_TOKEN = "reference-bss-token";

/**
 * The bearer token for a destination Tranche did not start (a URL): from its variable, never a
 * default — E_CONFIG before anything is sent when the variable is unset. Call it before work starts.
 */
export function targetToken(
  spec: string,
  tokenEnv: string,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const token = env[tokenEnv];
  if (token) return token;
  throw new TrancheError(
    "E_CONFIG",
    `the target ${spec} needs a bearer token, and $${tokenEnv} is not set.`,
    `Set ${tokenEnv} (config tokenEnv names another variable); a local \`tranche destination serve\` accepts ${REFERENCE_BSS_TOKEN}.`,
  );
}

/** Opens `spec`: `reference`, an http(s) URL, `process:<command>` or `container:<image>`. */
export async function openTarget(spec: string, options: TargetOptions): Promise<OpenedTarget> {
  if (spec === "reference") {
    // Loaded on demand: a run against a URL never pays for the reference destination. It runs in
    // a worker thread so its database work never delays the replay's sends.
    const { DEFAULT_BSS_TOKEN, DEFAULT_LI_TOKEN } = await import("../../destination/index.ts");
    const server = await startReferenceInWorker(options.defects, options.reference, options.catalog);
    const adapter = createContractAdapter({
      baseUrl: server.url,
      token: DEFAULT_BSS_TOKEN,
      liToken: DEFAULT_LI_TOKEN,
      connections: options.connections,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
    return {
      target: adapter,
      baseUrl: server.url,
      token: DEFAULT_BSS_TOKEN,
      info: {
        kind: "reference",
        description: `embedded reference destination at ${server.url}`,
        defects: [...options.defects],
      },
      async close() {
        await adapter.close();
        await server.close();
      },
    };
  }
  if (/^https?:\/\//.test(spec)) {
    if (options.defects.length > 0) {
      throw new TrancheError(
        "E_CONFIG",
        "--defects applies only to the embedded reference destination (--target reference).",
        "Start `tranche destination serve --defects …` yourself and point --target at its URL.",
      );
    }
    const token = targetToken(spec, options.tokenEnv, options.env);
    const liToken = options.env.TRANCHE_TARGET_LI_TOKEN;
    const adapter = createContractAdapter({
      baseUrl: spec,
      token,
      ...(liToken ? { liToken } : {}),
      connections: options.connections,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
    return {
      target: adapter,
      baseUrl: spec,
      token,
      info: { kind: "url", description: adapter.describe(), defects: [] },
      close: () => adapter.close(),
    };
  }
  if (spec.startsWith("process:") || spec.startsWith("container:")) {
    const isProcess = spec.startsWith("process:");
    const what = spec.slice(spec.indexOf(":") + 1).trim();
    if (!what) {
      throw new TrancheError("E_CONFIG", `target "${spec}" names no ${isProcess ? "command" : "image"}.`);
    }
    if (options.defects.length > 0) {
      throw new TrancheError(
        "E_CONFIG",
        "--defects applies only to the embedded reference destination (--target reference).",
        "Pass defect profiles in the process command or the container's command instead.",
      );
    }
    // Loaded on demand: testcontainers is only needed by container targets.
    const started = isProcess
      ? await (await import("./process-target.ts")).startProcessTarget({ ...options.process, command: what })
      : await (await import("./container-target.ts")).startContainerTarget({
          ...options.container,
          image: what,
        });
    const token = options.env[options.tokenEnv] ?? REFERENCE_BSS_TOKEN;
    const liToken = options.env.TRANCHE_TARGET_LI_TOKEN;
    const adapter = createContractAdapter({
      baseUrl: started.baseUrl,
      token,
      ...(liToken ? { liToken } : {}),
      connections: options.connections,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
    return {
      target: adapter,
      baseUrl: started.baseUrl,
      token,
      info: {
        kind: isProcess ? "process" : "container",
        description: `${isProcess ? `process "${what}"` : `container ${what}`} at ${started.baseUrl}`,
        defects: [],
      },
      async close() {
        await adapter.close();
        await started.stop();
      },
    };
  }
  throw new TrancheError(
    "E_CONFIG",
    `target "${spec}" is not understood.`,
    "Use `reference`, an http(s):// URL, `process:<command>` or `container:<image>`.",
  );
}
