/**
 * The CLI shell: finds the (sub)command, handles --help / --version, runs it and maps errors to
 * exit codes (DESIGN.md: 0 ready, 1 not ready, 2 bad input or configuration, 3 run incomplete).
 * Tranche's own errors print one line; anything else is a bug and prints its stack.
 */
import { TrancheError } from "../domain/index.ts";
import { HARNESS_VERSION } from "../harness/index.ts";
import { type CliIo, type Command, parseCommandArgs, renderHelp } from "./command.ts";
import { rootCommand } from "./commands/index.ts";

export const EXIT = { ready: 0, notReady: 1, badInput: 2, incomplete: 3 } as const;

/** Exit code for a Tranche error code. */
export function exitCodeFor(error: TrancheError): number {
  return error.code === "E_TARGET" || error.code === "E_CONTRACT" || error.code === "E_INTERRUPTED"
    ? EXIT.incomplete
    : EXIT.badInput;
}

/** Runs the CLI with raw argv (without node and script). Returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let command: Command = rootCommand;
  let path = "tranche";
  let rest = [...argv];
  while (command.subCommands && rest[0] && !rest[0].startsWith("-")) {
    const sub: Command | undefined = command.subCommands[rest[0]];
    if (!sub) {
      io.stderr(`[tranche] unknown command "${rest[0]}" for ${path}. Run \`${path} --help\` for the list.\n`);
      return EXIT.badInput;
    }
    path = `${path} ${rest[0]}`;
    command = sub;
    rest = rest.slice(1);
  }
  if (rest.includes("--version") && command === rootCommand) {
    io.stdout(`${HARNESS_VERSION}\n`);
    return EXIT.ready;
  }
  if (rest.includes("--help") || rest.includes("-h") || !command.run) {
    io.stdout(renderHelp(command, path));
    return command.run || rest.includes("--help") || rest.includes("-h") ? EXIT.ready : EXIT.badInput;
  }
  try {
    const { args, positionals } = parseCommandArgs(command, rest);
    return await command.run({ args, positionals, io } as never);
  } catch (error) {
    if (error instanceof TrancheError) {
      io.stderr(`${error.oneLine()}\n`);
      return exitCodeFor(error);
    }
    throw error;
  }
}
