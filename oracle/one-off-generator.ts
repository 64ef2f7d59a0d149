/**
 * The one-off generator: add-ons bought in a period, each a line of its price (a free add-on gives
 * none). An add-on bought in the legacy part of a split period was legacy's to bill: it reaches
 * the destination only as an entry of the imported `addOns`, never as a line.
 */
import type { OracleLine } from "./oracle-line.ts";

export interface AddOnPurchase {
  readonly addonId: string;
  readonly priceMinor: number;
}

/** One-off lines of a period's add-on purchases. */
export function oneOffLines(purchases: readonly AddOnPurchase[]): OracleLine[] {
  return purchases
    .filter((p) => p.priceMinor > 0)
    .map((p) => ({
      kind: "one-off" as const,
      description: `add-on ${p.addonId}`,
      amountMinor: p.priceMinor,
      rule: "one-off.add-on" as const,
      detail: `${p.priceMinor}`,
    }));
}
