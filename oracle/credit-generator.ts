/**
 * The credit generator: legacy credit still owed at the cutover (an import field) is a credit line
 * on the first destination invoice. It is applied up to that invoice's charges, so no invoice
 * total goes below zero; what is left carries to the next invoice, until it is used up.
 */
import type { OracleLine } from "./oracle-line.ts";

/** The credit line of an invoice with `chargesMinor` of charges, and the credit left to carry. */
export function creditLine(
  creditMinor: number,
  chargesMinor: number,
): { line: OracleLine | undefined; carriedMinor: number } {
  const applied = Math.min(creditMinor, Math.max(0, chargesMinor));
  const carriedMinor = creditMinor - applied;
  if (applied === 0) return { line: undefined, carriedMinor };
  return {
    line: {
      kind: "credit",
      description: "legacy credit",
      amountMinor: -applied,
      rule: "credit.legacy",
      detail: `min(credit ${creditMinor}, charges ${chargesMinor}) = ${applied}; ${carriedMinor} carried`,
    },
    carriedMinor,
  };
}
