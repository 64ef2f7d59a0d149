/**
 * Seeded subscriber bases. Subscriber i is a pure function of (seed, "base", i), the options and
 * refDate, so a base of a million is written as a stream with flat memory and any slice of it can
 * be regenerated. Records use epoch-millisecond math; Temporal only runs in per-country setup.
 */
import type { Temporal } from "temporal-polyfill";
import {
  type CountryMix,
  countryProfile,
  createStream,
  hashString,
  type Plan,
  type Subscriber,
  toSeed,
} from "../domain/index.ts";
import { AccountLayout } from "./account-layout.ts";
import {
  anchorDayWeights,
  type BaseDistributions,
  DEFAULT_BASE_DISTRIBUTIONS,
} from "./base-distributions.ts";
import { CountryContext } from "./country-context.ts";
import { applyDefects } from "./defect-injector.ts";
import type { DefectRates, TruthRecord } from "./defects.ts";
import { padDigits, unitAt } from "./identifiers.ts";
import { DAY_MS, HOUR_MS, isoDateFromEpochDay, isoFromEpochMs } from "./iso-time.ts";
import { createLiTarget, type LiTarget } from "./li-targets.ts";
import { WeightedTable } from "./weighted-table.ts";

export interface BaseOptions {
  readonly seed: number;
  /** The instant "now" of the generated base: activation and activity dates lie before it. */
  readonly refDate: Temporal.Instant;
  readonly count: number;
  /** Overrides every country's catalog (plans of each payment type are then equally likely). */
  readonly catalog?: readonly Plan[];
  /** Country shares; default GB only. */
  readonly countries?: CountryMix;
  /** Legacy data-quality defects per record; default none. */
  readonly defects?: DefectRates;
  readonly distributions?: BaseDistributions;
}

/** One generated line with what only the truth file and the LI list may know about it. */
export interface BaseRecord {
  readonly subscriber: Subscriber;
  readonly defects: readonly TruthRecord[];
  readonly liTarget: LiTarget | null;
}

/** A prepared generator: setup done once, then `record(i)` per line in any order. */
export interface BaseGenerator {
  readonly options: BaseOptions;
  record(index: number): BaseRecord;
  /** The country context of line `index` (lines of one account share a country). */
  countryOf(index: number): CountryContext;
  /** The MSISDN line `index` has before any defect. */
  cleanMsisdn(index: number): string;
}

