/** Debian's Chromium through playwright-core, headless, for the browser tests (never a downloaded browser). */
import { type Browser, chromium } from "playwright-core";

/** Flags for a headless run as root in a container, with no background traffic of its own. */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

/** Launches /usr/bin/chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
}
