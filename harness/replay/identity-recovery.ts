/**
 * Identity recovery: the destination assigns each subscriber its own id on activation, and every
 * later write addresses that id. When the activation's answer cannot be used (a body that breaks
 * the contract, a timeout) the subscriber may still exist: before anything else is sent for it,
 * the subscriber is looked up by its legacy id (`externalId`). When it does not exist (its
 * activation failed), the write is not sent to a made-up path: it is a *consequential* failure of
 * the earlier one, counted apart from primary errors.
 */
import type { ProvisioningEvent } from "../../domain/index.ts";
import type { ApplyOutcome, ProvisioningCapability, StateReadCapability } from "../adapters/index.ts";
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
          return {
            status: 0,
            failure: { kind: "reset", message: `lookup by externalId failed: ${(error as Error).message}` },
          };
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
