/**
 * Money in integer minor units. A currency's exponent says how many minor units make a major one
 * (GBP 2: pence; JPY 0; KWD and BHD 3: fils). Every division names its rounding mode: billing systems
 * disagree on exactly this, and the billing oracle must be able to say which one it expected.
 */

/** ISO 4217 exponents of the currencies Tranche knows. */
export const CURRENCY_EXPONENTS = {
  GBP: 2,
  EUR: 2,
  USD: 2,
  JPY: 0,
  KWD: 3,
  BHD: 3,
  CHF: 2,
} as const;

export type CurrencyCode = keyof typeof CURRENCY_EXPONENTS;

export const CURRENCY_CODES = Object.keys(CURRENCY_EXPONENTS) as CurrencyCode[];

/** A sum of money: an integer count of minor units of one currency. */
export interface Money {
  readonly amountMinor: number;
  readonly currency: CurrencyCode;
}

export type RoundingMode = "half-up" | "half-even" | "half-down" | "floor" | "ceil" | "truncate";

export const ROUNDING_MODES: readonly RoundingMode[] = [
  "half-up",
  "half-even",
  "half-down",
  "floor",
  "ceil",
  "truncate",
];

/** Builds a Money value, refusing non-integer or unsafe minor-unit amounts. */
export function money(amountMinor: number, currency: CurrencyCode): Money {
  if (!Number.isSafeInteger(amountMinor)) {
    throw new RangeError(`money amount must be an integer count of minor units, got ${amountMinor}`);
  }
  return { amountMinor, currency };
}

/** Adds two sums of the same currency. */
export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new RangeError(`cannot add ${a.currency} to ${b.currency}`);
  return money(a.amountMinor + b.amountMinor, a.currency);
}

/**
 * Integer division `numerator / denominator` rounded with `mode`, exact for any safe integers
 * (BigInt inside, so `fee × seconds` products never lose precision).
 */
export function divideRounded(
  numerator: number | bigint,
  denominator: number | bigint,
  mode: RoundingMode,
): number {
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  if (d === 0n) throw new RangeError("division by zero");
  const negative = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  let q = an / ad;
  const r = an % ad;
  if (r !== 0n) {
    const twice = r * 2n;
    switch (mode) {
      case "truncate":
        break;
      case "floor":
        if (negative) q += 1n;
        break;
      case "ceil":
        if (!negative) q += 1n;
        break;
      case "half-up":
        if (twice >= ad) q += 1n;
        break;
      case "half-down":
        if (twice > ad) q += 1n;
        break;
      case "half-even":
        if (twice > ad || (twice === ad && q % 2n === 1n)) q += 1n;
        break;
    }
  }
  return Number(negative ? -q : q);
}

/** `amount × part / whole`, rounded with `mode`: the one proration primitive. */
export function prorate(amount: Money, part: number, whole: number, mode: RoundingMode): Money {
  return money(
    divideRounded(BigInt(amount.amountMinor) * BigInt(part), BigInt(whole), mode),
    amount.currency,
  );
}

/** Renders minor units as a decimal string in major units, e.g. 1234 GBP → "12.34". */
export function formatMinor(amountMinor: number, currency: CurrencyCode): string {
  const exponent = CURRENCY_EXPONENTS[currency];
  const sign = amountMinor < 0 ? "-" : "";
  const digits = String(Math.abs(amountMinor)).padStart(exponent + 1, "0");
  if (exponent === 0) return `${sign}${digits}`;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
