/**
 * What one provisioning write and one health check answer, as the replay engine and the runner
 * count them. The destination itself is a DestinationTarget (capabilities.ts): the reference
 * destination speaks the Tranche contract (contract-adapter.ts); a vendor whose API differs writes
 * one module returning a DestinationTarget and nothing else changes.
 */

/**
 * How a call went wrong, as the replay engine counts it. `no_identity`: not sent, the subscriber's
 * activation failed so there is no destination id to address; `interrupted`: cut off by the
 * harness's own stop.
 */
export type FailureKind =
  | "timeout"
  | "reset"
  | "http_5xx"
  | "http_4xx"
  | "unparseable"
  | "refused"
  | "no_identity"
  | "interrupted";

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
