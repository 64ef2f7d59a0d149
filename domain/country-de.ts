/** Germany profile: a prepaid-heavy MVNO hosted on a German network. */
import type { Plan } from "./catalog.ts";
import type { CountryProfile } from "./country-profile.ts";

const GIB = 1024 * 1024 * 1024;

function plan(
  id: string,
  name: string,
  paymentType: Plan["paymentType"],
  recurringFeeMinor: number,
  dataGib: number,
  perMinuteMinor: number,
  perMibMinor: number,
): Plan {
  const flat = recurringFeeMinor > 0;
  return {
    id,
    name,
    paymentType,
    currency: "EUR",
    recurringFeeMinor,
    allowances: {
      voiceSec: flat ? 100000 * 60 : 0,
      smsCount: flat ? 100000 : 0,
      dataBytes: dataGib * GIB,
    },
    overage: { perMinuteMinor, perSmsMinor: perMinuteMinor, perMibMinor },
  };
}

export const DE_PROFILE: CountryProfile = {
  code: "DE",
  version: "de-2026.1",
  currency: "EUR",
  callingCode: "49",
  timeZones: [["Europe/Berlin", 1]],
  // Bundesnetzagentur: mobile services use 015x, 016x and 017x (11-digit NSNs in these blocks).
  mobileRanges: [
    { prefix: "151", digits: 8 },
    { prefix: "152", digits: 8 },
    { prefix: "157", digits: 8 },
    { prefix: "159", digits: 8 },
    { prefix: "160", digits: 8 },
    { prefix: "162", digits: 8 },
    { prefix: "170", digits: 8 },
    { prefix: "171", digits: 8 },
    { prefix: "172", digits: 8 },
    { prefix: "176", digits: 8 },
    { prefix: "179", digits: 8 },
  ],
  host: { mcc: "262", mnc: "03", name: "Telefónica Germany (O2)" },
  iccid: { countryDigits: "49", issuer: "22" },
  porting: {
    authorisation: "Portierungserklärung (signed porting declaration) to the recipient",
    completionBusinessDays: 1,
    portedInShare: 0.3,
    donors: [
      ["Telekom Deutschland", 0.34],
      ["Vodafone", 0.3],
      ["freenet", 0.14],
      ["1&1", 0.12],
      ["ALDI TALK", 0.1],
    ],
    recipients: ["Telekom Deutschland", "Vodafone", "1&1", "freenet"],
  },
  kyc: {
    prepaid: { required: true, voluntaryShare: 1 },
    postpaid: { required: true, voluntaryShare: 1 },
  },
  prepaidShare: 0.35,
  catalog: [
    plan("DE-PREPAID-BASIS", "Prepaid Basis", "prepaid", 0, 0, 9, 24),
    plan("DE-PREPAID-S", "Prepaid S 6GB", "prepaid", 999, 6, 9, 24),
    plan("DE-PREPAID-M", "Prepaid M 15GB", "prepaid", 1499, 15, 9, 24),
    plan("DE-POSTPAID-S", "Vertrag S 10GB", "postpaid", 999, 10, 0, 0),
    plan("DE-POSTPAID-L", "Vertrag L 40GB", "postpaid", 1999, 40, 0, 0),
    plan("DE-POSTPAID-UNL", "Vertrag Unlimited", "postpaid", 3999, 1000, 0, 0),
  ],
  planMix: [
    { planId: "DE-PREPAID-BASIS", share: 0.3, arpuMedianMinor: 500, arpuSigma: 0.7 },
    { planId: "DE-PREPAID-S", share: 0.45, arpuMedianMinor: 1050, arpuSigma: 0.3 },
    { planId: "DE-PREPAID-M", share: 0.25, arpuMedianMinor: 1550, arpuSigma: 0.3 },
    { planId: "DE-POSTPAID-S", share: 0.45, arpuMedianMinor: 1100, arpuSigma: 0.3 },
    { planId: "DE-POSTPAID-L", share: 0.4, arpuMedianMinor: 2150, arpuSigma: 0.3 },
    { planId: "DE-POSTPAID-UNL", share: 0.15, arpuMedianMinor: 4200, arpuSigma: 0.25 },
  ],
  addOns: [
    { id: "DE-ADDON-DATA-5GB", priceMinor: 499 },
    { id: "DE-ADDON-EU-PLUS", priceMinor: 299 },
    { id: "DE-ADDON-INTL-100MIN", priceMinor: 599 },
  ],
  topUpAmountsMinor: [1500, 2000, 2500, 3000, 5000],
  names: {
    given: ["Sophie", "Maximilian", "Marie", "Alexander", "Emma", "Paul", "Mia", "Elias", "Hannah", "Leon"],
    family: ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz"],
    streets: ["Hauptstraße", "Schulstraße", "Gartenstraße", "Bahnhofstraße", "Dorfstraße", "Lindenstraße"],
    cities: ["Berlin", "Hamburg", "München", "Köln", "Frankfurt am Main", "Stuttgart", "Leipzig", "Essen"],
    postcode: (n) => String(1067 + (n % 98000)).padStart(5, "0"),
    idDocumentPrefix: "DEU-ID",
  },
  sources: [
    "Numbering: Bundesnetzagentur numbering plan for mobile services (015x/016x/017x); checked with libphonenumber metadata.",
    "Host MCC/MNC 262-03: ITU-T E.212 list of mobile network codes (Telefónica Germany).",
    "Porting: §59 TKG (2021): porting within one working day, the number may leave before the contract ends.",
    "KYC: §172 TKG requires identity verification of every SIM holder, prepaid included (since July 2017).",
    "Prepaid share 35%: Bundesnetzagentur annual reports show prepaid falling to roughly a third of SIMs; illustrative.",
    "Plan fees: German prepaid/contract price points 2025/26 (discounter brands on O2); illustrative.",
  ],
};
