// What the front door does with a request, in one place for every server we run (the dev server,
// serve-dist) and for the generated deployment configs (scripts/generate-deploy.ts): the app's
// own paths are answered from the build, everything else goes to Coder. One rule on the way
// back: a single sign-on callback that fails ends on one of our pages with a known message id,
// never on the callback's raw answer.
import {
  APP_REDIRECTS,
  ASSET_PREFIX,
  isAppPage,
  isOwnedPath,
  nearVariantOf,
} from "../src/app/owned-routes.ts";

export type Route =
  | { kind: "page"; path: string }
  | { kind: "redirect"; location: string }
  | { kind: "near-variant"; path: string }
  | { kind: "asset" }
  | { kind: "coder" };

/** Who answers a (normalised) request path. */
export function routeOf(pathname: string): Route {
  if (isAppPage(pathname)) return { kind: "page", path: pathname };
  const location = Object.hasOwn(APP_REDIRECTS, pathname) ? APP_REDIRECTS[pathname] : undefined;
  if (location) return { kind: "redirect", location };
  const canonical = nearVariantOf(pathname);
  if (canonical) return { kind: "near-variant", path: canonical };
  if (pathname.startsWith(ASSET_PREFIX)) return { kind: "asset" };
  if (isOwnedPath(pathname)) throw new Error(`owned path without a route: ${pathname}`);
  return { kind: "coder" };
}

/** Coder's OAuth2 callbacks, where a browser arrives back from GitHub or the OIDC provider. */
export const SSO_CALLBACK_PATHS = [
  "/api/v2/users/oauth2/github/callback",
  "/api/v2/users/oidc/callback",
] as const;

/** Failure statuses that get a message of their own; any other >= 400 gets the generic one. */
export const SSO_FAILURE_STATUSES = [400, 401, 403, 409, 500] as const;

/** A login-type conversion's OAuth state (codersdk: "convert-" + random). */
export const CONVERT_STATE_PREFIX = "convert-";

/** Where a failed sign-in round trip ends: the sign-in page. */
export const SSO_FAILED_PAGE = "/login?message=sso-failed";
/** Where a failed conversion ends: the security settings, where it started (still signed in). */
export const CONVERT_FAILED_PAGE = "/settings/security?message=convert-failed";

/**
 * Where to send the browser instead of showing Coder's answer to a callback, or undefined when
 * the answer is not a failed visit of the browser's own: only a GET asking for a page (Accept
 * names text/html, as every browser's navigation does). A script's request to the same callback
 * (the GitHub device flow polls it with fetch, and reads "authorization_pending" from the 400)
 * gets Coder's answer as it is.
 */
export function ssoFailureLocation(
  method: string,
  url: URL,
  status: number,
  accept: string | undefined,
): string | undefined {
  if (method !== "GET" || status < 400) return undefined;
  if (!/\btext\/html\b/i.test(accept ?? "")) return undefined;
  if (!(SSO_CALLBACK_PATHS as readonly string[]).includes(url.pathname)) return undefined;
  const converting = (url.searchParams.get("state") ?? "").startsWith(CONVERT_STATE_PREFIX);
  const base = converting ? CONVERT_FAILED_PAGE : SSO_FAILED_PAGE;
  return (SSO_FAILURE_STATUSES as readonly number[]).includes(status) ? `${base}-${status}` : base;
}

// The seam with Coder's dashboard ----------------------------------------------------------------

/** Our script that runs in Coder's pages (src/seam/coder-seam.ts), at a stable address. */
export const SEAM_SCRIPT_PATH = `${ASSET_PREFIX}coder-seam.js`;
/**
 * What the front door adds right after Coder's `<head>`: a deferred classic script runs before
 * the module scripts that come after it, so it is in place before Coder's router first moves.
 * Same origin, so Coder's own CSP (script-src 'self') allows it.
 */
export const SEAM_TAG = `<script defer src="${SEAM_SCRIPT_PATH}"></script>`;
export const SEAM_ANCHOR = "<head>";

/** Coder's HTML with our seam script added (the first `<head>`, as nginx's sub_filter does). */
export function injectSeam(html: string, tag: string = SEAM_TAG): string {
  const at = html.toLowerCase().indexOf(SEAM_ANCHOR);
  if (at === -1) return html;
  const end = at + SEAM_ANCHOR.length;
  return `${html.slice(0, end)}${tag}${html.slice(end)}`;
}

/** What tells a page visit from a script's request, as the front doors read it. */
export interface VisitHeaders {
  accept?: string | string[] | undefined;
  "sec-fetch-mode"?: string | string[] | undefined;
}

/**
 * A browser's page visit: a GET asking for HTML that is a navigation. Browsers say so in
 * Sec-Fetch-Mode; one too old to send it is judged by Accept alone. A script's fetch of a page
 * (ours reads Coder's page for its CSRF token and branding) says "cors" or "same-origin".
 */
export function isPageVisit(method: string, headers: VisitHeaders): boolean {
  const mode = String(headers["sec-fetch-mode"] ?? "navigate");
  return (
    method === "GET" && mode === "navigate" && /text\/html/i.test(String(headers.accept ?? ""))
  );
}

/** Coder's session cookie; a browser without it is signed out for sure. */
export const SESSION_COOKIE = "coder_session_token";

/**
 * Coder's paths that are never pages of its dashboard: the API, its files, WebSockets and
 * health checks, OAuth2 and external-auth endpoints, path-based workspace apps
 * (/@user/workspace/apps/…), and the mock's development endpoints (its identity provider's pages
 * among them; never on a real Coder). One pattern, case-insensitive, for every front door.
 */
export const CODER_NON_PAGE =
  "^/(?:(?:api|assets|auth-ui|derp|healthz|latency-check|gitauth|external-auth|oauth2|\\.well-known|swagger|bin|icons|emojis|favicons|__mock)(?:/|$)|(?:@|%40)[^/]+/[^/]+/apps(?:/|$))";
/** A request target that goes into ?redirect= as it is (no query, %, + or &). */
export const PLAIN_TARGET = "^/[A-Za-z0-9/._~@:!()*,;=-]*$";
/** Coder serves its files by name: a last segment with a dot is a file, not a page. */
export const FILE_PATH = "\\.[^/]*$";

/** Whether a path is one of Coder's dashboard pages (not a file, not an endpoint). */
function isCoderPagePath(pathname: string): boolean {
  if (new RegExp(CODER_NON_PAGE, "i").test(pathname)) return false;
  const last = pathname.slice(pathname.lastIndexOf("/"));
  return !new RegExp(FILE_PATH).test(last);
}

/**
 * Where a signed-out visit to one of Coder's pages goes at the door, before Coder's dashboard
 * loads only to send the browser to sign in: our /login, with the page to come back to. Only
 * for browsers without a session cookie, and only for targets that go into ?redirect= unchanged;
 * anything else reaches Coder, whose dashboard moves to /login itself (and the seam script makes
 * that move a page load). Undefined when the request is not such a visit.
 */
export function signedOutLocation(
  method: string,
  target: string,
  headers: VisitHeaders & { cookie?: string | undefined },
): string | undefined {
  if (!isPageVisit(method, headers)) return undefined;
  const cookie = headers.cookie;
  if (new RegExp(`(?:^|;)\\s*${SESSION_COOKIE}=`).test(cookie ?? "")) return undefined;
  if (!new RegExp(PLAIN_TARGET).test(target) || !isCoderPagePath(target)) return undefined;
  if (routeOf(target).kind !== "coder") return undefined;
  return target === "/" ? "/login" : `/login?redirect=${target}`;
}
