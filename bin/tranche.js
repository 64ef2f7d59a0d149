#!/usr/bin/env -S node --max-semi-space-size=4
// --max-semi-space-size=4: a 4 MB young-generation semi-space, so V8's scavenges take about 1 ms
// (median) instead of 7.5 ms and the replay keeps its schedule (docs/replay.md, "Precise scheduling").
// Entry point: the only place that calls process.exit. Node >= 22.22 runs the TypeScript sources
// directly (type stripping), so there is no build step.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 22)) {
  process.stderr.write(
    `[tranche] Node ${process.versions.node} is too old: Tranche needs Node >= 22.22. Use ./tranche, which installs one into .tools/.\n`,
  );
  process.exit(2);
}
const { runCli } = await import("../cli/main.ts");
const controller = new AbortController();
let interrupts = 0;
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    controller.abort(new Error(sig));
  });
}
const io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  interactive: Boolean(process.stderr.isTTY) && !process.env.CI,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
};
const code = await runCli(process.argv.slice(2), io);
process.exitCode = code;
// Servers and pools are closed by the commands; exit promptly even if a handle lingers.
setTimeout(() => process.exit(code), 50).unref();
