/**
 * `npm run bench`: runs every `bench:*` script of package.json in turn and prints each one's last
 * line (its JSON figures). Benchmarks print figures; no test ever asserts on speed.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  scripts: Record<string, string>;
};
const names = Object.keys(pkg.scripts).filter((name) => name.startsWith("bench:"));
const summary: Record<string, unknown> = {};
for (const name of names) {
  process.stderr.write(`[tranche] npm run ${name}\n`);
  const run = spawnSync("npm", ["run", "--silent", name], {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
  process.stdout.write(run.stdout);
  const last = run.stdout.trim().split("\n").pop() ?? "";
  try {
    summary[name] = JSON.parse(last);
  } catch {
    summary[name] = { error: `exit ${run.status}`, last };
  }
}
process.stdout.write(`${JSON.stringify(summary)}\n`);
