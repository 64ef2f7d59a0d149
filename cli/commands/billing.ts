/**
 * `tranche billing split`: the split rule for one price, by the billing oracle — the period holding
 * the cutover, legacy's share of it (by the proration basis, rounded by legacy's rule), the
 * destination's remainder and the full price. What a migration planner or a vendor checks one
 * subscriber's split-period invoice against.
 */
import { Temporal } from "temporal-polyfill";
import {
  CURRENCY_CODES,
  CURRENCY_EXPONENTS,
  type CurrencyCode,
  formatMinor,
  isTimeZone,
  TrancheError,
} from "../../domain/index.ts";
import {
  BillingPolicySchema,
  describeSplit,
  POLICY_ROUNDINGS,
  type PolicyRounding,
  PRORATION_BASES,
  type ProrationBasis,
  splitPeriod,
} from "../../oracle/index.ts";
import { defineCommand, intArg } from "../command.ts";

function usage(message: string): TrancheError {
  return new TrancheError("E_USAGE", message, "Run `tranche billing split --help` for the options.");
}

/** A price in major units (`24.95`) as minor units of `currency`, with no more decimals than it has. */
export function parsePrice(text: string | undefined, currency: CurrencyCode): number {
  if (text === undefined) throw usage("--price is required, e.g. --price 24.95.");
  const exponent = CURRENCY_EXPONENTS[currency];
  const match = /^(\d{1,12})(?:\.(\d+))?$/.exec(text);
  if (!match || (match[2] ?? "").length > exponent) {
    throw usage(
      `--price must be a non-negative amount in ${currency} with at most ${exponent} decimals, got "${text}".`,
    );
  }
  return Number(match[1]) * 10 ** exponent + Number((match[2] ?? "").padEnd(exponent, "0") || 0);
}

function choice<T extends string>(
  value: string | undefined,
  flag: string,
  options: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!(options as readonly string[]).includes(value))
    throw usage(`--${flag} must be one of ${options.join(", ")}, got "${value}".`);
  return value as T;
}

export const billingCommand = defineCommand({
  meta: {
    name: "billing",
    description: "The billing oracle from the command line: the split-period rule for one price",
    usage: "tranche billing split [options]",
  },
  args: {},
  subCommands: {
    split: defineCommand({
      meta: {
        name: "billing split",
        description:
          "Split one recurring price at a cutover: the period, legacy's share (rounded by legacy's rule), the destination's remainder, the full price",
        usage:
          "tranche billing split --price 24.95 --currency EUR --anchor-day 15 --timezone Europe/Berlin --cutover 2024-03-01T10:00:00Z [--proration daily|seconds|30-day] [--rounding half-up|half-even|down] [--json]",
      },
      args: {
        price: {
          type: "string",
          description: "The recurring price per period, in major units",
          valueHint: "<amount>",
        },
        currency: {
          type: "string",
          description: `ISO 4217 code (${CURRENCY_CODES.join(", ")})`,
          valueHint: "<code>",
        },
        "anchor-day": {
          type: "string",
          description: "Day of the month the billing period starts (1–31)",
          valueHint: "<1-31>",
        },
        timezone: { type: "string", description: "The subscriber's IANA time zone", valueHint: "<zone>" },
        cutover: { type: "string", description: "The cutover instant (ISO 8601)", valueHint: "<iso>" },
        proration: {
          type: "string",
          description: "Proration basis: whole local days, seconds (DST-aware), or 30-day months",
          valueHint: PRORATION_BASES.join("|"),
          default: "daily",
        },
        rounding: {
          type: "string",
          description: "Legacy's rounding of its share (the destination bills the remainder)",
          valueHint: POLICY_ROUNDINGS.join("|"),
          default: "half-up",
        },
        json: { type: "boolean", description: "Print only JSON" },
      },
      async run({ args, io }) {
        const currency = args.currency?.toUpperCase();
        if (!currency) throw usage("--currency is required, e.g. --currency EUR.");
        if (!(CURRENCY_CODES as readonly string[]).includes(currency))
          throw usage(`--currency must be one of ${CURRENCY_CODES.join(", ")}, got "${args.currency}".`);
        const code = currency as CurrencyCode;
        const feeMinor = parsePrice(args.price, code);
        if (args["anchor-day"] === undefined) throw usage("--anchor-day is required (1–31).");
        const anchorDay = intArg(args["anchor-day"], "anchor-day", 1, 1, 31);
        const timeZone = args.timezone;
        if (!timeZone) throw usage("--timezone is required, e.g. --timezone Europe/Berlin.");
        if (!isTimeZone(timeZone))
          throw usage(`--timezone must be an IANA time zone such as Europe/Berlin, got "${timeZone}".`);
        if (!args.cutover) throw usage("--cutover is required, e.g. --cutover 2024-03-01T10:00:00Z.");
        let cutover: Temporal.Instant;
        try {
          cutover = Temporal.Instant.from(args.cutover);
        } catch {
          throw usage(
            `--cutover must be an ISO instant with an offset such as 2024-03-01T10:00:00Z, got "${args.cutover}".`,
          );
        }
        const proration = choice<ProrationBasis>(args.proration, "proration", PRORATION_BASES, "daily");
        const legacyRounding = choice<PolicyRounding>(args.rounding, "rounding", POLICY_ROUNDINGS, "half-up");
        const input = {
          feeMinor,
          currency: code,
          anchorDay,
          timeZone,
          cutover,
          policy: BillingPolicySchema.parse({ proration }),
          legacyRounding,
        };
        const result = splitPeriod(input);
        const described = describeSplit(input, result);
        if (args.json) {
          io.stdout(`${JSON.stringify(described)}\n`);
          return 0;
        }
        const money = (minor: number) => `${formatMinor(minor, code)} ${code}`;
        const { period } = result.frame;
        const local = cutover.toZonedDateTimeISO(timeZone);
        const unit = proration === "seconds" ? "s" : "days";
        io.stdout(
          [
            `period       ${period.start.toPlainDate()} → ${period.end.toPlainDate()} ${timeZone} (${result.frame.days} days, ${result.frame.seconds} s)`,
            `cutover      ${cutover} (local ${local.toPlainDateTime().toString().slice(0, 16)})`,
            `fraction     legacy ${result.legacyUnits}/${result.totalUnits} ${unit}, destination ${result.totalUnits - result.legacyUnits}/${result.totalUnits} (${proration})`,
            `legacy       ${money(result.legacyMinor)}  ${legacyRounding}(${feeMinor} × ${result.legacyUnits} / ${result.totalUnits})`,
            `destination  ${money(result.destinationMinor)}  ${feeMinor} − ${result.legacyMinor} (the remainder)`,
            `full         ${money(result.fullMinor)}`,
            "",
          ].join("\n"),
        );
        return 0;
      },
    }),
  },
});
