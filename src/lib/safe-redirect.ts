// Where to send someone after sign-in. Only a plain same-origin path survives; anything that
// could leave the site, or that a browser might read differently from us, becomes "/".

const FALLBACK = "/";
const MAX_LENGTH = 2048;
const ORIGIN = "https://app.invalid";
/** How many layers of percent-encoding are looked through. */
const MAX_DECODES = 3;

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

/**
 * The target, if it is a plain path on this origin; "/" otherwise. Every check below has a test
 * that fails without it (src/lib/safe-redirect.test.ts, "each defence").
 */
export function safeRedirect(target: string | null | undefined): string {
  if (!target || target.length > MAX_LENGTH) return FALLBACK;
  if (!target.startsWith("/")) return FALLBACK;

  // Check the target as written and as anything along the way (a proxy, a server, the browser)
  // might decode it: no form may start with "//" (another host), contain a character a browser
  // drops or reads as "/", or have a "." or ".." segment (normalising "/.//x" gives "//x").
  let form = target;
  for (let decodes = 0; ; decodes++) {
    if (form.startsWith("//") || hasForbiddenChar(form) || hasDotSegment(form)) return FALLBACK;
    const next = decodeOnce(form);
    // Undecodable: a reader that is less strict than decodeURIComponent might see anything.
    if (next === undefined) return FALLBACK;
    if (next === form) break;
    // Still changing after this many decodes: unchecked forms remain; nothing legitimate needs it.
    if (decodes === MAX_DECODES) return FALLBACK;
    form = next;
  }

  // What is left is a path with one leading slash and nothing a URL parser reads as a host; the
  // parse only drops the fragment and normalises the spelling.
  const url = new URL(target, ORIGIN);
  // Sending someone back to the sign-in page after signing in would only loop.
  if (url.pathname === "/login") return FALLBACK;
  return url.pathname + url.search;
}

function decodeOnce(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

function hasDotSegment(path: string): boolean {
  const pathname = path.split(/[?#]/, 1)[0] ?? "";
  return pathname.split("/").some((segment) => segment === "." || segment === "..");
}

/** `/login?redirect=…` for the page someone was trying to reach, with a message id if given. */
export function loginPathFor(
  location: { pathname: string; search: string },
  message?: string,
): string {
  const here = location.pathname + location.search;
  const query = here === "/" ? [] : [`redirect=${encodeURIComponent(here)}`];
  if (message) query.push(`message=${encodeURIComponent(message)}`);
  return query.length > 0 ? `/login?${query.join("&")}` : "/login";
}
