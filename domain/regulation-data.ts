/**
 * The regulatory parameters of each country profile, as versioned data with the source of every
 * number: data retention (how long, which categories), number portability (deadlines in working
 * days, the UK's switching codes, the holiday calendar they are counted on) and KYC registration
 * of prepaid and postpaid lines. The compliance suites check a destination against these; the
 * config can override any block (regulation.ts), always with a source of its own.
 */
import type { RegulatoryProfile, RetentionCategory } from "./regulation.ts";
import type { HolidayCalendar } from "./working-days.ts";

/**
 * Data Retention Directive 2006/24/EC Art. 5(1)(a)–(f): the six categories of data a retained
 * record must let one identify. The Directive was annulled (CJEU C-293/12 and C-594/12, Digital
 * Rights Ireland, 8 April 2014); its list is still the usual completeness test of a retained record,
 * and national rules (IPA 2016 s.87(11) "communications data", TKG §176) cover the same ground.
 * `fields` names the retention record's fields per record kind; a kind a category does not apply
 * to (the called party of a data session, the cell of a provisioning event) is absent.
 */
export const RETENTION_CATEGORIES: readonly RetentionCategory[] = [
  {
    id: "source",
    article: "Art. 5(1)(a)",
    description: "source of the communication (calling number)",
    fields: { voice: ["msisdn"], sms: ["msisdn"], data: ["msisdn"], event: ["msisdn"] },
  },
  {
    id: "destination",
    article: "Art. 5(1)(b)",
    description: "destination of the communication (number called)",
    fields: { voice: ["calledNumber"], sms: ["calledNumber"] },
  },
  {
    id: "date-time-duration",
    article: "Art. 5(1)(c)",
    description: "date, time and duration",
    fields: { voice: ["start", "quantity"], sms: ["start"], data: ["start", "quantity"], event: ["at"] },
  },
  {
    id: "type",
    article: "Art. 5(1)(d)",
    description: "type of communication (service used)",
    fields: { voice: ["service"], sms: ["service"], data: ["service"], event: ["type"] },
  },
  {
    id: "equipment",
    article: "Art. 5(1)(e)",
    description: "users' communication equipment (IMSI, IMEI)",
    fields: { voice: ["imsi", "imei"], sms: ["imsi", "imei"], data: ["imsi", "imei"], event: ["imsi"] },
  },
  {
    id: "location",
    article: "Art. 5(1)(f)",
    description: "location of mobile equipment (cell ID)",
    fields: { voice: ["cell"], sms: ["cell"], data: ["cell"] },
  },
];

/** Source line of the completeness list. */
export const RETENTION_CATEGORIES_SOURCE =
  "Directive 2006/24/EC Art. 5 (six categories; annulled by CJEU C-293/12 and C-594/12, 8 April 2014; used as the completeness list)";

/** England and Wales bank holidays 2025–2027 (substitute days included). */
export const GB_HOLIDAYS: HolidayCalendar = {
  id: "gb-eaw",
  version: "gb-eaw-2025.1",
  years: [2025, 2027],
  dates: [
    "2025-01-01",
    "2025-04-18",
    "2025-04-21",
    "2025-05-05",
    "2025-05-26",
    "2025-08-25",
    "2025-12-25",
    "2025-12-26",
    "2026-01-01",
    "2026-04-03",
    "2026-04-06",
    "2026-05-04",
    "2026-05-25",
    "2026-08-31",
    "2026-12-25",
    "2026-12-28",
    "2027-01-01",
    "2027-03-26",
    "2027-03-29",
    "2027-05-03",
    "2027-05-31",
    "2027-08-30",
    "2027-12-27",
    "2027-12-28",
  ],
  source:
    "GOV.UK bank holidays, England and Wales (Banking and Financial Dealings Act 1971 and royal proclamation)",
};

/** German nationwide public holidays 2025–2027 (regional ones left out: porting is national). */
export const DE_HOLIDAYS: HolidayCalendar = {
  id: "de-national",
  version: "de-national-2025.1",
  years: [2025, 2027],
  dates: [
    "2025-01-01",
    "2025-04-18",
    "2025-04-21",
    "2025-05-01",
    "2025-05-29",
    "2025-06-09",
    "2025-10-03",
    "2025-12-25",
    "2025-12-26",
    "2026-01-01",
    "2026-04-03",
    "2026-04-06",
    "2026-05-01",
    "2026-05-14",
    "2026-05-25",
    "2026-10-03",
    "2026-12-25",
    "2026-12-26",
    "2027-01-01",
    "2027-03-26",
    "2027-03-29",
    "2027-05-01",
    "2027-05-06",
    "2027-05-17",
    "2027-10-03",
    "2027-12-25",
    "2027-12-26",
  ],
  source:
    "Nationwide public holidays (Neujahr, Karfreitag, Ostermontag, Tag der Arbeit, Christi Himmelfahrt, Pfingstmontag, Tag der Deutschen Einheit, 1./2. Weihnachtstag) under the Länder holiday laws",
};

