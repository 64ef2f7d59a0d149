/** `tranche suites`: the suite library — ids, what each checks, the capabilities it needs, its options. */
import { z } from "zod";
import type { Suite } from "../../harness/index.ts";
import { PROFILES, SUITES } from "../../scenarios/index.ts";
import { defineCommand } from "../command.ts";

/** One option of a suite as --help and docs show it: name, type, default. */
export function optionRows(suite: Suite): Array<{ name: string; type: string; default: string }> {
  const schema = z.toJSONSchema(suite.options, { io: "input", unrepresentable: "any" }) as {
    properties?: Record<string, { type?: string; default?: unknown; anyOf?: unknown[]; oneOf?: unknown[] }>;
  };
  return Object.entries(schema.properties ?? {}).map(([name, prop]) => ({
    name,
    type: prop.type ?? (prop.oneOf || prop.anyOf ? "object" : "any"),
    default: prop.default === undefined ? "—" : JSON.stringify(prop.default),
  }));
}

/** The suite list as text. */
export function renderSuites(): string {
  const lines: string[] = [];
  for (const suite of SUITES) {
    const inProfiles = Object.values(PROFILES)
      .filter((p) => p.suites.some((s) => s.suite === suite.id))
      .map((p) => p.name);
    lines.push(`${suite.id} — ${suite.title}`);
    lines.push(`  ${suite.description}`);
    lines.push(`  requires: ${suite.requires.join(", ")}`);
    lines.push(`  profiles: ${inProfiles.join(", ") || "none"}`);
    lines.push("  options (config: suites.<id>.<option>):");
    for (const row of optionRows(suite))
      lines.push(`    ${row.name.padEnd(18)} ${row.type.padEnd(8)} default ${row.default}`);
    lines.push("");
  }
  return `${lines.join("\n")}`;
}

export const suitesCommand = defineCommand({
  meta: { name: "suites", description: "List the suites: ids, checks, required capabilities and options" },
  args: { json: { type: "boolean", description: "Print the list as JSON" } },
  async run({ args, io }) {
    if (args.json) {
      const list = SUITES.map((s) => ({
        id: s.id,
        title: s.title,
        description: s.description,
        requires: s.requires,
        options: optionRows(s),
      }));
      io.stdout(`${JSON.stringify(list, null, 2)}\n`);
    } else io.stdout(renderSuites());
    return 0;
  },
});
