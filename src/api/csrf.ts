// The token Coder's CSRF protection (nosurf) wants in X-CSRF-TOKEN on a request that carries the
// session cookie. Coder writes it into every page its own page handler renders, as
// <meta property="csrf-token">, paired with the browser's HttpOnly csrf_token cookie. The app's
// pages are static files, so the app reads the token from one of Coder's pages itself: one
// same-origin request for Coder's home page (./coder-page.ts), made by a signed-out page for the
// deployment's name and logo or when a signed-in page mounts, kept for the life of the page. No
// deployment step injects anything. (Where a page does carry the meta tag, that is used.)

import { queryOptions } from "@tanstack/react-query";
import {
  CODER_PAGE_PATH,
  loadCoderPage,
  loadedCoderPage,
  pendingCoderPage,
  resetCoderPage,
} from "./coder-page.ts";
import { queryKeys } from "./keys.ts";

/**
 * A page Coder renders for everyone, signed in or not, with the token in it. Read once for the
 * page's branding and its token alike (./coder-page.ts).
 */
export const CSRF_SOURCE_PATH = CODER_PAGE_PATH;

/** The token of the document the app runs in, if the server put one there. */
function documentToken(): string | undefined {
  if (typeof document === "undefined") return undefined;
  const meta = document.querySelector<HTMLMetaElement>('meta[property="csrf-token"]');
  return meta?.content || undefined;
}

/**
 * The token, fetching Coder's page if there is none yet (one request however many callers ask at
 * once, shared with the branding that reads the same page). `fresh`: the one we had was refused;
 * ask Coder again, whatever the page said.
 */
export function loadCsrfToken(options: { fresh?: boolean } = {}): Promise<string | undefined> {
  if (!options.fresh) {
    const known = knownCsrfToken();
    if (known !== undefined) return Promise.resolve(known);
  }
  // A page read already that had no token (Coder was unreachable then) is worth another try.
  const fresh = options.fresh || loadedCoderPage() !== undefined;
  return loadCoderPage({ fresh }).then((meta) => meta.csrfToken);
}

/** A token known already (fetched, or in the page), without asking anyone. */
export function knownCsrfToken(): string | undefined {
  return loadedCoderPage()?.csrfToken ?? documentToken();
}

/**
 * For a request that may need the token: the known one, or the one being fetched right now.
 * A page nobody has read is not fetched from here: signed-out requests are exempt and must not
 * wait for it. A read that came back without a token (Coder was unreachable then) is tried again
 * first: sent bare, the request would only be refused (a 400 in the console) and sent again.
 */
export function csrfTokenForRequest(): Promise<string | undefined> {
  const known = knownCsrfToken();
  if (known !== undefined) return Promise.resolve(known);
  const pending = pendingCoderPage();
  if (pending) return pending.then((meta) => meta.csrfToken);
  if (loadedCoderPage() !== undefined) return loadCsrfToken({ fresh: true });
  return Promise.resolve(undefined);
}

/**
 * For signed-in pages: fetch the token as soon as the page mounts, so no click waits for it.
 * (A token that cannot be had is `null`; a refused request still tries once more.)
 */
export const csrfTokenQuery = () =>
  queryOptions({
    queryKey: queryKeys.csrfToken,
    queryFn: async () => (await loadCsrfToken()) ?? null,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
    retry: false,
  });

/** Tests: forget everything. */
export function resetCsrfToken(): void {
  resetCoderPage();
}
