/**
 * Defaults shared by the CLI and the config. The reference date is pinned (faker's
 * setDefaultRefDate habit): generated data never depends on when it was generated.
 */
export const DEFAULT_SEED = 20260301;
export const DEFAULT_REF_DATE = "2026-03-01T00:00:00Z";

/** Overall deadline of one request to a target, headers and body together. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
