/**
 * The architecture of DESIGN.md, checked with dependency-cruiser over every import (type-only
 * imports included): the folder dependency table, public faces only across folders, no test code
 * in product code, no import cycles. The same rules (.dependency-cruiser.cjs) run with
 * `npx depcruise .`; here they also run on a copy of the tree with planted violations, to show
 * they catch them.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "node_modules", "dependency-cruiser", "bin", "dependency-cruiser.mjs");
const FOLDERS = [
  "domain",
  "oracle",
  "generators",
  "mocks",
  "destination",
  "harness",
  "scenarios",
  "planner",
  "reports",
  "cli",
  "bin",
];

interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string };
}

/** Runs depcruise with the project's rules in `cwd`; returns the rule violations. */
async function violations(cwd: string): Promise<Violation[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [BIN, "--config", ".dependency-cruiser.cjs", "--output-type", "json", "."],
    { cwd, maxBuffer: 64 * 1024 * 1024 },
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "" }));
  const result = JSON.parse(stdout) as { summary: { violations: Violation[] } };
  return result.summary.violations;
}

/** A copy of the product tree and the rules in a temporary folder. */
function copyOfTree(): string {
  const dir = mkdtempSync(join(tmpdir(), "tranche-arch-"));
  for (const folder of FOLDERS) {
    try {
      cpSync(join(ROOT, folder), join(dir, folder), { recursive: true });
    } catch {
      // A folder DESIGN.md names may not exist yet.
    }
  }
  for (const file of [".dependency-cruiser.cjs", "tsconfig.json", "package.json"])
    cpSync(join(ROOT, file), join(dir, file));
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return dir;
}

describe("architecture", () => {
  it("has no violation of DESIGN.md's dependency rules in the tree", async () => {
    expect(await violations(ROOT)).toEqual([]);
  }, 60_000);

  it("catches a planted upward import, an internal import across folders, a report reading the harness, and a cycle", async () => {
    const dir = copyOfTree();
    writeFileSync(
      join(dir, "domain", "planted-upward.ts"),
      'export { HARNESS_VERSION } from "../harness/index.ts";\n',
    );
    writeFileSync(
      join(dir, "scenarios", "planted-internal.ts"),
      'export type { GateSpec } from "../harness/gates/gate.ts";\n',
    );
    writeFileSync(
      join(dir, "reports", "planted-harness.ts"),
      'export type { Suite } from "../harness/index.ts";\n',
    );
    writeFileSync(
      join(dir, "reports", "planted-a.ts"),
      'import { b } from "./planted-b.ts";\nexport const a = () => b;\n',
    );
    writeFileSync(
      join(dir, "reports", "planted-b.ts"),
      'import { a } from "./planted-a.ts";\nexport const b = () => a;\n',
    );
    writeFileSync(
      join(dir, "oracle", "planted-destination.ts"),
      'export { RATING } from "../destination/index.ts";\n',
    );
    writeFileSync(
      join(dir, "oracle", "planted-harness.ts"),
      'export type { Suite } from "../harness/index.ts";\n',
    );
    writeFileSync(
      join(dir, "destination", "planted-oracle.ts"),
      'export { splitPeriod } from "../oracle/index.ts";\n',
    );
    writeFileSync(
      join(dir, "destination", "planted-oracle.test.ts"),
      'export { splitPeriod } from "../oracle/index.ts";\n',
    );
    const found = (await violations(dir)).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    expect(found).toEqual(
      expect.arrayContaining([
        "oracle-imports-only-domain: oracle/planted-destination.ts → destination/index.ts",
        "oracle-never-imports-destination: oracle/planted-destination.ts → destination/index.ts",
        "oracle-imports-only-domain: oracle/planted-harness.ts → harness/index.ts",
        "destination-never-imports-oracle: destination/planted-oracle.ts → oracle/index.ts",
        // Not even a test of the destination may lean on the oracle.
        "destination-never-imports-oracle: destination/planted-oracle.test.ts → oracle/index.ts",
      ]),
    );
    expect(found).toEqual(
      expect.arrayContaining([
        "domain-imports-only-itself: domain/planted-upward.ts → harness/index.ts",
        "public-face-only: scenarios/planted-internal.ts → harness/gates/gate.ts",
        "reports-imports-only-domain: reports/planted-harness.ts → harness/index.ts",
        expect.stringMatching(/^no-circular: reports\/planted-[ab]\.ts → reports\/planted-[ab]\.ts$/),
      ]),
    );
  }, 60_000);
});
