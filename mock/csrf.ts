// Coder's CSRF middleware: nosurf with coderd's exemptions and failure texts.
//
// Token scheme (nosurf's own): the `csrf_token` cookie holds base64(32 random bytes), the "real"
// token. Pages get a masked copy, base64(key ‖ real XOR key) with a fresh 32-byte key each time,
// so the value in the HTML changes on every load while still proving knowledge of the cookie.
// A request passes when X-CSRF-TOKEN unmasks to the cookie's real token. Only masked tokens are
// accepted, as in current nosurf.
import { randomBytes } from "node:crypto";
import { CSRF_COOKIE, cookieValue, SESSION_COOKIE, serializeCookie } from "./cookies.ts";
import { constantTimeEqual } from "./secrets.ts";

const TOKEN_LENGTH = 32;

const CSRF_FAILURE =
  "Something is wrong with your CSRF token. Please refresh the page. If this error persists, try clearing your cookies.";

const CSRF_MISMATCHED_AUTH =
  'CSRF error encountered. Authentication via "coder_session_token" cookie and "Coder-Session-Token" header detected, but the values do not match. To resolve this issue ensure the values used in both match, or only use one of the authentication methods. You can also try clearing your cookies if this error persists.';

function decodeBase64(value: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) return undefined;
  return Buffer.from(value, "base64");
}

/** The real token from the request's cookie, if it has a well-formed one. */
export function realTokenFrom(cookieHeader: string | null): Buffer | undefined {
  const value = cookieValue(cookieHeader, CSRF_COOKIE);
  const decoded = value === undefined ? undefined : decodeBase64(value);
  return decoded?.length === TOKEN_LENGTH ? decoded : undefined;
}

function maskToken(real: Buffer): string {
  const key = randomBytes(TOKEN_LENGTH);
  const masked = Buffer.alloc(TOKEN_LENGTH);
  for (let i = 0; i < TOKEN_LENGTH; i++) masked[i] = (real[i] as number) ^ (key[i] as number);
  return Buffer.concat([key, masked]).toString("base64");
}

export function verifyMaskedToken(real: Buffer | undefined, sent: string | null): boolean {
  if (!real || !sent) return false;
  const decoded = decodeBase64(sent);
  if (!decoded || decoded.length !== TOKEN_LENGTH * 2) return false;
  const unmasked = Buffer.alloc(TOKEN_LENGTH);
  for (let i = 0; i < TOKEN_LENGTH; i++) {
    unmasked[i] = (decoded[i] as number) ^ (decoded[i + TOKEN_LENGTH] as number);
  }
  return constantTimeEqual(real, unmasked);
}

function newCsrfCookie(secure: boolean): { real: Buffer; setCookie: string } {
  const real = randomBytes(TOKEN_LENGTH);
  return {
    real,
    // nosurf's base cookie as coderd configures it: HttpOnly, Path=/, no Max-Age (session cookie).
    setCookie: serializeCookie({
      name: CSRF_COOKIE,
      value: real.toString("base64"),
      path: "/",
      httpOnly: true,
      secure,
      sameSite: "Lax",
    }),
  };
}

/** The token for an HTML document's <meta property="csrf-token">, and a cookie if one is needed. */
export function csrfForDocument(
  cookieHeader: string | null,
  secure = false,
): { token: string; setCookie?: string } {
  const real = realTokenFrom(cookieHeader);
  if (real) return { token: maskToken(real) };
  const fresh = newCsrfCookie(secure);
  return { token: maskToken(fresh.real), setCookie: fresh.setCookie };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);

/** coderd's ExemptFunc and exempt paths (the agent/proxy/derp/scim routes do not exist here). */
function isExempt(request: Request, url: URL): boolean {
  if (!url.pathname.startsWith("/api")) return true;
  if (/\/api\/v2\/users\/first/.test(url.pathname) || url.pathname === "/api/v2/csp/reports") {
    return true;
  }
  const session = cookieValue(request.headers.get("cookie"), SESSION_COOKIE);
  // No session cookie, no ambient credential to abuse.
  if (session === undefined) return true;
  if (request.headers.get("coder-session-token") === session) return true;
  if (url.searchParams.get(SESSION_COOKIE) === session) return true;
  if (/^bearer\s/i.test(request.headers.get("authorization") ?? "")) return true;
  if (request.headers.has("coder-provisioner-daemon-psk")) return true;
  if (request.headers.has("coder-provisioner-daemon-key")) return true;
  return false;
}

export type CsrfOutcome =
  | { ok: true; setCookie?: string }
  | { ok: false; setCookie?: string; message: string };

/** nosurf's ServeHTTP: (re)issue the cookie when needed, then check unsafe, non-exempt requests. */
export function checkCsrf(request: Request, url: URL, secure: boolean): CsrfOutcome {
  const real = realTokenFrom(request.headers.get("cookie"));
  // A freshly issued token cannot have been sent back yet, so without a cookie the check below
  // fails, as in nosurf.
  const setCookie = real ? undefined : newCsrfCookie(secure).setCookie;
  if (SAFE_METHODS.has(request.method) || isExempt(request, url)) return { ok: true, setCookie };
  if (verifyMaskedToken(real, request.headers.get("x-csrf-token"))) return { ok: true, setCookie };

  const cookieHeader = request.headers.get("cookie");
  const session = cookieValue(cookieHeader, SESSION_COOKIE);
  const headerToken = request.headers.get("coder-session-token");
  const message =
    session !== undefined && headerToken && headerToken !== session
      ? CSRF_MISMATCHED_AUTH
      : CSRF_FAILURE;
  return { ok: false, setCookie, message };
}
