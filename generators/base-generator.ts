/**
 * Seeded subscriber bases. Subscriber i is a pure function of (seed, "base", i), the options and
 * refDate, so a base of a million is written as a stream with flat memory and any slice of it can
 * be regenerated. Records use epoch-millisecond math; Temporal only runs in per-country setup.
 */
import type { Temporal } from "temporal-polyfill";
import {
  type AddOn,
  type CountryMix,
  countryProfile,
  createStream,
  hashString,
  type Plan,
  type Subscriber,
  type SubscriberStatus,
  toSeed,
} from "../domain/index.ts";
import { AccountLayout } from "./account-layout.ts";
import {
  anchorDayWeights,
  type BaseDistributions,
  DEFAULT_BASE_DISTRIBUTIONS,
} from "./base-distributions.ts";
import { ascii, type ByteBuffer, type Literal } from "./byte-buffer.ts";
import { CountryContext, type PeriodInfo, type PlanChoice } from "./country-context.ts";
import { applyDefects, mayHaveDefects } from "./defect-injector.ts";
import type { DefectRates, TruthRecord } from "./defects.ts";
import { padDigits, unitAt } from "./identifiers.ts";
import { DAY_MS, HOUR_MS, isoDateFromEpochDay, isoFromEpochMs, writeIsoInstant } from "./iso-time.ts";
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
  /**
   * Appends line `index` as NDJSON (no newline) before any defect, straight to bytes: the bytes of
   * `JSON.stringify(record(index).subscriber)` whenever `isClean(index)`.
   */
  writeCleanLine(index: number, out: ByteBuffer): void;
  /** True when line `index` certainly carries no injected defect. */
  isClean(index: number): boolean;
  /** True when line `index` is on the lawful-intercept list. */
  isLiTarget(index: number): boolean;
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
  const rng = stream.record(0);
  const liKey = hashString(`${seed.value}:li`);
  const statusTable = new WeightedTable(dist.statusMix);
  // `],"status":"<status>` by index in the status mix (the JSON that closes addOns and opens status).
  const statusJson = statusTable.keys.map((status) => ascii(`],"status":"${status}`));
  const anchorTable = new WeightedTable(anchorDayWeights(dist));
  const refMs = options.refDate.epochMilliseconds;
  const refYear = Number(isoDateFromEpochDay(Math.floor(refMs / DAY_MS)).slice(0, 4));
  const prepaidShareOfConsumers = (ctx: CountryContext) =>
    Math.min(1, ctx.profile.prepaidShare / (1 - dist.businessLineShare));
  const defects = options.defects;
  const isLiTarget = (index: number) => unitAt(liKey, index) < dist.liTargetRate;

  const countryOf = (index: number) => countryTable.at(unitAt(countryKey, layout.accountStart(index)));
  const generator: BaseGenerator = {
    options,
    countryOf,
    cleanMsisdn: (index) => countryOf(index).msisdn(index),
    isClean: (index) => !defects || !mayHaveDefects(generator, index, defects),
    isLiTarget,
    writeCleanLine(index, out) {
      draw(index, line);
      writeLine(line, out);
    },
    record(index) {
      draw(index, line);
      const subscriber = subscriberOf(line);
      const found = defects ? applyDefects(generator, subscriber, index, defects) : [];
      const liTarget = isLiTarget(index) ? createLiTarget(subscriber, index, refMs, seed.value) : null;
      return { subscriber, defects: found, liTarget };
    },
  };
  const line = new LineDraw();

  // Draws every value of line `index`, always in the same order (the order fixes the values).
  function draw(index: number, d: LineDraw): void {
    const ctx = countryOf(index);
    const profile = ctx.profile;
    d.index = index;
    d.accountStart = layout.accountStart(index);
    d.business = layout.isBusiness(index);
    d.ctx = ctx;
    stream.record(index, rng);

    const prepaid = !d.business && rng.next() < prepaidShareOfConsumers(ctx);
    d.prepaid = prepaid;
    const choice = (prepaid ? ctx.prepaidPlans : ctx.postpaidPlans).pick(rng);
    d.plan = choice;
    d.arpuMinor = Math.round(rng.logNormal(choice.share.arpuMedianMinor, choice.share.arpuSigma));
    d.status = statusTable.indexAt(rng.next());
    let tenureDays = Math.min(
      dist.maxTenureDays,
      1 + Math.floor(rng.exponential(dist.tenureMeanDays[prepaid ? "prepaid" : "postpaid"])),
    );
    let idleMs: number;
    if (statusTable.keys[d.status] === "inactive") {
      const idleDays = rng.int(dist.inactiveIdleDays[0], dist.inactiveIdleDays[1]);
      tenureDays = Math.max(tenureDays, idleDays + rng.int(1, 60));
      idleMs = idleDays * DAY_MS + rng.int(0, 86_399) * 1000;
    } else {
      idleMs = Math.floor(rng.exponential(dist.activeIdleMeanHours * 3600)) * 1000;
    }
    const activatedMs = refMs - tenureDays * DAY_MS - rng.int(0, 86_399) * 1000;
    d.activatedMs = activatedMs;
    d.lastActivityMs = Math.max(activatedMs, refMs - idleMs);
    d.anchorDay = anchorTable.pick(rng);
    d.timeZone = ctx.timeZones.indexAt(rng.next());
    const period = ctx.period(d.anchorDay, ctx.timeZones.keys[d.timeZone] as string, d.timeZone);
    d.period = period;
    const elapsed = Math.min(1, Math.max(0, (refMs - period.startMs) / (period.endMs - period.startMs)));
    const balance = dist.prepaidBalance;
    d.balanceMinor = prepaid
      ? Math.min(balance.maxMinor, Math.round(rng.logNormal(balance.medianMinor, balance.sigma)))
      : 0;
    const dataAllowance = choice.plan.allowances.dataBytes;
    const dataMedian = dataAllowance > 0 ? Math.min(dataAllowance * 0.4, 8 * 2 ** 30) : 2 ** 29;
    d.voiceSec = Math.round(rng.logNormal(4 * 3600, 0.8) * elapsed);
    d.smsCount = Math.round(rng.logNormal(40, 1) * elapsed);
    d.dataBytes = Math.round(rng.logNormal(dataMedian, 0.9) * elapsed);
    d.age = rng.int(dist.ageYears[0], dist.ageYears[1]);
    d.birthMonth = rng.int(1, 12);
    d.birthDay = rng.int(1, 28);
    const names = profile.names;
    d.givenName = rng.index(names.given.length);
    d.familyName = rng.index(names.family.length);
    d.houseNumber = rng.int(1, 240);
    d.street = rng.index(names.streets.length);
    d.city = rng.index(names.cities.length);
    d.postcode = names.postcode(rng.int(0, 1e7));
    d.idDocumentNumber = rng.int(0, 999_999_999);
    const rule = prepaid ? profile.kyc.prepaid : profile.kyc.postpaid;
    d.kycComplete = rule.required || rng.next() < rule.voluntaryShare;
    d.verifiedMs = activatedMs + rng.int(0, 3600) * 1000;
    d.portedIn = rng.next() < profile.porting.portedInShare;
    d.donor = ctx.donors.indexAt(rng.next());
    d.portedMs = Math.min(refMs - 1000, activatedMs + rng.int(1, 72) * HOUR_MS);
    const addOnDraw = rng.next();
    const [oneShare, twoShare] = dist.addOnShares;
    const addOnCount = addOnDraw < twoShare ? 2 : addOnDraw < oneShare + twoShare ? 1 : 0;
    d.firstAddOn = addOnCount > 0 ? rng.index(profile.addOns.length) : -1;
    const second = addOnCount > 1 ? rng.index(profile.addOns.length) : -1;
    d.secondAddOn = second === d.firstAddOn ? -1 : second;
  }

  // Writes a drawn line field by field in the Subscriber key order (domain/subscriber.ts): no object
  // or intermediate string is built. subscriberOf below is the same line as an object; a test holds
  // JSON.stringify of one to the bytes of the other.
  function writeLine(d: LineDraw, out: ByteBuffer): void {
    const ctx = d.ctx;
    const pools = ctx.json;
    out.lit(K.id);
    out.digits(d.index, 8);
    out.lit(K.accountId);
    out.digits(d.accountStart, 8);
    out.lit(K.msisdn);
    ctx.writeMsisdn(out, d.index);
    out.lit(K.imsi);
    ctx.writeImsi(out, d.index);
    out.lit(K.iccid);
    ctx.writeIccid(out, d.index);
    out.lit(K.imei);
    ctx.writeImei(out, d.index);
    out.lit(d.prepaid ? K.prepaid : K.postpaid);
    out.lit(d.plan.idJson);
    out.lit(K.addOns);
    if (d.firstAddOn >= 0) {
      out.byte(QUOTE);
      out.lit(pools.addOns[d.firstAddOn] as Literal);
      out.byte(QUOTE);
    }
    if (d.secondAddOn >= 0) {
      out.lit(K.nextItem);
      out.lit(pools.addOns[d.secondAddOn] as Literal);
      out.byte(QUOTE);
    }
    out.lit(statusJson[d.status] as Literal);
    out.lit(K.activatedAt);
    writeIsoInstant(out, d.activatedMs);
    out.lit(K.lastActivityAt);
    writeIsoInstant(out, d.lastActivityMs);
    out.lit(d.business ? K.business : d.age < 25 ? K.youth : K.consumer);
    out.number(d.anchorDay);
    out.lit(K.timezone);
    out.lit(pools.timeZones[d.timeZone] as Literal);
    out.lit(K.currency);
    out.lit(d.plan.currencyJson);
    out.lit(K.balanceMinor);
    out.number(d.balanceMinor);
    out.lit(K.periodStart);
    out.lit(d.period.startJson);
    out.lit(K.voiceSec);
    out.number(d.voiceSec);
    out.lit(K.smsCount);
    out.number(d.smsCount);
    out.lit(K.dataBytes);
    out.number(d.dataBytes);
    out.lit(K.arpuMinor);
    out.number(d.arpuMinor);
    if (d.kycComplete) {
      out.lit(K.kycName);
      out.lit(pools.given[d.givenName] as Literal);
      out.byte(SPACE);
      out.lit(pools.family[d.familyName] as Literal);
      out.lit(K.dateOfBirth);
      out.number(refYear - d.age);
      out.byte(DASH);
      out.digits(d.birthMonth, 2);
      out.byte(DASH);
      out.digits(d.birthDay, 2);
      out.lit(K.address);
      if (ctx.profile.code === "DE") {
        out.lit(pools.streets[d.street] as Literal);
        out.byte(SPACE);
        out.number(d.houseNumber);
        out.lit(K.commaSpace);
        out.jsonText(d.postcode);
        out.byte(SPACE);
        out.lit(pools.cities[d.city] as Literal);
      } else {
        out.number(d.houseNumber);
        out.byte(SPACE);
        out.lit(pools.streets[d.street] as Literal);
        out.lit(K.commaSpace);
        out.lit(pools.cities[d.city] as Literal);
        out.byte(SPACE);
        out.jsonText(d.postcode);
      }
      out.lit(K.idDocument);
      out.lit(pools.idDocumentPrefix);
      out.digits(d.idDocumentNumber, 9);
      out.lit(K.verifiedAt);
      writeIsoInstant(out, d.verifiedMs);
      out.lit(K.endKyc);
    } else {
      out.lit(K.noKyc);
    }
    if (d.portedIn) {
      out.lit(K.portedDonor);
      out.lit(pools.donors[d.donor] as Literal);
      out.lit(K.portedAt);
      writeIsoInstant(out, d.portedMs);
      out.lit(K.endPorting);
    } else {
      out.lit(K.notPorted);
    }
    out.lit(K.country);
    out.lit(pools.code);
    out.lit(K.end);
  }

  // The drawn line as a Subscriber, for the truth file, the LI list, CSV output and the traffic and
  // usage generators (a fresh object: callers may keep or mutate it).
  function subscriberOf(d: LineDraw): Subscriber {
    const ctx = d.ctx;
    const profile = ctx.profile;
    const names = profile.names;
    const addOns = profile.addOns;
    const street = names.streets[d.street] as string;
    const city = names.cities[d.city] as string;
    return {
      id: `sub-${padDigits(d.index, 8)}`,
      accountId: `acc-${padDigits(d.accountStart, 8)}`,
      msisdn: ctx.msisdn(d.index),
      imsi: ctx.imsi(d.index),
      iccid: ctx.iccid(d.index),
      imei: ctx.imei(d.index),
      paymentType: d.prepaid ? "prepaid" : "postpaid",
      planId: d.plan.plan.id,
      addOns: [d.firstAddOn, d.secondAddOn].filter((k) => k >= 0).map((k) => (addOns[k] as AddOn).id),
      status: statusTable.keys[d.status] as SubscriberStatus,
      activatedAt: isoFromEpochMs(d.activatedMs),
      lastActivityAt: isoFromEpochMs(d.lastActivityMs),
      segment: d.business ? "business" : d.age < 25 ? "youth" : "consumer",
      billing: {
        anchorDay: d.anchorDay,
        timezone: ctx.timeZones.keys[d.timeZone] as string,
        currency: d.plan.plan.currency,
        balanceMinor: d.balanceMinor,
        periodStart: d.period.startIso,
        usageToDate: { voiceSec: d.voiceSec, smsCount: d.smsCount, dataBytes: d.dataBytes },
      },
      arpuMinor: d.arpuMinor,
      kyc: d.kycComplete
        ? {
            name: `${names.given[d.givenName]} ${names.family[d.familyName]}`,
            dateOfBirth: `${refYear - d.age}-${padDigits(d.birthMonth, 2)}-${padDigits(d.birthDay, 2)}`,
            address:
              profile.code === "DE"
                ? `${street} ${d.houseNumber}, ${d.postcode} ${city}`
                : `${d.houseNumber} ${street}, ${city} ${d.postcode}`,
            idDocument: `${names.idDocumentPrefix}${padDigits(d.idDocumentNumber, 9)}`,
            verifiedAt: isoFromEpochMs(d.verifiedMs),
          }
        : { name: null, dateOfBirth: null, address: null, idDocument: null, verifiedAt: null },
      porting: d.portedIn
        ? { portedIn: true, donor: ctx.donors.keys[d.donor] as string, portedAt: isoFromEpochMs(d.portedMs) }
        : { portedIn: false, donor: null, portedAt: null },
      country: profile.code,
    };
  }
  return generator;
}

