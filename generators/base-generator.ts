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
  type SubscriberStatus,
  toSeed,
} from "../domain/index.ts";
import { AccountLayout } from "./account-layout.ts";
import {
  anchorDayWeights,
  type BaseDistributions,
  DEFAULT_BASE_DISTRIBUTIONS,
} from "./base-distributions.ts";
import { ascii, ByteBuffer, type Literal } from "./byte-buffer.ts";
import { CountryContext } from "./country-context.ts";
import { applyDefects, mayHaveDefects } from "./defect-injector.ts";
import type { DefectRates, TruthRecord } from "./defects.ts";
import { unitAt } from "./identifiers.ts";
import { DAY_MS, HOUR_MS, isoDateFromEpochDay, writeIsoInstant } from "./iso-time.ts";
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
   * Appends line `index` as NDJSON (no newline) before any defect: the bytes of
   * `JSON.stringify(record(index).subscriber)` whenever `isClean(index)`. This is the one place a
   * line is made; `record` parses what it writes.
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
  const scratch = new ByteBuffer(4096);
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
    writeCleanLine,
    record(index) {
      scratch.truncate(0);
      writeCleanLine(index, scratch);
      const subscriber = JSON.parse(scratch.text()) as Subscriber;
      const found = defects ? applyDefects(generator, subscriber, index, defects) : [];
      const liTarget = isLiTarget(index) ? createLiTarget(subscriber, index, refMs, seed.value) : null;
      return { subscriber, defects: found, liTarget };
    },
  };

  // Draws every value of line `index` in a fixed order, then writes the line field by field in the
  // Subscriber key order (domain/subscriber.ts). No object or intermediate string is built.
  function writeCleanLine(index: number, out: ByteBuffer): void {
    const accountStart = layout.accountStart(index);
    const business = layout.isBusiness(index);
    const ctx = countryOf(index);
    const profile = ctx.profile;
    stream.record(index, rng);

    const prepaid = !business && rng.next() < prepaidShareOfConsumers(ctx);
    const choice = (prepaid ? ctx.prepaidPlans : ctx.postpaidPlans).pick(rng);
    const { share, plan } = choice;
    const arpuMinor = Math.round(rng.logNormal(share.arpuMedianMinor, share.arpuSigma));
    const statusIndex = statusTable.indexAt(rng.next());
    const status = statusTable.keys[statusIndex] as SubscriberStatus;
    let tenureDays = Math.min(
      dist.maxTenureDays,
      1 + Math.floor(rng.exponential(dist.tenureMeanDays[prepaid ? "prepaid" : "postpaid"])),
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
    const period = ctx.period(anchorDay, ctx.timeZones.keys[tzIndex] as string, tzIndex);
    const elapsed = Math.min(1, Math.max(0, (refMs - period.startMs) / (period.endMs - period.startMs)));
    const balance = dist.prepaidBalance;
    const balanceMinor = prepaid
      ? Math.min(balance.maxMinor, Math.round(rng.logNormal(balance.medianMinor, balance.sigma)))
      : 0;
    const dataMedian =
      plan.allowances.dataBytes > 0 ? Math.min(plan.allowances.dataBytes * 0.4, 8 * 2 ** 30) : 2 ** 29;
    const voiceSec = Math.round(rng.logNormal(4 * 3600, 0.8) * elapsed);
    const smsCount = Math.round(rng.logNormal(40, 1) * elapsed);
    const dataBytes = Math.round(rng.logNormal(dataMedian, 0.9) * elapsed);
    const age = rng.int(dist.ageYears[0], dist.ageYears[1]);
    const birthMonth = rng.int(1, 12);
    const birthDay = rng.int(1, 28);
    const names = profile.names;
    const pools = ctx.json;
    const givenName = rng.index(names.given.length);
    const familyName = rng.index(names.family.length);
    const houseNumber = rng.int(1, 240);
    const street = rng.index(names.streets.length);
    const city = rng.index(names.cities.length);
    const postcode = names.postcode(rng.int(0, 1e7));
    const idDocumentNumber = rng.int(0, 999_999_999);
    const rule = prepaid ? profile.kyc.prepaid : profile.kyc.postpaid;
    const kycComplete = rule.required || rng.next() < rule.voluntaryShare;
    const verifiedMs = activatedMs + rng.int(0, 3600) * 1000;
    const portedIn = rng.next() < profile.porting.portedInShare;
    const donor = ctx.donors.indexAt(rng.next());
    const portedMs = Math.min(refMs - 1000, activatedMs + rng.int(1, 72) * HOUR_MS);
    const addOnDraw = rng.next();
    const addOnCount =
      addOnDraw < dist.addOnShares[1] ? 2 : addOnDraw < dist.addOnShares[0] + dist.addOnShares[1] ? 1 : 0;
    const firstAddOn = addOnCount > 0 ? rng.index(profile.addOns.length) : -1;
    const secondAddOn = addOnCount > 1 ? rng.index(profile.addOns.length) : -1;

    out.lit(K.id);
    out.digits(index, 8);
    out.lit(K.accountId);
    out.digits(accountStart, 8);
    out.lit(K.msisdn);
    ctx.writeMsisdn(out, index);
    out.lit(K.imsi);
    ctx.writeImsi(out, index);
    out.lit(K.iccid);
    ctx.writeIccid(out, index);
    out.lit(K.imei);
    ctx.writeImei(out, index);
    out.lit(prepaid ? K.prepaid : K.postpaid);
    out.lit(choice.idJson);
    out.lit(K.addOns);
    if (addOnCount > 0) {
      out.byte(QUOTE);
      out.lit(pools.addOns[firstAddOn] as Literal);
      out.byte(QUOTE);
    }
    if (addOnCount > 1 && secondAddOn !== firstAddOn) {
      out.lit(K.nextItem);
      out.lit(pools.addOns[secondAddOn] as Literal);
      out.byte(QUOTE);
    }
    out.lit(statusJson[statusIndex] as Literal);
    out.lit(K.activatedAt);
    writeIsoInstant(out, activatedMs);
    out.lit(K.lastActivityAt);
    writeIsoInstant(out, lastActivityMs);
    out.lit(business ? K.business : age < 25 ? K.youth : K.consumer);
    out.number(anchorDay);
    out.lit(K.timezone);
    out.lit(pools.timeZones[tzIndex] as Literal);
    out.lit(K.currency);
    out.lit(choice.currencyJson);
    out.lit(K.balanceMinor);
    out.number(balanceMinor);
    out.lit(K.periodStart);
    out.lit(period.startJson);
    out.lit(K.voiceSec);
    out.number(voiceSec);
    out.lit(K.smsCount);
    out.number(smsCount);
    out.lit(K.dataBytes);
    out.number(dataBytes);
    out.lit(K.arpuMinor);
    out.number(arpuMinor);
    if (kycComplete) {
      out.lit(K.kycName);
      out.lit(pools.given[givenName] as Literal);
      out.byte(SPACE);
      out.lit(pools.family[familyName] as Literal);
      out.lit(K.dateOfBirth);
      out.number(refYear - age);
      out.byte(DASH);
      out.digits(birthMonth, 2);
      out.byte(DASH);
      out.digits(birthDay, 2);
      out.lit(K.address);
      if (profile.code === "DE") {
        out.lit(pools.streets[street] as Literal);
        out.byte(SPACE);
        out.number(houseNumber);
        out.lit(K.commaSpace);
        out.jsonText(postcode);
        out.byte(SPACE);
        out.lit(pools.cities[city] as Literal);
      } else {
        out.number(houseNumber);
        out.byte(SPACE);
        out.lit(pools.streets[street] as Literal);
        out.lit(K.commaSpace);
        out.lit(pools.cities[city] as Literal);
        out.byte(SPACE);
        out.jsonText(postcode);
      }
      out.lit(K.idDocument);
      out.lit(pools.idDocumentPrefix);
      out.digits(idDocumentNumber, 9);
      out.lit(K.verifiedAt);
      writeIsoInstant(out, verifiedMs);
      out.lit(K.endKyc);
    } else {
      out.lit(K.noKyc);
    }
    if (portedIn) {
      out.lit(K.portedDonor);
      out.lit(pools.donors[donor] as Literal);
      out.lit(K.portedAt);
      writeIsoInstant(out, portedMs);
      out.lit(K.endPorting);
    } else {
      out.lit(K.notPorted);
    }
    out.lit(K.country);
    out.lit(pools.code);
    out.lit(K.end);
  }
  return generator;
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
