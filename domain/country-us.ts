/** United States profile: a postpaid-heavy MVNO hosted on a US network (NANP numbering). */
import type { Plan } from "./catalog.ts";
import type { CountryProfile } from "./country-profile.ts";

const GIB = 1024 * 1024 * 1024;

function plan(
  id: string,
  name: string,
  paymentType: Plan["paymentType"],
  fee: number,
  dataGib: number,
): Plan {
  return {
    id,
    name,
    paymentType,
    currency: "USD",
    recurringFeeMinor: fee,
    allowances: { voiceSec: 1_000_000 * 60, smsCount: 1_000_000, dataBytes: dataGib * GIB },
    overage: { perMinuteMinor: 0, perSmsMinor: 0, perMibMinor: fee === 0 ? 10 : 0 },
  };
}

/** Area codes of large metro areas; NANP exchanges start 2–9, so each code gives 8 blocks. */
const AREA_CODES = ["212", "213", "312", "415", "617", "713", "305", "206", "404", "602", "303", "215"];

export const US_PROFILE: CountryProfile = {
  code: "US",
  version: "us-2026.1",
  currency: "USD",
  callingCode: "1",
  timeZones: [
    ["America/New_York", 0.47],
    ["America/Chicago", 0.29],
    ["America/Denver", 0.05],
    ["America/Phoenix", 0.02],
    ["America/Los_Angeles", 0.16],
    ["America/Anchorage", 0.005],
    ["Pacific/Honolulu", 0.005],
  ],
  // NANP numbers do not separate mobile from fixed (libphonenumber says FIXED_LINE_OR_MOBILE).
  mobileRanges: AREA_CODES.flatMap((area) =>
    ["2", "3", "4", "5", "6", "7", "8", "9"].map((first) => ({ prefix: `${area}${first}`, digits: 6 })),
  ),
  host: { mcc: "310", mnc: "260", name: "T-Mobile USA" },
  iccid: { countryDigits: "01", issuer: "26" },
  porting: {
    authorisation: "account number + Number Transfer PIN from the donor",
    completionBusinessDays: 1,
    portedInShare: 0.4,
    donors: [
      ["Verizon", 0.35],
      ["AT&T", 0.33],
      ["T-Mobile", 0.22],
      ["UScellular", 0.04],
      ["Cricket Wireless", 0.06],
    ],
    recipients: ["Verizon", "AT&T", "T-Mobile", "Visible", "Mint Mobile"],
  },
  kyc: {
    prepaid: { required: false, voluntaryShare: 0.15 },
    postpaid: { required: true, voluntaryShare: 1 },
  },
  prepaidShare: 0.25,
  catalog: [
    plan("US-PREPAID-PAYG", "Pay as you go", "prepaid", 0, 0),
    plan("US-PREPAID-15", "Prepaid 5GB", "prepaid", 1500, 5),
    plan("US-PREPAID-40", "Prepaid Unlimited", "prepaid", 4000, 1000),
    plan("US-POSTPAID-35", "Essentials 15GB", "postpaid", 3500, 15),
    plan("US-POSTPAID-50", "Plus 50GB", "postpaid", 5000, 50),
    plan("US-POSTPAID-70", "Unlimited Premium", "postpaid", 7000, 1000),
  ],
  planMix: [
    { planId: "US-PREPAID-PAYG", share: 0.15, arpuMedianMinor: 1000, arpuSigma: 0.7 },
    { planId: "US-PREPAID-15", share: 0.45, arpuMedianMinor: 1700, arpuSigma: 0.3 },
    { planId: "US-PREPAID-40", share: 0.4, arpuMedianMinor: 4300, arpuSigma: 0.25 },
    { planId: "US-POSTPAID-35", share: 0.3, arpuMedianMinor: 3900, arpuSigma: 0.3 },
    { planId: "US-POSTPAID-50", share: 0.4, arpuMedianMinor: 5400, arpuSigma: 0.3 },
    { planId: "US-POSTPAID-70", share: 0.3, arpuMedianMinor: 7600, arpuSigma: 0.25 },
  ],
  addOns: [
    { id: "US-ADDON-DATA-5GB", priceMinor: 1000 },
    { id: "US-ADDON-INTL", priceMinor: 1500 },
    { id: "US-ADDON-HOTSPOT", priceMinor: 500 },
  ],
  topUpAmountsMinor: [1000, 1500, 2500, 3000, 5000],
  names: {
    given: ["Liam", "Olivia", "Noah", "Emma", "Oliver", "Charlotte", "James", "Amelia", "Elijah", "Sophia"],
    family: ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez"],
    streets: ["Main St", "Oak St", "Maple Ave", "Cedar St", "Pine St", "Elm St", "Washington St", "Park Ave"],
    cities: ["New York, NY", "Los Angeles, CA", "Chicago, IL", "Houston, TX", "Phoenix, AZ", "Seattle, WA"],
    postcode: (n) => String(10001 + (n % 89000)),
    idDocumentPrefix: "USA-DL",
  },
  sources: [
    "Numbering: NANP (North American Numbering Plan); exchange codes start 2–9; checked with libphonenumber metadata.",
    "Host MCC/MNC 310-260: ITU-T E.212 list of mobile network codes (T-Mobile USA, 3-digit MNC).",
    "Porting: FCC local number portability rules, simple ports within one business day.",
    "KYC: no US registration duty for prepaid; postpaid lines pass a credit check.",
    "Prepaid share 25%: CTIA / FCC communications marketplace reports put prepaid near a fifth to a quarter of connections; illustrative.",
    "Time zone weights: US Census population by time zone, rounded.",
    "Plan fees: US MVNO price points 2025/26; illustrative.",
  ],
};
