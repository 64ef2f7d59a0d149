/**
 * The destination adapter: Tranche's operations mapped onto one destination's API. The reference
 * destination speaks the Tranche contract (contract-adapter.ts); a vendor whose API differs writes
 * one module implementing this interface and nothing else changes.
 */
import type { ProvisioningEvent, SubscriberState } from "../../domain/index.ts";
import type { ContractOperations } from "./contract-operations.ts";

/** How a call went wrong, as the replay engine counts it. */
export type FailureKind = "timeout" | "reset" | "http_5xx" | "http_4xx" | "unparseable" | "refused";

export interface ApplyOutcome {
  /** HTTP status, or 0 when no response arrived. */
  readonly status: number;
  /** The destination's own id for the subscriber (assigned on activation). */
  readonly destinationId?: string;
  readonly failure?: { readonly kind: FailureKind; readonly message: string };
}

export interface HealthInfo {
  readonly status: string;
  readonly version?: string;
  readonly defects?: readonly string[];
}

export interface DestinationAdapter {
  /** One line naming the target, for reports. */
  describe(): string;
  health(signal?: AbortSignal): Promise<HealthInfo>;
  /**
   * Applies one provisioning event. `destinationId` is the destination's id of the subscriber,
   * known from an earlier activation (undefined for an activation).
   */
  apply(
    event: ProvisioningEvent,
    destinationId: string | undefined,
    signal?: AbortSignal,
  ): Promise<ApplyOutcome>;
  /** Reads the state the shadow model compares; undefined when the destination does not know it. */
  readSubscriber(destinationId: string, signal?: AbortSignal): Promise<SubscriberState | undefined>;
  close(): Promise<void>;
}

/**
 * A complete destination adapter: provisioning replay plus every other operation of the contract
 * (cohort import, CDR ingest, invoices, billing runs, porting, test clock, retention, LI with its
 * own credential). A vendor whose API differs implements this in one module.
 */
export interface FullDestinationAdapter extends DestinationAdapter, ContractOperations {}
