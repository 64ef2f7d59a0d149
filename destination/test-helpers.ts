/**
 * Helpers for the destination's tests: start a reference destination on a free loopback port and
 * call it with either credential. Not part of the public API.
 */
import { type ReferenceDestinationOptions, startReferenceDestination } from "./reference-destination.ts";

export const BSS = "Bearer reference-bss-token";
export const LI = "Bearer reference-li-token";

export interface TestResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
  body: any;
}

export interface TestDestination {
  url: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse>;
  li(method: string, path: string, body?: unknown): Promise<TestResponse>;
  close(): Promise<void>;
}

/** Starts a destination (in memory unless `dataDir` is given) with a tiny JSON client. */
export async function startTestDestination(
  options: ReferenceDestinationOptions = {},
): Promise<TestDestination> {
  const running = await startReferenceDestination({ port: 0, env: {}, ...options });
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${running.url}${path}`, {
      method,
      headers: { authorization: BSS, "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text.length > 0 ? JSON.parse(text) : undefined };
  };
  return {
    url: running.url,
    call,
    li: (method, path, body) => call(method, path, body, { authorization: LI }),
    close: () => running.close(),
  };
}

/** An activation body for subscriber number `n` (unique MSISDN, IMSI, ICCID). */
export function activation(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const digits = String(n).padStart(9, "0");
  return {
    externalId: `L${n}`,
    msisdn: `+447${digits}`,
    imsi: `234150${digits}`,
    iccid: `894400000${digits}`,
    planId: "POSTPAID-S",
    paymentType: "postpaid",
    currency: "GBP",
    initialBalanceMinor: 0,
    anchorDay: 1,
    timezone: "Europe/London",
    at: "2026-03-01T10:00:00Z",
    ...overrides,
  };
}
