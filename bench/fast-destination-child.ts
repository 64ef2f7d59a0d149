/**
 * A fast destination in its own process for the schedule-lag figures: the minimal loopback
 * server of the replay tests (every answer a full, valid subscriber state), so the harness's
 * thread does only the harness's work. Prints its URL on the first line; stops on SIGTERM.
 */
import { startStallingServer } from "../test/support/stalling-server.ts";

const server = await startStallingServer();
process.stdout.write(`${server.url}\n`);
process.on("SIGTERM", () => {
  void server.close().then(() => process.exit(0));
});
