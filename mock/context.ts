// Per-request context and the response writers every handler uses, so that status lines, headers
// and bodies come out the way coderd's httpapi.Write, http.Error and http.Redirect produce them.
import type { MockClock } from "./clock.ts";
import { type CookieSpec, cookieValue, serializeCookie } from "./cookies.ts";
import { goJson } from "./go-json.ts";
import { escapeHtml, PAGE_SECURITY_HEADERS } from "./html.ts";
import type { CoderError } from "./http-read.ts";
import type { MockMail } from "./mailbox.ts";
import type { ApiKey, MockState, MockUser } from "./model.ts";
import type { RateLimiter } from "./rate-limit.ts";
import { locationHeader } from "./redirect.ts";

export interface MockConfig {
  /** false is `--disable-password-auth`. */
  passwordAuth: boolean;
  github: boolean;
  oidc: boolean;
  oidcSignInText: string;
  oidcIconUrl: string;
  termsOfServiceUrl?: string;
  /** false is `--dangerous-disable-rate-limits`. */
  rateLimits: boolean;
  /** `--session-duration` (server-side lifetime of a session; 24h by default). */
  sessionDurationMs: number;
  /**
   * Coder's default GitHub app: the device flow, `github.default_provider_configured`, and the
   * first account of an empty deployment may sign up through it.
   */
  githubDefaultProvider: boolean;
  /** How `/api/v2/appearance` behaves: see APPEARANCE_MODES in ./routes/appearance.ts. */
  appearance: AppearanceMode;
  /** `--proxy-trusted-headers`: headers a trusted proxy names the client in (none by default). */
  proxyTrustedHeaders: string[];
  /** `--proxy-trusted-origins`: CIDR networks of trusted proxies (none by default). */
  proxyTrustedOrigins: string[];
  /** What `"trial": true` on POST /users/first meets: see FIRST_USER_TRIAL_MODES. */
  firstUserTrial: FirstUserTrialMode;
}

/**
 * "granted": the licensor issues a trial licence (an enterprise build, Coder's release binary);
 * "licensor-error": the licensor refuses or cannot be reached; "unavailable": a build without
 * the trial generator, which ignores `trial`.
 */
export const FIRST_USER_TRIAL_MODES = ["granted", "licensor-error", "unavailable"] as const;
type FirstUserTrialMode = (typeof FIRST_USER_TRIAL_MODES)[number];

export type AppearanceMode = "licensed" | "unlicensed" | "agpl";

export const DEFAULT_CONFIG: Readonly<MockConfig> = {
  passwordAuth: true,
  github: true,
  oidc: true,
  oidcSignInText: "OpenID Connect",
  oidcIconUrl: "",
  rateLimits: true,
  sessionDurationMs: 24 * 60 * 60 * 1000,
  githubDefaultProvider: false,
  appearance: "licensed",
  proxyTrustedHeaders: [],
  proxyTrustedOrigins: [],
  firstUserTrial: "granted",
};

export interface Env {
  readonly state: MockState;
  readonly config: MockConfig;
  readonly clock: MockClock;
  readonly apiLimiter: RateLimiter;
  readonly loginLimiter: RateLimiter;
  sendMail(mail: MockMail): void;
}

export interface Ctx {
  readonly request: Request;
  readonly url: URL;
  readonly clientIp: string;
  /** The request came over https: cookies get `Secure`, as with an https access URL. */
  readonly secure: boolean;
  readonly env: Env;
  /** Response headers collected on the way in (Set-Cookie, rate limits, Vary…). */
  readonly headers: Headers;
  params: Record<string, string>;
  /** Set by the authentication step. */
  key?: ApiKey;
  user?: MockUser;
  /** Set by the {user} path parameter step. */
  target?: MockUser;
}

export function now(ctx: Ctx): number {
  return ctx.env.clock.now();
}

export function requestCookie(ctx: Ctx, name: string): string | undefined {
  return cookieValue(ctx.request.headers.get("cookie"), name);
}

/** Applies coderd's cookie config (Secure on https, SameSite=Lax) unless the spec says otherwise. */
export function setCookie(ctx: Ctx, spec: CookieSpec): void {
  ctx.headers.append("set-cookie", serializeCookie({ secure: ctx.secure, ...spec }));
}

export function withHeaders(ctx: Ctx, extra: Record<string, string>): Headers {
  const headers = new Headers(ctx.headers);
  for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  return headers;
}

/** httpapi.Write. */
export function json(ctx: Ctx, status: number, body: unknown): Response {
  return new Response(goJson(body), {
    status,
    headers: withHeaders(ctx, { "content-type": "application/json; charset=utf-8" }),
  });
}

export function error(ctx: Ctx, status: number, body: CoderError): Response {
  return json(ctx, status, body);
}

export function empty(ctx: Ctx, status = 204): Response {
  return new Response(null, { status, headers: new Headers(ctx.headers) });
}

/** http.Error: text/plain, nosniff, message plus newline. */
export function plainError(ctx: Ctx, status: number, message: string): Response {
  return new Response(`${message}\n`, {
    status,
    headers: withHeaders(ctx, {
      "content-type": "text/plain; charset=utf-8",
      "x-content-type-options": "nosniff",
    }),
  });
}

const STATUS_TEXT: Record<number, string> = {
  302: "Found",
  303: "See Other",
  307: "Temporary Redirect",
  401: "Unauthorized",
};

/** http.Redirect to a path on this server; GET and HEAD get Go's little HTML body. */
export function redirect(ctx: Ctx, location: string, status = 307): Response {
  const target = locationHeader(location);
  const headers = withHeaders(ctx, { location: target });
  const method = ctx.request.method;
  if (method !== "GET" && method !== "HEAD") return new Response(null, { status, headers });
  headers.set("content-type", "text/html; charset=utf-8");
  const body = `<a href="${escapeHtml(target)}">${STATUS_TEXT[status] ?? "Redirect"}</a>.\n\n`;
  return new Response(method === "HEAD" ? null : body, { status, headers });
}

/** An HTML page of the mock's own, with the same security headers as the app's pages. */
export function htmlDocument(ctx: Ctx, status: number, document: string): Response {
  return new Response(ctx.request.method === "HEAD" ? null : document, {
    status,
    headers: withHeaders(ctx, {
      ...PAGE_SECURITY_HEADERS,
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
    }),
  });
}