/** Prepares a generator for `options` (country tables, permutations, period cache). */
export function createBaseGenerator(options: BaseOptions): BaseGenerator {
  const seed = toSeed(options.seed);
  const dist = options.distributions ?? DEFAULT_BASE_DISTRIBUTIONS;
  const mix = options.countries ?? [[countryProfile("GB"), 1] as const];
  const contexts = mix.map(([p]) => new CountryContext(p, seed.value, options.refDate, options.catalog));
  for (const ctx of contexts) {
    if (ctx.msisdnRange < options.count || ctx.imsiRange < options.count) {
      throw new RangeError(`${ctx.profile.code} numbering ranges are too small for ${options.count} lines`);
    }
  }
  const countryTable = new WeightedTable(mix.map(([, w], i) => [contexts[i] as CountryContext, w] as const));
  const countryKey = hashString(`${seed.value}:country`);
  const layout = new AccountLayout(seed, {
    businessLineShare: dist.businessLineShare,
    ...dist.businessAccountLines,
  });
  const stream = createStream(seed, "base");
  const liKey = hashString(`${seed.value}:li`);
  const statusTable = new WeightedTable(dist.statusMix);
  const anchorTable = new WeightedTable(anchorDayWeights(dist));
  const refMs = options.refDate.epochMilliseconds;
  const refYear = Number(isoDateFromEpochDay(Math.floor(refMs / DAY_MS)).slice(0, 4));
  const prepaidShareOfConsumers = (ctx: CountryContext) =>
    Math.min(1, ctx.profile.prepaidShare / (1 - dist.businessLineShare));

  const countryOf = (index: number) => countryTable.at(unitAt(countryKey, layout.accountStart(index)));
  const generator: BaseGenerator = {
    options,
    countryOf,
    cleanMsisdn: (index) => countryOf(index).msisdn(index),
    record(index) {
      const subscriber = cleanSubscriber(index);
      const defects = options.defects ? applyDefects(generator, subscriber, index, options.defects) : [];
      const liTarget =
        unitAt(liKey, index) < dist.liTargetRate
          ? createLiTarget(subscriber, index, refMs, seed.value)
          : null;
      return { subscriber, defects, liTarget };
    },
  };

  function cleanSubscriber(index: number): Subscriber {
    const accountStart = layout.accountStart(index);
    const business = layout.isBusiness(index);
    const ctx = countryOf(index);
    const profile = ctx.profile;
    const rng = stream.record(index);

    const paymentType = business || rng.next() >= prepaidShareOfConsumers(ctx) ? "postpaid" : "prepaid";
    const share = (paymentType === "prepaid" ? ctx.prepaidPlans : ctx.postpaidPlans).pick(rng);
    const plan = ctx.plans.get(share.planId) as Plan;
    const arpuMinor = Math.round(rng.logNormal(share.arpuMedianMinor, share.arpuSigma));
    const status = statusTable.pick(rng);
    let tenureDays = Math.min(
      dist.maxTenureDays,
      1 + Math.floor(rng.exponential(dist.tenureMeanDays[paymentType])),
    );
    let idleMs: number;
    if (status === "inactive") {
      const idleDays = rng.int(dist.inactiveIdleDays[0], dist.inactiveIdleDays[1]);
      tenureDays = Math.max(tenureDays, idleDays + rng.int(1, 60));
      idleMs = idleDays * DAY_MS + rng.int(0, 86_399) * 1000;
    } else {
      idleMs = Math.floor(rng.exponential(dist.activeIdleMeanHours * 3600)) * 1000;
    }
    const activatedMs = refMs - tenureDays * DAY_MS - rng.int(0, 86_399) * 1000;
    const lastActivityMs = Math.max(activatedMs, refMs - idleMs);
    const anchorDay = anchorTable.pick(rng);
    const tzIndex = ctx.timeZones.indexAt(rng.next());
    const timezone = ctx.timeZones.keys[tzIndex] as string;
    const period = ctx.period(anchorDay, timezone, tzIndex);
    const elapsed = Math.min(1, Math.max(0, (refMs - period.startMs) / (period.endMs - period.startMs)));
    const balance = dist.prepaidBalance;
    const balanceMinor =
      paymentType === "prepaid"
        ? Math.min(balance.maxMinor, Math.round(rng.logNormal(balance.medianMinor, balance.sigma)))
        : 0;
    const dataMedian =
      plan.allowances.dataBytes > 0 ? Math.min(plan.allowances.dataBytes * 0.4, 8 * 2 ** 30) : 2 ** 29;
    const usageToDate = {
      voiceSec: Math.round(rng.logNormal(4 * 3600, 0.8) * elapsed),
      smsCount: Math.round(rng.logNormal(40, 1) * elapsed),
      dataBytes: Math.round(rng.logNormal(dataMedian, 0.9) * elapsed),
    };
    const age = rng.int(dist.ageYears[0], dist.ageYears[1]);
    const dateOfBirth = `${refYear - age}-${padDigits(rng.int(1, 12), 2)}-${padDigits(rng.int(1, 28), 2)}`;
    const names = profile.names;
    const name = `${rng.pick(names.given)} ${rng.pick(names.family)}`;
    const houseNumber = rng.int(1, 240);
    const street = rng.pick(names.streets);
    const city = rng.pick(names.cities);
    const postcode = names.postcode(rng.int(0, 1e7));
    const address =
      profile.code === "DE"
        ? `${street} ${houseNumber}, ${postcode} ${city}`
        : `${houseNumber} ${street}, ${city} ${postcode}`;
    const idDocument = `${names.idDocumentPrefix}${padDigits(rng.int(0, 999_999_999), 9)}`;
    const rule = paymentType === "prepaid" ? profile.kyc.prepaid : profile.kyc.postpaid;
    const kycComplete = rule.required || rng.next() < rule.voluntaryShare;
    const verifiedMs = activatedMs + rng.int(0, 3600) * 1000;
    const portedIn = rng.next() < profile.porting.portedInShare;
    const donor = ctx.donors.pick(rng);
    const portedMs = Math.min(refMs - 1000, activatedMs + rng.int(1, 72) * HOUR_MS);
    const addOnDraw = rng.next();
    const addOnCount =
      addOnDraw < dist.addOnShares[1] ? 2 : addOnDraw < dist.addOnShares[0] + dist.addOnShares[1] ? 1 : 0;
    const addOns: string[] = [];
    for (let k = 0; k < addOnCount; k++) {
      const addOn = rng.pick(profile.addOns).id;
      if (!addOns.includes(addOn)) addOns.push(addOn);
    }
    const activatedAt = isoFromEpochMs(activatedMs);

    return {
      id: `sub-${padDigits(index, 8)}`,
      accountId: `acc-${padDigits(accountStart, 8)}`,
      msisdn: ctx.msisdn(index),
      imsi: ctx.imsi(index),
      iccid: ctx.iccid(index),
      imei: ctx.imei(index),
      paymentType,
      planId: plan.id,
      addOns,
      status,
      activatedAt,
      lastActivityAt: isoFromEpochMs(lastActivityMs),
      segment: business ? "business" : age < 25 ? "youth" : "consumer",
      billing: {
        anchorDay,
        timezone,
        currency: plan.currency,
        balanceMinor,
        periodStart: period.startIso,
        usageToDate,
      },
      arpuMinor,
      kyc: kycComplete
        ? { name, dateOfBirth, address, idDocument, verifiedAt: isoFromEpochMs(verifiedMs) }
        : { name: null, dateOfBirth: null, address: null, idDocument: null, verifiedAt: null },
      porting: portedIn
        ? { portedIn: true, donor, portedAt: isoFromEpochMs(portedMs) }
        : { portedIn: false, donor: null, portedAt: null },
      country: profile.code,
    };
  }
  return generator;
}

const prepared = new WeakMap<BaseOptions, BaseGenerator>();

function generatorFor(options: BaseOptions): BaseGenerator {
  let found = prepared.get(options);
  if (!found) {
    found = createBaseGenerator(options);
    prepared.set(options, found);
  }
  return found;
}

/** Generates subscriber `index` of the base (setup is cached per options object). */
export function generateSubscriber(options: BaseOptions, index: number): Subscriber {
  return generatorFor(options).record(index).subscriber;
}

/** Streams records [from, to) of the base with their defects and LI flags. */
export function* generateBaseRecords(
  options: BaseOptions,
  from = 0,
  to = options.count,
): Generator<BaseRecord> {
  const generator = generatorFor(options);
  for (let i = from; i < to; i++) yield generator.record(i);
}

/** Streams the whole base, subscriber 0 first. */
export function* generateBase(options: BaseOptions): Generator<Subscriber> {
  for (const record of generateBaseRecords(options)) yield record.subscriber;
}
