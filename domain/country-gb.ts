/** United Kingdom profile: a SIM-only MVNO hosted on a UK network. */
import { DEFAULT_CATALOG } from "./catalog.ts";
import type { CountryProfile } from "./country-profile.ts";

const LETTERS = "ABDEFGHJLNPQRSTUWXYZ";
const letter = (n: number): string => LETTERS[n % LETTERS.length] as string;

export const GB_PROFILE: CountryProfile = {
  code: "GB",
  version: "gb-2026.1",
  currency: "GBP",
  callingCode: "44",
  timeZones: [["Europe/London", 1]],
  // Ofcom National Telephone Numbering Plan: 071–073 and 0794–0799 are allocated mobile blocks
  // (libphonenumber classifies every number in them as MOBILE; 076 is pagers, so it is left out).
  mobileRanges: [
    { prefix: "71", digits: 8 },
    { prefix: "72", digits: 8 },
    { prefix: "73", digits: 8 },
    { prefix: "794", digits: 7 },
    { prefix: "795", digits: 7 },
    { prefix: "796", digits: 7 },
    { prefix: "797", digits: 7 },
    { prefix: "798", digits: 7 },
    { prefix: "799", digits: 7 },
  ],
  host: { mcc: "234", mnc: "15", name: "Vodafone UK" },
  iccid: { countryDigits: "44", issuer: "15" },
  porting: {
    authorisation: "PAC (Porting Authorisation Code, requested by text to 65075)",
    completionBusinessDays: 1,
    portedInShare: 0.35,
    donors: [
      ["EE", 0.28],
      ["O2 UK", 0.25],
      ["Vodafone UK", 0.17],
      ["Three UK", 0.12],
      ["Tesco Mobile", 0.07],
      ["giffgaff", 0.06],
      ["Sky Mobile", 0.05],
    ],
    recipients: ["EE", "O2 UK", "Vodafone UK", "Three UK", "giffgaff"],
  },
  kyc: {
    prepaid: { required: false, voluntaryShare: 0.25 },
    postpaid: { required: true, voluntaryShare: 1 },
  },
  prepaidShare: 0.4,
  catalog: DEFAULT_CATALOG,
  planMix: [
    { planId: "PAYG-BASIC", share: 0.35, arpuMedianMinor: 450, arpuSigma: 0.7 },
    { planId: "PREPAID-S", share: 0.4, arpuMedianMinor: 700, arpuSigma: 0.3 },
    { planId: "PREPAID-M", share: 0.25, arpuMedianMinor: 1150, arpuSigma: 0.3 },
    { planId: "POSTPAID-S", share: 0.4, arpuMedianMinor: 900, arpuSigma: 0.3 },
    { planId: "POSTPAID-L", share: 0.35, arpuMedianMinor: 1650, arpuSigma: 0.3 },
    { planId: "POSTPAID-UNL", share: 0.25, arpuMedianMinor: 2200, arpuSigma: 0.3 },
  ],
  addOns: [
    { id: "ADDON-DATA-5GB", priceMinor: 500 },
    { id: "ADDON-ROAM-WORLD", priceMinor: 600 },
    { id: "ADDON-INTL-300MIN", priceMinor: 500 },
  ],
  topUpAmountsMinor: [500, 1000, 1500, 2000, 2500, 3000],
  names: {
    given: ["Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Noah", "Mia", "Jack", "Ivy", "Leo"],
    family: ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Khan"],
    streets: ["High Street", "Station Road", "Church Lane", "Victoria Road", "Green Lane", "Manor Road"],
    cities: ["London", "Birmingham", "Manchester", "Leeds", "Glasgow", "Bristol", "Cardiff", "Sheffield"],
    postcode: (n) =>
      `${letter(n)}${letter(n >>> 5)}${1 + (n % 9)} ${n % 10}${letter(n >>> 9)}${letter(n >>> 13)}`,
    idDocumentPrefix: "GBR-P",
  },
  sources: [
    "Numbering: Ofcom National Telephone Numbering Plan (mobile 07 blocks); checked with libphonenumber metadata.",
    "Host MCC/MNC 234-15: ITU-T E.212 list of mobile network codes (Vodafone UK).",
    "Porting: Ofcom General Condition B3 (text-to-switch, PAC, one-business-day porting since 2019).",
    "KYC: no UK registration duty for prepaid SIMs; postpaid lines pass a credit check (name, address, date of birth).",
    "Prepaid share 40%: Ofcom reports about a fifth of UK mobile subscriptions as pay as you go; SIM-only MVNO bases skew to prepaid, so doubled. Illustrative.",
    "Ported-in share and donors: rounded from Ofcom market shares of the MNOs and large MVNOs; illustrative.",
    "Plan fees and ARPU medians: UK SIM-only price points 2025/26 (see domain/catalog.ts); illustrative.",
  ],
};
