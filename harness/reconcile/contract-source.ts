/** A reconciliation source over a target's (or the legacy BSS's) reconciliation operations, scoped by key prefix. */
import type { ReconciliationCapability } from "../adapters/index.ts";
import type { ReconcileSource } from "./reconciler.ts";

/** The source of `capability` over keys starting with `prefix`. */
export function reconcileSourceOf(capability: ReconciliationCapability, prefix = ""): ReconcileSource {
  return {
    checksums: (range, segments, signal) => capability.rangeChecksums({ range, segments, prefix }, signal),
    rows: (range, signal) => capability.exportRows({ range, prefix }, signal),
  };
}
