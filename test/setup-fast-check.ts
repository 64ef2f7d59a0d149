/**
 * Property tests run from one logged seed, so `npm test` is deterministic. Set TRANCHE_FC_SEED to
 * explore other seeds; a failure prints the seed and path to replay it.
 */
import fc from "fast-check";

const seed = Number(process.env.TRANCHE_FC_SEED ?? 20260301);
fc.configureGlobal({ seed });
