/**
 * Output paths as commands use them: a report or export folder is created when missing (and must
 * not be a file); every file is written under a temporary name and renamed when complete, so an
 * interrupted command never leaves a finished-looking file. Failures are E_OUTPUT, one line.
 */
import { mkdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileProblem, outputError } from "../domain/index.ts";
import { writeFileAtomic } from "../generators/index.ts";

/** Creates `folder` (and its parents) when missing; E_OUTPUT when it is a file or cannot be made. */
export function prepareFolder(folder: string): string {
  let exists = true;
  try {
    if (statSync(folder).isDirectory()) return folder;
  } catch (error) {
    if ((error as { code?: string }).code !== "ENOENT") throw outputError(folder, fileProblem(error));
    exists = false;
  }
  if (exists) {
    throw outputError(
      folder,
      "it is a file, not a folder",
      "Give a folder for the output, e.g. --out tranche-report.",
    );
  }
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw outputError(
      folder,
      `the folder cannot be created (${fileProblem(error)})`,
      "Check the path and its permissions.",
    );
  }
  return folder;
}

/** Writes `text` to `file` inside `folder` (sub-folders created), atomically. */
export function writeOutputFile(folder: string, file: string, text: string): string {
  const path = join(folder, file);
  prepareFolder(dirname(path));
  writeFileAtomic(path, text);
  return path;
}
