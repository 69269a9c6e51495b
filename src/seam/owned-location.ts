// Which moves of Coder's dashboard must become page loads: those to one of our pages (or a near
// variant of one, or a redirect we own) on this origin.
import { ASSET_PREFIX, isOwnedPath, nearVariantOf } from "../app/owned-routes.ts";

/** The address to load instead of an in-page move to `url`, or undefined for Coder's own. */
export function ownedLocation(url: URL, origin: string): string | undefined {
  if (url.origin !== origin) return undefined;
  const path = nearVariantOf(url.pathname) ?? url.pathname;
  // Our build's files are never pages to move to; only pages and redirects count.
  if (!isOwnedPath(path) || path.startsWith(ASSET_PREFIX)) return undefined;
  return `${path}${url.search}${url.hash}`;
}
