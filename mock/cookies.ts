// Cookies the way net/http reads and writes them, so Set-Cookie lines match a real server's.

export const SESSION_COOKIE = "coder_session_token";
export const CSRF_COOKIE = "csrf_token";
export const OAUTH_STATE_COOKIE = "oauth_state";
export const OAUTH_REDIRECT_COOKIE = "oauth_redirect";
export const OAUTH_PKCE_COOKIE = "oauth_pkce_verifier";
export const CONVERT_COOKIE = "coder_oauth_convert_jwt";

/** The `Max-Age` of the session cookie since Apr 2026 (one year); the server-side session is shorter. */
export const SESSION_COOKIE_MAX_AGE = 31_536_000;

/** Request cookies in header order; like Go, `first(name)` is what r.Cookie(name) returns. */
export function parseCookieHeader(header: string | null): Array<[string, string]> {
  if (!header) return [];
  const out: Array<[string, string]> = [];
  for (const part of header.split(";")) {
    const trimmed = part.trim();
    if (trimmed === "") continue;
    const eq = trimmed.indexOf("=");
    const name = eq === -1 ? trimmed : trimmed.slice(0, eq).trim();
    let value = eq === -1 ? "" : trimmed.slice(eq + 1).trim();
    if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) continue;
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"'))
      value = value.slice(1, -1);
    out.push([name, value]);
  }
  return out;
}

export function cookieValue(header: string | null, name: string): string | undefined {
  return parseCookieHeader(header).find(([n]) => n === name)?.[1];
}

export interface CookieSpec {
  name: string;
  value: string;
  path?: string;
  /** Absolute expiry in ms since the epoch. */
  expires?: number;
  /** > 0: Max-Age=n; < 0: Max-Age=0 (delete now); undefined: no Max-Age. */
  maxAge?: number;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: "Lax" | "Strict" | "None";
}

/** http.Cookie.String(): Name=Value; Path; Expires; Max-Age; HttpOnly; Secure; SameSite. */
export function serializeCookie(c: CookieSpec): string {
  // sanitizeCookieValue: bytes a cookie value cannot hold are dropped; space or comma means quotes.
  const clean = c.value.replace(/[^\x20-\x7e]|["\\;]/g, "");
  const value = /[ ,]/.test(clean) ? `"${clean}"` : clean;
  const parts = [`${c.name}=${value}`];
  if (c.path) parts.push(`Path=${c.path}`);
  if (c.expires !== undefined) parts.push(`Expires=${new Date(c.expires).toUTCString()}`);
  if (c.maxAge !== undefined && c.maxAge > 0) parts.push(`Max-Age=${c.maxAge}`);
  else if (c.maxAge !== undefined && c.maxAge < 0) parts.push("Max-Age=0");
  if (c.httpOnly) parts.push("HttpOnly");
  if (c.secure) parts.push("Secure");
  if (c.sameSite) parts.push(`SameSite=${c.sameSite}`);
  return parts.join("; ");
}
