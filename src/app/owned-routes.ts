// The paths on the origin that belong to this app. Everything else belongs to Coder: its
// dashboard, /api, workspace apps, its own assets. A deployment puts both behind one front door,
// so the router, the dev and preview servers and the deployment configs all follow this one list
// (deploy/ is generated from it, and a test holds them together).

/** Pages the app renders, matched exactly (no trailing slash, no sub-paths). */
export const APP_PAGES = [
  "/login",
  "/login/device",
  "/reset-password",
  "/reset-password/change",
  "/settings/security",
  "/setup",
  "/cli-auth",
] as const;

export type AppPage = (typeof APP_PAGES)[number];

/**
 * Every file of the build other than the pages lives under this prefix. Coder's own dashboard
 * serves its bundles from /assets/ and its icons from the root, so ours must not.
 */
export const ASSET_PREFIX = "/auth-ui/";

/** Redirects the app owns (RFC 8615 well-known URL for password managers). */
export const APP_REDIRECTS: Readonly<Record<string, AppPage>> = {
  "/.well-known/change-password": "/settings/security",
};

/** Whether a request path is the app's to answer (a page, a redirect or a build file). */
export function isOwnedPath(pathname: string): boolean {
  return (
    (APP_PAGES as readonly string[]).includes(pathname) ||
    Object.hasOwn(APP_REDIRECTS, pathname) ||
    pathname.startsWith(ASSET_PREFIX)
  );
}

/** Whether a path is one of the app's pages (in-app navigation) rather than Coder's (full load). */
export function isAppPage(pathname: string): pathname is AppPage {
  return (APP_PAGES as readonly string[]).includes(pathname);
}

/**
 * The canonical path of a near variant of one of the app's pages or redirects: another case or
 * trailing slashes (`/LOGIN`, `/login/`, `/Settings/Security//`). Undefined for the canonical
 * path itself and for anything else. The front doors redirect such a path to the canonical one
 * (query kept), so a typed or pasted variant reaches our page instead of Coder's.
 */
export function nearVariantOf(pathname: string): string | undefined {
  const folded = pathname.replace(/\/+$/, "").toLowerCase();
  if (folded === pathname) return undefined;
  const known = [...APP_PAGES, ...Object.keys(APP_REDIRECTS)];
  return known.find((path) => path === folded);
}
