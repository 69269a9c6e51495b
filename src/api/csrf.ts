// The token Coder's CSRF protection (nosurf) wants in X-CSRF-TOKEN on a request that carries the
// session cookie. Coder writes it into every page its own page handler renders, as
// <meta property="csrf-token">, paired with the browser's HttpOnly csrf_token cookie. The app's
// pages are static files, so the app reads the token from one of Coder's pages itself: one
// same-origin request for Coder's home page, started when a signed-in page mounts, kept for the
// life of the page. No deployment step injects anything. (Where a page does carry the meta tag,
// as in development, that is used and nothing is fetched.)

import { queryOptions } from "@tanstack/react-query";
import { queryKeys } from "./keys.ts";

/** A page Coder renders for everyone, signed in or not, with the token in it. */
export const CSRF_SOURCE_PATH = "/";

/** Give up on the page after this long; the request then goes without a token (and says so). */
export const CSRF_FETCH_TIMEOUT_MS = 10_000;

/** Pages are small; anything bigger is not the page we are after. */
const MAX_PAGE_CHARS = 1_000_000;

let fetched: string | undefined;
let pending: Promise<string | undefined> | undefined;

function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === "#") {
      const code =
        entity[1] === "x" || entity[1] === "X"
          ? Number.parseInt(entity.slice(2), 16)
          : Number.parseInt(entity.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return named[entity.toLowerCase()] ?? whole;
  });
}

/**
 * The token in a page's `<meta property="csrf-token" content="…">`, entity-decoded (Go's
 * html/template writes "+" as "&#43;"). Attribute order and quoting do not matter. The page is
 * only read for this one attribute, never rendered.
 */
export function extractCsrfMeta(html: string): string | undefined {
  for (const [tag] of html.matchAll(/<meta\b[^>]*>/gi)) {
    const attributes = new Map<string, string>();
    for (const m of tag.matchAll(/([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
      attributes.set((m[1] as string).toLowerCase(), m[2] ?? m[3] ?? m[4] ?? "");
    }
    if (attributes.get("property") === "csrf-token") {
      const content = attributes.get("content");
      return content ? decodeEntities(content) : undefined;
    }
  }
  return undefined;
}

/** The token of the document the app runs in, if the server put one there. */
function documentToken(): string | undefined {
  if (typeof document === "undefined") return undefined;
  const meta = document.querySelector<HTMLMetaElement>('meta[property="csrf-token"]');
  return meta?.content || undefined;
}

async function fetchToken(): Promise<string | undefined> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), CSRF_FETCH_TIMEOUT_MS);
  try {
    const response = await fetch(CSRF_SOURCE_PATH, {
      headers: { Accept: "text/html" },
      credentials: "same-origin",
      cache: "no-store",
      signal: controller.signal,
    });
    if (!response.ok || !(response.headers.get("Content-Type") ?? "").includes("text/html")) {
      await response.body?.cancel();
      return undefined;
    }
    const text = await response.text();
    return text.length > MAX_PAGE_CHARS ? undefined : extractCsrfMeta(text);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The token, fetching it if there is none yet (one request however many callers ask at once).
 * `fresh`: the one we had was refused; ask Coder again, whatever the page says.
 */
export function loadCsrfToken(options: { fresh?: boolean } = {}): Promise<string | undefined> {
  if (!options.fresh) {
    const known = knownCsrfToken();
    if (known !== undefined) return Promise.resolve(known);
  } else {
    fetched = undefined;
  }
  if (!pending || options.fresh) {
    const request = fetchToken().then((token) => {
      if (pending === request) pending = undefined;
      if (token !== undefined) fetched = token;
      return token;
    });
    pending = request;
  }
  return pending;
}

/** A token known already (fetched, or in the page), without asking anyone. */
export function knownCsrfToken(): string | undefined {
  return fetched ?? documentToken();
}

/**
 * For a request that may need the token: the known one, or the one being fetched right now.
 * Nothing is fetched from here: signed-out requests are exempt and must not wait for a page.
 */
export function csrfTokenForRequest(): Promise<string | undefined> {
  const known = knownCsrfToken();
  if (known !== undefined) return Promise.resolve(known);
  return pending ?? Promise.resolve(undefined);
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
  fetched = undefined;
  pending = undefined;
}
