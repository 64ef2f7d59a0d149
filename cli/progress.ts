/**
 * Progress on a terminal: one line on stderr with a bar, rate and ETA, redrawn at most every
 * 100 ms. Not a TTY, or CI set: silent, so CI logs stay clean.
 */
import type { CliIo } from "./command.ts";

export type ProgressFn = (label: string, done: number, total: number) => void;

/** A progress reporter for `io`, plus `finish()` to end the line. */
export function createProgress(
  io: CliIo,
  now: () => number = () => performance.now(),
): { update: ProgressFn; finish(): void } {
  if (!io.interactive) return { update: () => {}, finish: () => {} };
  let lastDraw = 0;
  let currentLabel = "";
  let labelStart = now();
  let drawn = false;
  return {
    update(label, done, total) {
      const t = now();
      if (label !== currentLabel) {
        // A new phase measures its own rate; the first one counts from when progress began.
        if (currentLabel !== "") labelStart = t;
        currentLabel = label;
      }
      if (t - lastDraw < 100 && done < total) return;
      lastDraw = t;
      const ratio = total === 0 ? 1 : done / total;
      const width = 30;
      const filled = Math.round(ratio * width);
      const elapsedSec = (t - labelStart) / 1000;
      const rate = elapsedSec > 0 ? done / elapsedSec : 0;
      const eta = rate > 0 ? Math.ceil((total - done) / rate) : 0;
      io.stderr(
        `\r${label.padEnd(8)} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ${rate.toFixed(0)}/s ETA ${eta}s   `,
      );
      drawn = true;
    },
    finish() {
      if (drawn) io.stderr("\n");
      drawn = false;
    },
  };
}
