/**
 * A small router for the destination contract: routes are data (method, path pattern, required
 * credential, handler); handlers return a status and a JSON body or throw an ApiError. Kept
 * dependency-free so that the request path stays short enough for thousands of writes a second.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { z } from "zod";

/** Which credential a route needs: none, the regular BSS token, or the lawful-intercept token. */
export type Access = "public" | "bss" | "li";

export interface RouteRequest {
  readonly method: string;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly headers: IncomingHttpHeaders;
}

export interface Reply {
  readonly status: number;
  readonly body: unknown;
  /** A non-JSON answer (the NDJSON state export): sent as is instead of `body`. */
  readonly raw?: { readonly contentType: string; readonly text: string };
}

export interface Route {
  readonly method: "GET" | "POST" | "DELETE";
  /** Path with `:name` segments, e.g. `/v1/subscribers/:id/top-ups`. */
  readonly pattern: string;
  readonly access: Access;
  readonly handle: (request: RouteRequest) => Reply | Promise<Reply>;
}

/** An error answered to the client as `{"error":{"code","message"}}` with an HTTP status. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** The JSON error body of the contract. */
export function errorBody(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

/** Validates a request body, turning the first schema issue into a 400 `invalid_request`. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? `"${issue.path.join(".")}"` : "body";
  throw new ApiError(400, "invalid_request", `${field}: ${issue?.message ?? "invalid value"}`);
}

interface CompiledRoute {
  readonly route: Route;
  readonly segments: readonly string[];
}

/** A compiled route table. */
export interface Router {
  /** Finds the route for a method and path; `allowed` lists methods when only the path matched. */
  match(
    method: string,
    path: string,
  ): { route: Route; params: Record<string, string> } | { route: undefined; allowed: string[] };
}

/** Compiles routes into a matcher (segment by segment; literal segments win over parameters). */
export function createRouter(routes: readonly Route[]): Router {
  const compiled: CompiledRoute[] = routes.map((route) => ({
    route,
    segments: route.pattern.split("/").filter((s) => s.length > 0),
  }));
  // Literal routes first, so /v1/subscribers/import is never read as /v1/subscribers/:id.
  compiled.sort((a, b) => paramCount(a.segments) - paramCount(b.segments));
  return {
    match(method, path) {
      const parts = path.split("/").filter((s) => s.length > 0);
      const allowed: string[] = [];
      for (const candidate of compiled) {
        const params = matchSegments(candidate.segments, parts);
        if (!params) continue;
        if (candidate.route.method === method) return { route: candidate.route, params };
        allowed.push(candidate.route.method);
      }
      return { route: undefined, allowed };
    },
  };
}

function paramCount(segments: readonly string[]): number {
  return segments.filter((s) => s.startsWith(":")).length;
}

function matchSegments(pattern: readonly string[], parts: readonly string[]): Record<string, string> | null {
  if (pattern.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as string;
    const part = parts[i] as string;
    if (p.startsWith(":")) {
      try {
        params[p.slice(1)] = decodeURIComponent(part);
      } catch {
        return null;
      }
    } else if (p !== part) {
      return null;
    }
  }
  return params;
}
