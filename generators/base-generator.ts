/**
 * Seeded subscriber bases. Subscriber i is a pure function of (seed, "base", i) and refDate, so a
 * base of a million is written as a stream with flat memory, and any slice of it can be regenerated.
 */
import type { Temporal } from "temporal-polyfill";
import {
  billingPeriodAt,
  createStream,
  DEFAULT_CATALOG,
  hashString,
  type Plan,
  type Subscriber,
  type SubscriberStatus,
  toSeed,
} from "../domain/index.ts";
import { createPermutation, luhnCheckDigit, padDigits } from "./identifiers.ts";

export interface BaseOptions {
  readonly seed: number;
  /** The instant "now" of the generated base: activation and activity dates lie before it. */
  readonly refDate: Temporal.Instant;
  readonly count: number;
  readonly catalog?: readonly Plan[];
}

/**
 * GB host network the SIMs belong to: MCC 234 (UK), MNC 15 (a real UK MNC). The MSISDN range is
 * +44 7700 900000–999999 plus the wider 07xxx mobile block, see msisdnFor.
 */
const MCC_MNC = "23415";
const ICCID_PREFIX = "8944"; // 89 telecom + 44 country code
const ICCID_ISSUER = "15";
const TIMEZONE = "Europe/London";
const SEGMENTS: ReadonlyArray<readonly [string, number]> = [
  ["consumer", 85],
  ["youth", 8],
  ["business", 7],
];
/** Status mix of a legacy base: most lines active, a tail of dormant and suspended ones. */
const STATUSES: ReadonlyArray<readonly [SubscriberStatus, number]> = [
  ["active", 86],
  ["inactive", 9],
  ["suspended", 4],
  ["barred", 1],
];

/** Generates subscriber `index` of the base. */
export function generateSubscriber(options: BaseOptions, index: number): Subscriber {
  const seed = toSeed(options.seed);
  const catalog = options.catalog ?? DEFAULT_CATALOG;
  const rng = createStream(seed, "base").record(index);
  const numbering = numberingFor(seed.value, options.count);

  const plan = rng.pick(catalog);
  const tenureDays = Math.floor(rng.exponential(700)) + 1;
  const activatedAt = options.refDate.subtract({ hours: tenureDays * 24 + rng.int(0, 23) });
  const status = rng.weighted(STATUSES);
  const idleDays = status === "inactive" ? rng.int(90, 400) : rng.int(0, 20);
  const lastActivity = options.refDate.subtract({ hours: Math.min(idleDays, tenureDays) * 24 });
  const anchorDay = rng.int(1, 31);
  const period = billingPeriodAt(options.refDate, anchorDay, TIMEZONE);
  const arpuMinor = Math.max(0, Math.round(rng.logNormal(Math.max(plan.recurringFeeMinor, 300), 0.35)));
  const balanceMinor = plan.paymentType === "prepaid" ? rng.int(0, 4000) : 0;
  const kycComplete = plan.paymentType === "postpaid" || rng.bool(0.9);

  return {
    id: `sub-${padDigits(index, 8)}`,
    accountId: `acc-${padDigits(index, 8)}`,
    msisdn: `+447${padDigits(numbering.msisdn(index), 9)}`,
    imsi: `${MCC_MNC}${padDigits(numbering.msin(index), 10)}`,
    iccid: withLuhn(`${ICCID_PREFIX}${ICCID_ISSUER}${padDigits(numbering.iccid(index), 12)}`),
    imei: withLuhn(`${rng.pick(TACS)}${rng.digits(6)}`),
    paymentType: plan.paymentType,
    planId: plan.id,
    addOns: [],
    status,
    activatedAt: activatedAt.toString(),
    lastActivityAt: lastActivity.toString(),
    segment: rng.weighted(SEGMENTS),
    billing: {
      anchorDay,
      timezone: TIMEZONE,
      currency: plan.currency,
      balanceMinor,
      periodStart: period.start.toInstant().toString(),
      usageToDate: { voiceSec: rng.int(0, 6000), smsCount: rng.int(0, 200), dataBytes: rng.int(0, 4e9) },
    },
    arpuMinor,
    kyc: kycComplete
      ? {
          name: `Subscriber ${index}`,
          dateOfBirth: `19${rng.int(50, 99)}-${padDigits(rng.int(1, 12), 2)}-${padDigits(rng.int(1, 28), 2)}`,
          address: `${rng.int(1, 200)} Synthetic Street, London`,
          idDocument: `P${rng.digits(8)}`,
          verifiedAt: activatedAt.toString(),
        }
      : { name: null, dateOfBirth: null, address: null, idDocument: null, verifiedAt: null },
    porting: { portedIn: false, donor: null, portedAt: null },
  };
}

/** Streams the whole base, subscriber 0 first. */
export function* generateBase(options: BaseOptions): Generator<Subscriber> {
  for (let i = 0; i < options.count; i++) yield generateSubscriber(options, i);
}

/** Type allocation codes of common handsets (first 8 IMEI digits). */
const TACS = ["35332510", "35391110", "35875311", "35290611", "86891204", "35467109"];

function withLuhn(payload: string): string {
  return `${payload}${luhnCheckDigit(payload)}`;
}

interface Numbering {
  msisdn(index: number): number;
  msin(index: number): number;
  iccid(index: number): number;
}

const numberingCache = new Map<string, Numbering>();

/** Seeded permutations of the numbering ranges; cached because every record needs them. */
function numberingFor(seed: number, count: number): Numbering {
  const key = `${seed}:${count}`;
  let found = numberingCache.get(key);
  if (!found) {
    const k = hashString(key);
    found = {
      // 7xxxxxxxx after +44: 10^9 numbers in the UK mobile block (07 + 9 digits)
      msisdn: createPermutation(1e9, k ^ 0x1111),
      msin: createPermutation(1e10, k ^ 0x2222),
      iccid: createPermutation(1e12, k ^ 0x3333),
    };
    numberingCache.clear();
    numberingCache.set(key, found);
  }
  return found;
}
