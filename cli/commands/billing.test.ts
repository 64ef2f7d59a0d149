import { describe, expect, it } from "vitest";
import type { CliIo } from "../command.ts";
import { runCli } from "../main.ts";

async function cli(argv: string[]) {
  const out = { stdout: "", stderr: "" };
  const io: CliIo = {
    stdout: (t) => {
      out.stdout += t;
    },
    stderr: (t) => {
      out.stderr += t;
    },
    interactive: false,
    env: {},
    cwd: process.cwd(),
    signal: new AbortController().signal,
  };
  const code = await runCli(argv, io);
  return { code, ...out };
}

const ISSUE = [
  "billing",
  "split",
  "--price",
  "24.95",
  "--currency",
  "EUR",
  "--anchor-day",
  "15",
  "--timezone",
  "Europe/Berlin",
  "--cutover",
  "2024-03-01T10:00:00Z",
];

describe("tranche billing split", () => {
  it("prints the period, the fraction and the legacy, destination and full amounts", async () => {
    const { code, stdout } = await cli(ISSUE);
    expect(code).toBe(0);
    expect(stdout).toContain("period       2024-02-15 → 2024-03-15 Europe/Berlin (29 days");
    expect(stdout).toContain("legacy 15/29 days");
    expect(stdout).toContain("legacy       12.91 EUR");
    expect(stdout).toContain("destination  12.04 EUR");
    expect(stdout).toContain("full         24.95 EUR");
  });

  it("prints only JSON with --json, by the basis and legacy rounding given", async () => {
    const { code, stdout } = await cli([
      ...ISSUE,
      "--proration",
      "30-day",
      "--rounding",
      "half-even",
      "--json",
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.fraction.legacy).toBe("15/30");
    // 2495 × 15 / 30 = 1247.5 → to even 1248
    expect([json.legacy.minor, json.destination.minor, json.full.minor]).toEqual([1248, 1247, 2495]);
    expect(json.rule).toBe("recurring.split-remainder");
  });

  it("handles currencies of exponent 0 and 3", async () => {
    const yen = JSON.parse(
      (
        await cli([
          "billing",
          "split",
          "--price",
          "3980",
          "--currency",
          "JPY",
          "--anchor-day",
          "1",
          "--timezone",
          "Asia/Tokyo",
          "--cutover",
          "2024-04-16T00:00:00Z",
          "--json",
        ])
      ).stdout,
    );
    expect(yen.full.amount).toBe("3980");
    const fils = JSON.parse(
      (
        await cli([
          "billing",
          "split",
          "--price",
          "7.5",
          "--currency",
          "KWD",
          "--anchor-day",
          "1",
          "--timezone",
          "Asia/Kuwait",
          "--cutover",
          "2024-04-16T00:00:00Z",
          "--rounding",
          "down",
          "--json",
        ])
      ).stdout,
    );
    expect(fils.full.amount).toBe("7.500");
    expect(fils.legacy.minor + fils.destination.minor).toBe(7500);
  });

  it.each([
    [["--price", "24.955"], "--price must be a non-negative amount in EUR with at most 2 decimals"],
    [
      ["--price", "3.5", "--currency", "JPY"],
      "--price must be a non-negative amount in JPY with at most 0 decimals",
    ],
    [["--currency", "XXX"], "--currency must be one of"],
    [["--anchor-day", "32"], "--anchor-day must be an integer from 1 to 31"],
    [["--timezone", "Mars/Base"], "--timezone must be an IANA time zone"],
    [["--cutover", "yesterday"], "--cutover must be an ISO instant"],
    [["--proration", "weekly"], "--proration must be one of daily, seconds, 30-day"],
    [["--rounding", "up"], "--rounding must be one of half-up, half-even, down"],
  ])("refuses %j with one line and exit code 2", async (override, message) => {
    const argv = [...ISSUE];
    for (let i = 0; i < override.length; i += 2) {
      const at = argv.indexOf(override[i] as string);
      if (at >= 0) argv[at + 1] = override[i + 1] as string;
      else argv.push(override[i] as string, override[i + 1] as string);
    }
    const { code, stderr } = await cli(argv);
    expect(code).toBe(2);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain(message);
  });

  it("refuses a missing required option", async () => {
    const { code, stderr } = await cli(["billing", "split", "--currency", "EUR"]);
    expect(code).toBe(2);
    expect(stderr).toContain("--price is required");
  });
});