/** Every value drawn for one line (indexes into the country's pools where the value is text). */
class LineDraw {
  index = 0;
  accountStart = 0;
  business = false;
  ctx!: CountryContext;
  prepaid = false;
  plan!: PlanChoice;
  arpuMinor = 0;
  /** Index in the status mix. */
  status = 0;
  activatedMs = 0;
  lastActivityMs = 0;
  anchorDay = 1;
  timeZone = 0;
  period!: PeriodInfo;
  balanceMinor = 0;
  voiceSec = 0;
  smsCount = 0;
  dataBytes = 0;
  age = 0;
  birthMonth = 1;
  birthDay = 1;
  givenName = 0;
  familyName = 0;
  houseNumber = 1;
  street = 0;
  city = 0;
  postcode = "";
  idDocumentNumber = 0;
  kycComplete = false;
  verifiedMs = 0;
  portedIn = false;
  donor = 0;
  portedMs = 0;
  /** Add-on indexes, -1 for none (the second is -1 when it repeats the first). */
  firstAddOn = -1;
  secondAddOn = -1;
}

const QUOTE = 0x22;
const SPACE = 0x20;
const DASH = 0x2d;

/** The fixed JSON between a line's values, in Subscriber key order. */
const K = {
  id: ascii('{"id":"sub-'),
  accountId: ascii('","accountId":"acc-'),
  msisdn: ascii('","msisdn":"'),
  imsi: ascii('","imsi":"'),
  iccid: ascii('","iccid":"'),
  imei: ascii('","imei":"'),
  prepaid: ascii('","paymentType":"prepaid","planId":"'),
  postpaid: ascii('","paymentType":"postpaid","planId":"'),
  addOns: ascii('","addOns":['),
  nextItem: ascii(',"'),
  activatedAt: ascii('","activatedAt":"'),
  lastActivityAt: ascii('","lastActivityAt":"'),
  business: ascii('","segment":"business","billing":{"anchorDay":'),
  youth: ascii('","segment":"youth","billing":{"anchorDay":'),
  consumer: ascii('","segment":"consumer","billing":{"anchorDay":'),
  timezone: ascii(',"timezone":"'),
  currency: ascii('","currency":"'),
  balanceMinor: ascii('","balanceMinor":'),
  periodStart: ascii(',"periodStart":"'),
  voiceSec: ascii('","usageToDate":{"voiceSec":'),
  smsCount: ascii(',"smsCount":'),
  dataBytes: ascii(',"dataBytes":'),
  arpuMinor: ascii('}},"arpuMinor":'),
  kycName: ascii(',"kyc":{"name":"'),
  dateOfBirth: ascii('","dateOfBirth":"'),
  address: ascii('","address":"'),
  commaSpace: ascii(", "),
  idDocument: ascii('","idDocument":"'),
  verifiedAt: ascii('","verifiedAt":"'),
  endKyc: ascii('"}'),
  noKyc: ascii(',"kyc":{"name":null,"dateOfBirth":null,"address":null,"idDocument":null,"verifiedAt":null}'),
  portedDonor: ascii(',"porting":{"portedIn":true,"donor":"'),
  portedAt: ascii('","portedAt":"'),
  endPorting: ascii('"}'),
  notPorted: ascii(',"porting":{"portedIn":false,"donor":null,"portedAt":null}'),
  country: ascii(',"country":"'),
  end: ascii('"}'),
};

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
