/**
 * Faults on demand for a mocked peer: latency drawn from a log-normal distribution, an error rate
 * (503), timeouts (the peer hangs past the caller's patience) and connection resets. Request `i`
 * of a peer draws its fault from record `i` of the seeded stream `mocks/<peer>`, so the same seed
 * and request order give the same faults.
 */
import { createStream, type RandomStream } from "../domain/index.ts";

export interface FaultProfile {
  /** Median added latency in ms (0: none). */
  readonly latencyMedianMs?: number;
  /** Log-normal shape: 0 is constant latency, 0.5–1 gives a realistic long tail. */
  readonly latencySigma?: number;
  /** Share of requests answered 503 (0–1). */
  readonly errorRate?: number;
  /** Share of requests that hang for `hangMs` before any answer (0–1). */
  readonly timeoutRate?: number;
  /** How long a timed-out request hangs (default 30 s). */
  readonly hangMs?: number;
  /** Share of requests whose connection is reset without an answer (0–1). */
  readonly resetRate?: number;
}

export type FaultDecision =
  | { readonly kind: "pass"; readonly latencyMs: number }
  | { readonly kind: "error"; readonly latencyMs: number }
  | { readonly kind: "timeout"; readonly latencyMs: number }
  | { readonly kind: "reset"; readonly latencyMs: number };

/** Draws the faults of one peer's requests, in order, from the seed. */
export interface FaultInjector {
  next(): FaultDecision;
  set(profile: FaultProfile): void;
  profile(): FaultProfile;
}

/** Validates a fault profile: rates in [0, 1], latencies non-negative. */
export function checkProfile(profile: FaultProfile): FaultProfile {
  for (const key of ["errorRate", "timeoutRate", "resetRate"] as const) {
    const v = profile[key];
    if (v !== undefined && (!(v >= 0) || v > 1))
      throw new RangeError(`${key} must be between 0 and 1, got ${v}`);
  }
  for (const key of ["latencyMedianMs", "latencySigma", "hangMs"] as const) {
    const v = profile[key];
    if (v !== undefined && !(v >= 0)) throw new RangeError(`${key} must be >= 0, got ${v}`);
  }
  return profile;
}

/** Creates the injector of `peer` under `seed`. */
export function createFaultInjector(seed: number, peer: string, initial: FaultProfile = {}): FaultInjector {
  const stream: RandomStream = createStream(seed, `mocks/${peer}`);
  let profile = checkProfile(initial);
  let index = 0;
  return {
    profile: () => profile,
    set(next) {
      profile = checkProfile(next);
    },
    next() {
      const rng = stream.record(index++);
      const median = profile.latencyMedianMs ?? 0;
      const latencyMs =
        median > 0 ? Math.min(60_000, Math.round(rng.logNormal(median, profile.latencySigma ?? 0))) : 0;
      const roll = rng.next();
      const reset = profile.resetRate ?? 0;
      const timeout = profile.timeoutRate ?? 0;
      const error = profile.errorRate ?? 0;
      if (roll < reset) return { kind: "reset", latencyMs };
      if (roll < reset + timeout)
        return { kind: "timeout", latencyMs: latencyMs + (profile.hangMs ?? 30_000) };
      if (roll < reset + timeout + error) return { kind: "error", latencyMs };
      return { kind: "pass", latencyMs };
    },
  };
}

/** Parses `key=value,key=value` (the CLI's --faults syntax for one peer) into a profile. */
export function parseFaultSpec(spec: string): FaultProfile {
  const profile: Record<string, number> = {};
  const keys = new Set([
    "latencyMedianMs",
    "latencySigma",
    "errorRate",
    "timeoutRate",
    "hangMs",
    "resetRate",
  ]);
  for (const part of spec.split(",").filter((p) => p.trim().length > 0)) {
    const [key, value] = part.split("=").map((s) => s.trim());
    if (!key || !keys.has(key) || value === undefined || Number.isNaN(Number(value))) {
      throw new RangeError(
        `"${part}" is not a fault setting; use one of ${[...keys].join(", ")} as key=number`,
      );
    }
    profile[key] = Number(value);
  }
  return checkProfile(profile);
}
