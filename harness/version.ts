/** The harness version, reported in every run result and exported script. */
import { readFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};

export const HARNESS_VERSION: string = pkg.version;
