/**
 * A hand-written NDJSON line for a provisioning event, byte-identical to JSON.stringify (the
 * streamed-traffic test compares the two): the envelope is a template, only the small payload
 * goes through JSON.stringify. It halves serialization of ten-million-event files.
 */
import type { ProvisioningEvent } from "../domain/index.ts";
import { jsonString } from "./subscriber-json.ts";

/** Serializes one event exactly as JSON.stringify would (key order of the generator). */
export function eventJson(e: ProvisioningEvent): string {
  const occurred = e.occurredAt === undefined ? "" : `,"occurredAt":${jsonString(e.occurredAt)}`;
  return `{"id":${jsonString(e.id)},"at":${jsonString(e.at)},"subscriberId":${jsonString(e.subscriberId)},"idempotencyKey":${jsonString(e.idempotencyKey)},"source":${jsonString(e.source)},"type":"${e.type}","payload":${JSON.stringify(e.payload)}${occurred}}`;
}