/** US federal holidays 2025–2027 as observed (5 U.S.C. 6103). */
export const US_HOLIDAYS: HolidayCalendar = {
  id: "us-federal",
  version: "us-federal-2025.1",
  years: [2025, 2027],
  dates: [
    "2025-01-01",
    "2025-01-20",
    "2025-02-17",
    "2025-05-26",
    "2025-06-19",
    "2025-07-04",
    "2025-09-01",
    "2025-10-13",
    "2025-11-11",
    "2025-11-27",
    "2025-12-25",
    "2026-01-01",
    "2026-01-19",
    "2026-02-16",
    "2026-05-25",
    "2026-06-19",
    "2026-07-03",
    "2026-09-07",
    "2026-10-12",
    "2026-11-11",
    "2026-11-26",
    "2026-12-25",
    "2027-01-01",
    "2027-01-18",
    "2027-02-15",
    "2027-05-31",
    "2027-06-18",
    "2027-07-05",
    "2027-09-06",
    "2027-10-11",
    "2027-11-11",
    "2027-11-25",
    "2027-12-24",
  ],
  source: "US federal holidays, 5 U.S.C. 6103 (observed dates, OPM)",
};

const KYC_ALL = ["name", "dateOfBirth", "address", "idDocument"] as const;

export const GB_REGULATION: RegulatoryProfile = {
  country: "GB",
  version: "gb-reg-2026.1",
  retention: {
    status: "in-force",
    window: "P12M",
    bound: "at-most",
    source:
      "Investigatory Powers Act 2016 s.87(3): a retention notice may not require data to be kept for more than 12 months",
  },
  porting: {
    completionWorkingDays: 1,
    maxServiceLossWorkingDays: 1,
    source:
      "Ofcom General Conditions C7 (as amended 1 July 2019): the switch completes within one working day of the gaining provider's request",
    switchingCodes: {
      pacShortCode: "65075",
      stacShortCode: "75075",
      answerWithinSec: 60,
      validDays: 30,
      source:
        "Ofcom General Conditions C7 (July 2019, text-to-switch): PAC by SMS to 65075, STAC to 75075, answered by SMS within one minute, valid 30 days",
    },
    holidays: GB_HOLIDAYS,
  },
  kyc: {
    prepaid: {
      mandatory: false,
      requiredFields: [],
      onIncomplete: "none",
      source: "No statutory registration of prepaid SIM holders in the UK",
    },
    postpaid: {
      mandatory: false,
      requiredFields: [],
      onIncomplete: "none",
      source: "No statutory registration of SIM holders in the UK (identity is a commercial credit check)",
    },
  },
};

export const DE_REGULATION: RegulatoryProfile = {
  country: "DE",
  version: "de-reg-2026.1",
  retention: {
    status: "suspended",
    window: "P10W",
    locationWindow: "P4W",
    bound: "at-most",
    source:
      "TKG §176 (2021; formerly §113b): traffic data 10 weeks, location data 4 weeks — suspended: not enforced by the Bundesnetzagentur since 28 June 2017 (OVG NRW 13 B 238/17), held incompatible with EU law by CJEU C-793/19 and C-794/19 (SpaceNet, 20 September 2022)",
  },
  porting: {
    completionWorkingDays: 1,
    maxServiceLossWorkingDays: 1,
    source:
      "EECC Directive (EU) 2018/1972 Art. 106(5)–(6), TKG §59: activation within one working day of the agreed date, at most one working day without service",
    holidays: DE_HOLIDAYS,
  },
  kyc: {
    prepaid: {
      mandatory: true,
      requiredFields: KYC_ALL,
      onIncomplete: "bar",
      source:
        "TKG §172(1)–(2): name, address and date of birth of a prepaid customer verified against an identity document before activation",
    },
    postpaid: {
      mandatory: true,
      requiredFields: ["name", "dateOfBirth", "address"],
      onIncomplete: "none",
      source: "TKG §172(1): name, address and date of birth collected for every contract",
    },
  },
};

export const US_REGULATION: RegulatoryProfile = {
  country: "US",
  version: "us-reg-2026.1",
  retention: {
    status: "in-force",
    window: "P18M",
    bound: "at-least",
    source:
      "47 CFR 42.6: carriers billing toll service keep toll-call records (caller, number called, date, time, length) for 18 months",
  },
  porting: {
    completionWorkingDays: 1,
    maxServiceLossWorkingDays: 1,
    source: "47 CFR 52.35(a) (FCC 09-41): simple ports complete within one business day",
    holidays: US_HOLIDAYS,
  },
  kyc: {
    prepaid: {
      mandatory: false,
      requiredFields: [],
      onIncomplete: "none",
      source: "No federal registration requirement for prepaid SIM holders in the US",
    },
    postpaid: {
      mandatory: false,
      requiredFields: [],
      onIncomplete: "none",
      source: "No federal registration requirement for SIM holders in the US",
    },
  },
};

/** Every built-in regulatory profile, by ISO country code (one per country profile). */
export const REGULATORY_PROFILES: Readonly<Record<string, RegulatoryProfile>> = {
  GB: GB_REGULATION,
  DE: DE_REGULATION,
  US: US_REGULATION,
};
