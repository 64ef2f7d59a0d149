/**
 * The architecture of DESIGN.md as dependency-cruiser rules. `npx depcruise .` checks the tree;
 * test/architecture.test.ts runs the same rules and shows they catch planted violations.
 *
 * - Which top-level folder may import which (the dependency table).
 * - No folder imports another folder's internals: only its public face, index.ts.
 * - Product code never imports tests or benchmarks; no module-level import cycles.
 * Unit tests beside the code (*.test.ts) may reach test helpers, so they are not checked.
 */

/** Top-level folders and the folders each may import (itself always). */
const ALLOWED = {
  domain: [],
  oracle: ["domain"],
  generators: ["domain"],
  mocks: ["domain"],
  destination: ["domain"],
  planner: ["domain"],
  harness: ["domain", "generators", "mocks", "destination"],
  scenarios: ["harness", "oracle", "generators", "domain"],
  reports: ["domain"],
  cli: [
    "domain",
    "oracle",
    "generators",
    "mocks",
    "destination",
    "harness",
    "scenarios",
    "planner",
    "reports",
  ],
};
const FOLDERS = Object.keys(ALLOWED);
const TESTS = "\\.test\\.ts$";

const folderRules = FOLDERS.map((folder) => {
  const forbidden = FOLDERS.filter((other) => other !== folder && !ALLOWED[folder].includes(other));
  return {
    name: `${folder}-imports-only-${ALLOWED[folder].join("-") || "itself"}`,
    comment: `DESIGN.md: ${folder} imports ${ALLOWED[folder].join(", ") || "nothing of ours"}.`,
    severity: "error",
    from: { path: `^${folder}/`, pathNot: TESTS },
    to: { path: `^(${forbidden.join("|")})/` },
  };
}).filter((rule) => rule.to.path !== "^()/");

module.exports = {
  forbidden: [
    ...folderRules,
    // The billing oracle's independence, stated on its own (the folder table implies it) so that
    // loosening the table can never let the reference destination and the oracle share code.
    {
      name: "oracle-imports-only-domain",
      comment: "DESIGN.md: the billing oracle is pure and imports only domain/.",
      severity: "error",
      from: { path: "^oracle/", pathNot: TESTS },
      to: { path: `^(${FOLDERS.filter((f) => f !== "oracle" && f !== "domain").join("|")})/` },
    },
    {
      name: "destination-never-imports-oracle",
      comment: "DESIGN.md: the reference destination and the oracle cannot agree by construction.",
      severity: "error",
      from: { path: "^destination/" },
      to: { path: "^oracle/" },
    },
    {
      name: "oracle-never-imports-destination",
      comment: "DESIGN.md: the oracle is written from the contract, not from the destination's code.",
      severity: "error",
      from: { path: "^oracle/" },
      to: { path: "^destination/" },
    },
    {
      name: "public-face-only",
      comment: "A folder is imported through its index.ts, never its internals.",
      severity: "error",
      from: { path: `^(${FOLDERS.join("|")})/`, pathNot: TESTS },
      to: { path: `^(${FOLDERS.join("|")})/`, pathNot: ["^$1/", `^(${FOLDERS.join("|")})/index\\.ts$`] },
    },
    {
      name: "no-test-code-in-product",
      comment: "Product code never depends on tests or benchmarks.",
      severity: "error",
      from: { path: `^(${FOLDERS.join("|")}|bin)/`, pathNot: TESTS },
      to: { path: `(^(test|bench)/)|${TESTS}` },
    },
    {
      name: "no-circular",
      comment:
        "Modules do not import each other in a cycle (a type-only back-reference is no cycle at run time).",
      severity: "error",
      from: { pathNot: TESTS },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|\\.tools|tranche-report|out)/" },
    // Type-only imports couple folders too: count them.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js", ".mjs"] },
  },
};
