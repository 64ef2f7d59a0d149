/**
 * Applies legacy data-quality defects to one subscriber. Decisions come from their own stream
 * ("base-defects", record i), so turning defects on or off never changes a clean record.
 */
import { createStream, type Subscriber, toSeed } from "../domain/index.ts";
import type { BaseGenerator } from "./base-generator.ts";
import {
  DEFECT_KINDS,
  type DefectKind,
  type DefectRates,
  RETIRED_PLAN_IDS,
  type TruthRecord,
} from "./defects.ts";
import { luhnCheckDigit, padDigits } from "./identifiers.ts";

type Mutable<T> = { -readonly [K in keyof T]: Mutable<T[K]> };
const KYC_FIELDS = ["name", "dateOfBirth", "address", "idDocument"] as const;
const streams = new WeakMap<BaseGenerator, ReturnType<typeof createStream>>();

function defectStream(generator: BaseGenerator): ReturnType<typeof createStream> {
  let stream = streams.get(generator);
  if (!stream) {
    stream = createStream(toSeed(generator.options.seed), "base-defects");
    streams.set(generator, stream);
  }
  return stream;
}

/**
 * False only when line `index` gets no defect: every "does it hit" draw misses. applyDefects draws
 * them in DEFECT_KINDS order and nothing else until one hits, so these are its draws. True means
 * applyDefects must run.
 */
export function mayHaveDefects(generator: BaseGenerator, index: number, rates: DefectRates): boolean {
  const rng = defectStream(generator).record(index);
  for (const kind of DEFECT_KINDS) if (rng.next() < (rates[kind] ?? 0)) return true;
  return false;
}

/** Mutates `subscriber` in place with the defects drawn for line `index`; returns the truth lines. */
export function applyDefects(
  generator: BaseGenerator,
  subscriber: Subscriber,
  index: number,
  rates: DefectRates,
): TruthRecord[] {
  const stream = defectStream(generator);
  const rng = stream.record(index);
  const s = subscriber as Mutable<Subscriber>;
  const out: TruthRecord[] = [];
  const mark = (kind: DefectKind, field: string, detail?: string) =>
    out.push(
      detail === undefined
        ? { stream: "base", record: index, id: s.id, kind, field }
        : { stream: "base", record: index, id: s.id, kind, field, detail },
    );
  const hit = (kind: DefectKind) => rng.next() < (rates[kind] ?? 0);

  // The duplicate-MSISDN draw comes first, so whether line j is itself a duplicate is one draw.
  const duplicateRate = rates.duplicate_msisdn ?? 0;
  if (hit("duplicate_msisdn") && index > 0) {
    const country = generator.countryOf(index);
    for (let j = index - 1; j >= Math.max(0, index - 64); j--) {
      if (generator.countryOf(j) === country && !(stream.record(j).next() < duplicateRate)) {
        s.msisdn = generator.cleanMsisdn(j);
        mark("duplicate_msisdn", "msisdn", `same MSISDN as sub-${padDigits(j, 8)}`);
        break;
      }
    }
  }
  if (hit("bad_iccid_check_digit")) {
    const payload = s.iccid.slice(0, -1);
    const wrong = (luhnCheckDigit(payload) + rng.int(1, 9)) % 10;
    s.iccid = `${payload}${wrong}`;
    mark("bad_iccid_check_digit", "iccid");
  }
  if (hit("missing_kyc_fields") && s.kyc.name !== null) {
    const missing = KYC_FIELDS.filter(() => rng.next() < 0.5);
    if (missing.length === 0) missing.push(rng.pick(KYC_FIELDS));
    for (const f of missing) s.kyc[f] = null;
    mark("missing_kyc_fields", missing.map((f) => `kyc.${f}`).join(","));
  }
  if (hit("orphan_account")) {
    // Nine digits: outside the eight-digit ids of real accounts, and independent of the base size.
    s.accountId = `acc-9${padDigits(index, 8)}`;
    mark("orphan_account", "accountId", "account no longer exists in the legacy base");
  }
  if (hit("plan_not_in_catalog")) {
    s.planId = rng.pick(RETIRED_PLAN_IDS);
    mark("plan_not_in_catalog", "planId");
  }
  if (hit("case_whitespace_noise")) {
    const fields = ["segment"];
    if (s.kyc.name !== null) fields.push("kyc.name");
    if (s.kyc.address !== null) fields.push("kyc.address");
    const field = rng.pick(fields);
    if (field === "kyc.name") s.kyc.name = (s.kyc.name as string).toUpperCase().replace(" ", "  ");
    else if (field === "kyc.address") s.kyc.address = ` ${(s.kyc.address as string).toLowerCase()} `;
    else s.segment = `${s.segment.toUpperCase()} `;
    mark("case_whitespace_noise", field);
  }
  return out;
}
