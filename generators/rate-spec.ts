/**
 * The `--defects`, `--irregularities` and `--anomalies` syntax: `none`, a preset name, or
 * `name=value,name=value`, where rates are probabilities from 0 to 1.
 */
import { TrancheError } from "../domain/index.ts";

export interface RateSpecFormat<T> {
  /** What the setting is called in errors, e.g. "defect". */
  readonly what: string;
  /** Accepted names → option keys. */
  readonly keys: Readonly<Record<string, string>>;
  readonly presets: Readonly<Record<string, T>>;
  /** Option keys whose value is a probability (at most 1); others are any number >= 0. */
  readonly isRate: (key: string) => boolean;
}

/** Parses a spec; undefined for `none` or empty; E_CONFIG naming the part that is wrong. */
export function parseRateSpec<T>(spec: string, format: RateSpecFormat<T>): T | undefined {
  const text = spec.trim();
  if (text === "" || text === "none") return undefined;
  const preset = format.presets[text];
  if (preset) return preset;
  const out: Record<string, number> = {};
  for (const part of text.split(",")) {
    const [name = "", value = ""] = part.split("=").map((s) => s.trim());
    const key = format.keys[name];
    const n = Number(value);
    if (!key || !(n >= 0) || (format.isRate(key) && n > 1)) {
      throw new TrancheError(
        "E_CONFIG",
        `${format.what} setting "${part}" is not name=value with a valid value (rates are 0–1).`,
        `Names: ${Object.keys(format.keys).join(", ")}; or ${["none", ...Object.keys(format.presets)].map((p) => `"${p}"`).join(", ")}.`,
      );
    }
    out[key] = n;
  }
  return out as T;
}
