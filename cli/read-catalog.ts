/** Reads an operator's plan catalog file (`--catalog FILE`, config `catalog`). */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  fileProblem,
  inputError,
  type Plan,
  parseCatalog,
  parseJsonInput,
  stripBom,
} from "../domain/index.ts";

export interface CatalogFile {
  readonly plans: Plan[];
  /** SHA-256 of the file's bytes: the catalog's part of the config fingerprint. */
  readonly digest: string;
}

/** Reads and validates `file` (named as given in errors); E_INPUT naming the file and field when bad. */
export function readCatalogFile(file: string, cwd: string): CatalogFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolve(cwd, file));
  } catch (error) {
    throw inputError(file, undefined, `${fileProblem(error)}.`);
  }
  const plans = parseCatalog(parseJsonInput(stripBom(bytes.toString("utf8")), file), file);
  return { plans, digest: createHash("sha256").update(bytes).digest("hex") };
}
