/**
 * Commands are data (the citty / vitest habit): meta, typed args with descriptions, and a `run`
 * that receives parsed values and an IO object. The CLI parses, dispatches and renders; only
 * bin/tranche.js calls process.exit. Tests call `runCli(argv, io)` directly.
 */
import { parseArgs } from "node:util";
import { Temporal } from "temporal-polyfill";
import { TrancheError } from "../domain/index.ts";
import { DEFAULT_REF_DATE } from "../harness/index.ts";

export interface ArgSpec {
  readonly type: "string" | "boolean";
  readonly description: string;
  readonly default?: string | boolean;
  readonly alias?: string;
  /** Shown in help instead of the type, e.g. `<url|reference>`. */
  readonly valueHint?: string;
}

export type ArgValues<A extends Record<string, ArgSpec>> = {
  [K in keyof A]: A[K]["type"] extends "boolean" ? boolean : string | undefined;
};

/** Where a command writes and what it can observe of its terminal. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stderr is a terminal (progress bars) and we are not in CI. */
  readonly interactive: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Aborted on Ctrl-C / SIGTERM: long commands stop and write partial results. */
  readonly signal: AbortSignal;
}

export interface CommandContext<A extends Record<string, ArgSpec>> {
  readonly args: ArgValues<A>;
  readonly positionals: readonly string[];
  readonly io: CliIo;
}

export interface Command<A extends Record<string, ArgSpec> = Record<string, ArgSpec>> {
  readonly meta: { readonly name: string; readonly description: string; readonly usage?: string };
  readonly args: A;
  readonly subCommands?: Readonly<Record<string, Command>>;
  /** Returns the process exit code. */
  readonly run?: (ctx: CommandContext<A>) => Promise<number>;
}

/** Declares a command with typed args. */
export function defineCommand<A extends Record<string, ArgSpec>>(command: Command<A>): Command {
  return command as unknown as Command;
}

/** Parses argv for one command; unknown flags are usage errors (exit 2). */
export function parseCommandArgs(
  command: Command,
  argv: readonly string[],
): { args: Record<string, unknown>; positionals: string[] } {
  const options: Record<string, { type: "string" | "boolean"; short?: string }> = {};
  for (const [name, spec] of Object.entries(command.args)) {
    options[name] = spec.alias ? { type: spec.type, short: spec.alias } : { type: spec.type };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new TrancheError(
      "E_USAGE",
      `${(error as Error).message.split("\n")[0]}`,
      `Run \`tranche ${command.meta.name} --help\` for the options.`,
    );
  }
  const args: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(command.args)) {
    const value = parsed.values[name];
    args[name] = value ?? spec.default ?? (spec.type === "boolean" ? false : undefined);
  }
  return { args, positionals: parsed.positionals };
}

/** Renders `--help` for a command. */
export function renderHelp(command: Command, path: string): string {
  const lines = [`${command.meta.description}`, "", `Usage: ${command.meta.usage ?? `${path} [options]`}`];
  if (command.subCommands) {
    lines.push("", "Commands:");
    const width = Math.max(...Object.keys(command.subCommands).map((k) => k.length));
    for (const [name, sub] of Object.entries(command.subCommands)) {
      lines.push(`  ${name.padEnd(width)}  ${sub.meta.description}`);
    }
  }
  const entries = Object.entries(command.args);
  if (entries.length > 0) {
    lines.push("", "Options:");
    const labels = entries.map(([name, spec]) => {
      const flag = spec.alias ? `-${spec.alias}, --${name}` : `    --${name}`;
      return spec.type === "string" ? `${flag} ${spec.valueHint ?? "<value>"}` : flag;
    });
    const width = Math.max(...labels.map((l) => l.length));
    entries.forEach(([, spec], i) => {
      const def = spec.default !== undefined && spec.default !== false ? ` (default: ${spec.default})` : "";
      lines.push(`  ${(labels[i] as string).padEnd(width)}  ${spec.description}${def}`);
    });
  }
  return `${lines.join("\n")}\n`;
}

/** Parses an integer option within [min, max], naming the flag in the error. */
export function intArg(
  value: string | undefined,
  flag: string,
  fallback: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
    throw new TrancheError("E_USAGE", `--${flag} must be an integer ${range}, got "${value}".`);
  }
  return n;
}

/** Parses an ISO instant flag, naming the flag in the error. */
export function instantArg(value: string, flag: string): Temporal.Instant {
  try {
    return Temporal.Instant.from(value);
  } catch {
    throw new TrancheError(
      "E_USAGE",
      `--${flag} must be an ISO instant such as ${DEFAULT_REF_DATE}, got "${value}".`,
    );
  }
}
