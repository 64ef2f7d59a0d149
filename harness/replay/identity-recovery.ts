/**
 * Identity recovery: the destination assigns each subscriber its own id on activation, and every
 * later write addresses that id. When the activation's answer cannot be used (a body that breaks
 * the contract, a timeout) the subscriber may still exist: before anything else is sent for it,
 * the subscriber is looked up by its legacy id (`externalId`). When it does not exist (its
 * activation failed), the write is not sent to a made-up path: it is a *consequential* failure of
 * the earlier one, counted apart from primary errors.
 */
import { type ProvisioningEvent, TrancheError } from "../../domain/index.ts";
import {
  type ApplyOutcome,
  classify,
  type FailureKind,
  type ProvisioningCapability,
  type StateReadCapability,
} from "../adapters/index.ts";
import { liveIdOf } from "../shadow/compare-destination.ts";

export interface IdentityRecovery extends ProvisioningCapability {
  /** Lookups by externalId made so far. */
  readonly lookups: number;
}

/** Wraps a writer so that writes without a known destination id look the subscriber up first. */
export function withIdentityRecovery(
  writer: ProvisioningCapability,
  reader: StateReadCapability,
): IdentityRecovery {
  const known = new Map<string, string>();
  const absent = new Set<string>();
  let lookups = 0;
  const lookUp = async (externalId: string, signal?: AbortSignal): Promise<string | undefined> => {
    if (absent.has(externalId)) return undefined;
    lookups++;
    const id = liveIdOf(await reader.findByExternalId(externalId, signal));
    if (id) known.set(externalId, id);
    else absent.add(externalId);
    return id;
  };
  return {
    get lookups() {
      return lookups;
    },
    async apply(
      event: ProvisioningEvent,
      destinationId: string | undefined,
      signal?: AbortSignal,
    ): Promise<ApplyOutcome> {
      if (event.type === "activation") {
        const outcome = await writer.apply(event, undefined, signal);
        if (outcome.destinationId && !outcome.failure) {
          known.set(event.subscriberId, outcome.destinationId);
          absent.delete(event.subscriberId);
        } else if (outcome.status >= 200 && outcome.status < 300) {
          // Accepted, but the id is unusable: ask again before the next write.
          absent.delete(event.subscriberId);
          known.delete(event.subscriberId);
        }
        return outcome;
      }
      let id = destinationId ?? known.get(event.subscriberId);
      if (!id) {
        try {
          id = await lookUp(event.subscriberId, signal);
        } catch (error) {
          return { status: 0, failure: lookupFailure(error) };
        }
      }
      if (!id) {
        return {
          status: 0,
          failure: {
            kind: "no_identity",
            message:
              "not sent: the destination has no subscriber with this externalId (its activation failed)",
          },
        };
      }
      const outcome = await writer.apply(event, id, signal);
      return outcome.destinationId ? outcome : { ...outcome, destinationId: id };
    },
  };
}

/**
 * What a failed lookup is: an answer outside the contract is the destination's violation
 * (unparseable), an HTTP error answer is one, and only a lookup that got no answer at all is a
 * transport failure (refused, reset, timeout) — the kinds that tell the replay the target is gone.
 */
function lookupFailure(error: unknown): { kind: FailureKind; message: string } {
  const message = `lookup by externalId failed: ${(error as Error).message.replace(/^\[tranche\] /, "")}`;
  if (error instanceof TrancheError) {
    if (error.code === "E_CONTRACT") return { kind: "unparseable", message };
    const status = /HTTP (\d{3})/.exec(error.message)?.[1];
    if (status) return { kind: status.startsWith("5") ? "http_5xx" : "http_4xx", message };
  }
  const transport = classify(error);
  return { kind: transport.kind, message: `${message} (${transport.kind})` };
}
