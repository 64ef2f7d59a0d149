/**
 * Provisioning replay: seeded activations, plan changes, top-ups and suspensions replayed
 * open-model against the destination, then every subscriber's state checked against the shadow
 * model. The walking-skeleton scenario every profile starts from.
 */
import { runProvisioningCheck, type Scenario } from "../harness/index.ts";

export const provisioningReplay: Scenario = {
  name: "provisioning-replay",
  description:
    "Replays seeded provisioning traffic (activation, plan change, top-up, suspension) at a fixed arrival rate and compares each subscriber's final state with the shadow model.",
  run: runProvisioningCheck,
};
