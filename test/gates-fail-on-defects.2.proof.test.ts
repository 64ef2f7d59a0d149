/**
 * Shard 2 of 2 of the proof that every built-in gate fails against the defect it names, and only
 * the gates naming that defect fail (`test/support/gate-proof.ts`).
 */
import { describeGateProofs } from "./support/gate-proof.ts";

describeGateProofs(2, 2);
