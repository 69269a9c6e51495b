// Where to send someone after sign-in. Only a plain same-origin path survives; anything that
// could leave the site, or that a browser might read differently from us, becomes "/".

const FALLBACK = "/";
const MAX_LENGTH = 2048;
const ORIGIN = "https://app.invalid";

/** Control characters, any Unicode whitespace, and backslashes (browsers treat `\` as `/`). */
function hasForbiddenChar(value: string): boolean {
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (
      code <= 0x20 ||
      (code >= 0x7f && code <= 0xa0) ||
      code === 0x1680 ||
      (code >= 0x2000 && code <= 0x200f) ||
      (code >= 0x2028 && code <= 0x202f) ||
      code === 0x205f ||
      code === 0x3000 ||
      code === 0xfeff ||
      char === "\\"
    )
      return true;
  }
  return false;
}

export function safeRedirect(target: string | null | undefined): string {
  if (!target || target.length > MAX_LENGTH) return FALLBACK;
  // Exactly one leading slash: "//host" and "/\host" are other origins to a browser.
  if (!target.startsWith("/") || target.startsWith("//")) return FALLBACK;
  if (hasForbiddenChar(target)) return FALLBACK;

  // Look through up to three layers of percent-encoding for the same tricks.
  let decoded = target;
  for (let i = 0; i < 3; i++) {
    if (/%2f|%5c/i.test(decoded) || hasDotSegment(decoded)) return FALLBACK;
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return FALLBACK;
    }
    if (hasForbiddenChar(next) || next.startsWith("//")) return FALLBACK;
    if (next === decoded) break;
    decoded = next;
  }

  let url: URL;
  try {
    url = new URL(target, ORIGIN);
  } catch {
    return FALLBACK;
  }
  if (url.origin !== ORIGIN) return FALLBACK;
  const path = url.pathname + url.search;
  // Sending someone back to the sign-in page after signing in would only loop.
  if (url.pathname === "/login") return FALLBACK;
  return path;
}

function hasDotSegment(path: string): boolean {
  const pathname = path.split(/[?#]/, 1)[0] ?? "";
  return pathname.split("/").some((segment) => segment === "." || segment === "..");
}

/** Paths the SPA does not own: the server must see a real page load (OAuth, API downloads). */
export function needsFullPageLoad(path: string): boolean {
  return path.startsWith("/api/") || path.startsWith("/oauth2/");
}

/**
 * `/login?redirect=…` for the page someone was trying to reach, with `message=<id>` when the
 * sign-in page should say why they are there (an id from src/session/login-messages.ts).
 */
export function loginPathFor(location: { pathname: string; search: string }, message?: string) {
  const here = location.pathname + location.search;
  const params = new URLSearchParams();
  if (here !== "/") params.set("redirect", here);
  if (message) params.set("message", message);
  const query = params.toString();
  return query === "" ? "/login" : `/login?${query}`;
}
