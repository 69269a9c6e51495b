// What the front door does with a request, in one place for every server we run (the dev server,
// serve-dist) and for the generated deployment configs (scripts/generate-deploy.ts): the app's
// own paths are answered from the build, everything else goes to Coder. One rule on the way
// back: a single sign-on callback that fails ends on one of our pages with a known message id,
// never on the callback's raw answer.
import { APP_REDIRECTS, ASSET_PREFIX, isAppPage, isOwnedPath } from "../src/app/owned-routes.ts";

export type Route =
  | { kind: "page"; path: string }
  | { kind: "redirect"; location: string }
  | { kind: "asset" }
  | { kind: "coder" };

/** Who answers a (normalised) request path. */
export function routeOf(pathname: string): Route {
  if (isAppPage(pathname)) return { kind: "page", path: pathname };
  const location = Object.hasOwn(APP_REDIRECTS, pathname) ? APP_REDIRECTS[pathname] : undefined;
  if (location) return { kind: "redirect", location };
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
