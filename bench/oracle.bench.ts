/**
 * `npm run bench:oracle`: the billing oracle prices 1,000,000 split-period invoices — the
 * recurring split (legacy part by legacy's rule, destination remainder), the usage lines against
 * the allowance with legacy usage to date counted first, and legacy credit — for subscribers with
 * the base's mix of anchor days, time zones, plans and currencies, cut over in 30 cohorts across
 * two months. Inputs are drawn before the clock starts; the sum of every amount is printed so the
 * work cannot be skipped. The last line is one JSON object: invoices, seconds.
 */
import { Temporal } from "temporal-polyfill";
import { allCountryPlans, createStream } from "../domain/index.ts";
import {
  BillingPolicySchema,
  creditLine,
  POLICY_ROUNDINGS,
  splitPeriodAt,
  usageLines,
} from "../oracle/index.ts";

const INVOICES = Number(process.env.BENCH_INVOICES ?? 1_000_000);
const ZONES = [
  "Europe/London",
  "Europe/Berlin",
  "America/New_York",
  "America/Los_Angeles",
  "America/Chicago",
  "Asia/Tokyo",
  "Asia/Kuwait",
  "Australia/Lord_Howe",
] as const;
const plans = allCountryPlans();
const policy = BillingPolicySchema.parse({});
const random = createStream(12, "bench/oracle");
const cohortStart = Temporal.Instant.from("2026-03-01T08:00:00Z").epochMilliseconds;

const n = INVOICES;
const anchor = new Uint8Array(n);
const zone = new Uint8Array(n);
const plan = new Uint16Array(n);
const cutover = new Float64Array(n);
const rounding = new Uint8Array(n);
const voice = new Float64Array(n);
const data = new Float64Array(n);
const sms = new Float64Array(n);
const credit = new Float64Array(n);
for (let i = 0; i < n; i++) {
  const r = random.record(i);
  anchor[i] = r.int(1, 31);
  zone[i] = r.index(ZONES.length);
  plan[i] = r.index(plans.length);
  cutover[i] = cohortStart + r.int(0, 29) * 2 * 86_400_000 + r.int(0, 23) * 3_600_000;
  rounding[i] = r.index(POLICY_ROUNDINGS.length);
  voice[i] = r.int(0, 400) * 60;
  data[i] = r.int(0, 12_000_000_000);
  sms[i] = r.int(0, 300);
  credit[i] = r.bool(0.05) ? r.int(1, 5000) : 0;
}

const t0 = performance.now();
let sum = 0;
let lines = 0;
for (let i = 0; i < n; i++) {
  const p = plans[plan[i] as number] as (typeof plans)[number];
  const split = splitPeriodAt(cutover[i] as number, {
    feeMinor: p.recurringFeeMinor,
    currency: p.currency as "GBP",
    anchorDay: anchor[i] as number,
    timeZone: ZONES[zone[i] as number] as string,
    policy,
    legacyRounding: POLICY_ROUNDINGS[rounding[i] as number] as "half-up",
  });
  const usage = usageLines(
    {
      voiceSec: Math.floor((voice[i] as number) / 120) * 60,
      smsCount: Math.floor((sms[i] as number) / 2),
      dataBytes: Math.floor((data[i] as number) / 2),
      voiceCalls: 3,
    },
    { planId: p.id, allowances: p.allowances, overage: p.overage },
    policy,
    { voiceSec: voice[i] as number, smsCount: sms[i] as number, dataBytes: data[i] as number },
  );
  let charges = split.destinationMinor;
  for (const line of usage) charges += line.amountMinor;
  const c = credit[i] as number;
  const applied = c > 0 ? creditLine(c, charges).line : undefined;
  sum += charges + split.legacyMinor + (applied?.amountMinor ?? 0);
  lines += 1 + usage.length + (applied ? 1 : 0);
}
const seconds = (performance.now() - t0) / 1000;
console.log(`split-period invoices  ${n.toLocaleString("en")}`);
console.log(`lines                  ${lines.toLocaleString("en")}`);
console.log(`sum of amounts (minor) ${sum}`);
console.log(`seconds                ${seconds.toFixed(2)}`);
console.log(JSON.stringify({ invoices: n, seconds: Number(seconds.toFixed(3)), lines }));
