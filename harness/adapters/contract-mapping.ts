/**
 * Domain records → the destination contract's wire records. Suites hand the adapter what the
 * generators produce (domain/cdr.ts, domain/subscriber.ts); the wire shape is the adapter's
 * business. Nothing is validated or dropped here: a record the destination must reject reaches it
 * and comes back with a reason, which is what mediation and import suites measure.
 */
import type { CdrRecord, CohortImportRequest, ImportedSubscriber } from "../../destination/index.ts";
import type { Cdr, Subscriber } from "../../domain/index.ts";
import type { CohortImport } from "./contract-operations.ts";

/**
 * The contract's record of a canonical CDR: the rated quantity (seconds for voice, uplink +
 * downlink bytes for data, none for SMS, which counts one), roaming as a flag.
 */
export function cdrRecordOf(cdr: Cdr): CdrRecord {
  return {
    recordId: cdr.recordId,
    chargingId: cdr.chargingId,
    msisdn: cdr.msisdn,
    imsi: cdr.imsi,
    service: cdr.service,
    start: cdr.start,
    ...(cdr.service === "voice" ? { durationSec: cdr.durationSec } : {}),
    // A record without its byte counts reaches the destination without a volume (missing_quantity).
    ...(cdr.service === "data" && Number.isFinite(cdr.uplinkBytes + cdr.downlinkBytes)
      ? { volumeBytes: cdr.uplinkBytes + cdr.downlinkBytes }
      : {}),
    partial: cdr.partial,
    roaming: cdr.roamingMcc !== null,
    cell: cdr.cell,
    calledNumber: cdr.calledNumber,
    imei: cdr.imei,
  };
}

/**
 * The contract's import record of a subscriber as legacy holds it at the cutover: its billing
 * state (period start, usage to date, balance) and `creditMinor`, legacy credit still owed.
 */
export function importedSubscriberOf(
  subscriber: Subscriber,
  creditMinor?: number,
  legacyRounding?: "half-up" | "half-even" | "down",
): ImportedSubscriber {
  const { billing, kyc } = subscriber;
  return {
    externalId: subscriber.id,
    msisdn: subscriber.msisdn,
    imsi: subscriber.imsi,
    iccid: subscriber.iccid,
    planId: subscriber.planId,
    paymentType: subscriber.paymentType,
    currency: billing.currency,
    // A terminated line is not migrated: it is sent as it is, and the destination's rejection says so.
    status: subscriber.status as ImportedSubscriber["status"],
    anchorDay: billing.anchorDay,
    timezone: billing.timezone,
    activatedAt: subscriber.activatedAt,
    addOns: [...subscriber.addOns],
    // verifiedAt stays behind: whether the record is verified is the destination's own check.
    kyc: { name: kyc.name, dateOfBirth: kyc.dateOfBirth, address: kyc.address, idDocument: kyc.idDocument },
    billing: {
      periodStart: billing.periodStart,
      usageToDate: { ...billing.usageToDate },
      balanceMinor: billing.balanceMinor,
      ...(creditMinor !== undefined ? { creditMinor } : {}),
      ...(legacyRounding !== undefined ? { legacyRounding } : {}),
    },
  };
}

/** The contract's cohort-import request of a cohort of domain subscribers. */
export function cohortImportRequestOf(cohort: CohortImport): CohortImportRequest {
  return {
    cohortId: cohort.cohortId,
    at: cohort.cutoverAt,
    subscribers: cohort.subscribers.map((s) => {
      const imported = importedSubscriberOf(
        s,
        cohort.legacyCreditMinor?.[s.id],
        cohort.legacyRounding?.[s.id],
      );
      const pendingPort = cohort.pendingPorts?.[s.id];
      return pendingPort ? { ...imported, pendingPort } : imported;
    }),
  };
}
