/**
 * Finding and loading the config file. Errors name the file and, where it can be known, the line:
 * a JSON syntax error's position, a TypeScript syntax error's line, or the line where an invalid
 * key is written.
 */
import { existsSync } from "node:fs";
import { basename, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseJsonInput, stripBom, TrancheError } from "../../domain/index.ts";
import { readTextFile } from "../files.ts";
import { type TrancheConfig, TrancheConfigSchema } from "./config.ts";

export const CONFIG_FILE_NAMES = ["tranche.config.ts", "tranche.config.json"] as const;

/** Loads `explicit`, or the first default config file in `cwd`; returns null when there is none. */
export async function loadConfig(
  explicit: string | undefined,
  cwd: string,
): Promise<{ config: TrancheConfig; file: string; text: string } | null> {
  const file = explicit
    ? resolve(cwd, explicit)
    : CONFIG_FILE_NAMES.map((name) => resolve(cwd, name)).find((path) => existsSync(path));
  if (!file) return null;
  if (!existsSync(file)) throw new TrancheError("E_CONFIG", `config file ${file} does not exist.`);
  const text = stripBom(await readTextFile(file));
  if (text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "").trim() === "") {
    throw new TrancheError(
      "E_CONFIG",
      `config ${file} is empty.`,
      file.endsWith(".json")
        ? 'Write a JSON object such as {"profile": "smoke"}, or remove the file.'
        : "Write `export default defineConfig({ … })`, or remove the file.",
    );
  }
  const raw = file.endsWith(".json") ? parseJsonConfig(text, file) : await importTsConfig(file, text);
  const result = TrancheConfigSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path ?? [];
    const key =
      issue?.code === "unrecognized_keys"
        ? (issue as { keys: string[] }).keys[0]
        : (path[path.length - 1] as string);
    // A missing field is not written anywhere: name the line of the nearest key that is.
    const keys = [...(key === undefined ? [] : [String(key)]), ...path.slice(0, -1).map(String).reverse()];
    const line = keys.map((k) => lineOfKey(text, k)).find((l) => l !== undefined);
    const field =
      issue?.code === "unrecognized_keys"
        ? `unknown field "${key}"`
        : `"${path.join(".")}": ${issue?.message}`;
    throw new TrancheError(
      "E_CONFIG",
      `could not read config ${file}${line ? ` line ${line}` : ""}: ${field}.`,
      key === "settings"
        ? "`settings` was split: world.subscribers and world.windowSec, and suites.<id>.ratePerSec / concurrency / inject (see README.md, Configuration)."
        : "See README.md, section Configuration, for the fields.",
    );
  }
  return { config: result.data, file, text };
}

function parseJsonConfig(text: string, file: string): unknown {
  try {
    return parseJsonInput(text, file);
  } catch (error) {
    if (!(error instanceof TrancheError)) throw error;
    // The same words as every input error, under the config's code (exit 2 either way).
    throw new TrancheError(
      "E_CONFIG",
      error.message.replace("could not read ", "could not read config "),
      error.hint,
    );
  }
}

async function importTsConfig(file: string, text: string): Promise<unknown> {
  try {
    const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
    // A module without `export default` may still be read as CommonJS with an empty default.
    if (module.default === undefined || !/export\s+default\b/.test(text)) {
      throw new TrancheError(
        "E_CONFIG",
        `config ${file} has no default export.`,
        "Write `export default defineConfig({ … })`.",
      );
    }
    return module.default;
  } catch (error) {
    if (error instanceof TrancheError) throw error;
    // Node reports `/abs/tranche.config.ts:3`, bundlers a relative path: match on the file name.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping terminal colour codes
    const stack = String((error as Error).stack ?? "").replace(/\u001b\[[0-9;]*m/g, "");
    const escaped = basename(file).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const at = new RegExp(`${escaped}:(\\d+)`).exec(stack);
    throw new TrancheError(
      "E_CONFIG",
      `could not load config ${file}${at ? ` line ${at[1]}` : ""}: ${(error as Error).message.split("\n")[0]}.`,
    );
  }
}

/** The 1-based line where `key` first appears as an object key, if any. */
export function lineOfKey(text: string, key: string): number | undefined {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`(^|[\\s{,])["']?${escaped}["']?\\s*:`, "m").exec(text);
  return match ? text.slice(0, match.index + (match[1] ?? "").length).split("\n").length : undefined;
}
