/**
 * Telecom identifiers that pass real validation, unique by construction. Uniqueness comes from a
 * seeded permutation of the record index (a Feistel network with cycle-walking), so record i's
 * number never needs a lookup table of the numbers already handed out: memory stays flat.
 */
import { mix32 } from "../domain/index.ts";

/** Luhn check digit (the ISO/IEC 7812 mod-10 of ICCID and IMEI) of the ASCII digits at [start, end). */
export function luhnOfDigits(digits: Uint8Array, start: number, end: number): number {
  let sum = 0;
  let double = true;
  for (let i = end - 1; i >= start; i--) {
    let d = (digits[i] as number) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return (10 - (sum % 10)) % 10;
}

let luhnScratch = new Uint8Array(32);

/** Luhn check digit of a digit string. */
export function luhnCheckDigit(payload: string): number {
  if (payload.length > luhnScratch.length) luhnScratch = new Uint8Array(payload.length);
  for (let i = 0; i < payload.length; i++) luhnScratch[i] = payload.charCodeAt(i);
  return luhnOfDigits(luhnScratch, 0, payload.length);
}

/** True when the digit string's last digit is its Luhn check digit. */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  return luhnCheckDigit(digits.slice(0, -1)) === Number(digits[digits.length - 1]);
}

/**
 * A keyed bijection on [0, size): index → a unique pseudo-random index. Used to spread record
 * numbers over a numbering range without repeats.
 *
 * A four-round Feistel network on the smallest power of two ≥ size, split into a high half of
 * ⌈n/2⌉ bits and a low half of ⌊n/2⌋ bits (rounds alternate which half is which); values at or
 * above `size` are cycle-walked, fewer than two steps on average.
 */
export function createPermutation(size: number, key: number): (index: number) => number {
  if (!Number.isSafeInteger(size) || size < 1)
    throw new RangeError(`permutation size must be >= 1, got ${size}`);
  let bits = 2;
  while (2 ** bits < size) bits++;
  const lowBits = bits >> 1;
  const highBits = bits - lowBits;
  const low = 2 ** lowBits;
  const lowMask = low - 1;
  const highMask = 2 ** highBits - 1;
  // Round i mixes its input with the round key mix32(key + i * golden ratio), computed once.
  const [k0, k1, k2, k3] = Array.from({ length: 4 }, (_, i) => mix32(key + i * 0x9e3779b9)) as [
    number,
    number,
    number,
    number,
  ];
  const round = (r: number, k: number) => mix32((r + k) >>> 0);
  const encrypt = (x: number) => {
    const h0 = Math.floor(x / low); // highBits wide
    const l0 = x - h0 * low; // lowBits wide
    const h1 = (h0 ^ round(l0, k0)) & highMask; // (l0, h1): low, high
    const l1 = (l0 ^ round(h1, k1)) & lowMask; // (h1, l1): high, low
    const h2 = (h1 ^ round(l1, k2)) & highMask;
    const l2 = (l1 ^ round(h2, k3)) & lowMask;
    return h2 * low + l2;
  };
  return (index: number) => {
    if (index < 0 || index >= size) throw new RangeError(`index ${index} outside permutation of ${size}`);
    let x = encrypt(index);
    while (x >= size) x = encrypt(x);
    return x;
  };
}

/**
 * A uniform float in [0, 1) that is a pure function of (key, index): cheaper than a seeded record
 * stream when a record needs one decision another record must be able to recompute (its country).
 */
export function unitAt(key: number, index: number): number {
  const lo = index >>> 0;
  const hi = Math.floor(index / 0x1_0000_0000) >>> 0;
  const h1 = mix32(key ^ mix32((lo + 0x9e3779b9) >>> 0));
  const h2 = mix32(h1 ^ mix32((hi + 0x85ebca6b) >>> 0) ^ 0x27d4eb2f);
  return (h1 * 2 ** 21 + (h2 >>> 11)) / 2 ** 53;
}

/** The digit string with its Luhn check digit appended. */
export function withLuhn(payload: string): string {
  return `${payload}${luhnCheckDigit(payload)}`;
}

const FOUR_DIGITS = Array.from({ length: 10_000 }, (_, i) => String(i).padStart(4, "0"));

/**
 * Left-pads a non-negative integer below 10^width with zeros to `width` digits. Built from a table
 * of 4-digit groups: String#padStart was the single largest cost of a million-line base.
 */
export function padDigits(value: number, width: number): string {
  if (value >= 10 ** width) return String(value);
  let out = "";
  let rest = value;
  let left = width;
  while (left > 4) {
    out = (FOUR_DIGITS[rest % 10_000] as string) + out;
    rest = Math.floor(rest / 10_000);
    left -= 4;
  }
  return (FOUR_DIGITS[rest] as string).slice(4 - left) + out;
}
