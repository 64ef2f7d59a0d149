/** NDJSON serialization shared by the generators' file writers. */

/** One record per line, each line newline-terminated (so concatenating files stays valid). */
export function toNdjson(records: Iterable<unknown>): string {
  let out = "";
  for (const record of records) out += `${JSON.stringify(record)}\n`;
  return out;
}
