// What Coder's own page handler writes into every page it renders, read from one of those pages.
//
// The app's pages are static files, so nothing of the deployment is in them. Coder's page handler
// (site.go, renderHTMLWithState) renders its index.html for any path it owns, with:
//   <meta property="csrf-token" content="…">        the browser's CSRF token (nosurf), always;
//   <meta name="application-name" content="…">     the deployment's name, "Coder" when unset;
//   <meta property="logo-url" content="…">          the deployment's logo URL, empty when unset.
// The last two are there for signed-out visitors too, whereas GET /api/v2/appearance answers
// them 401. One same-origin GET of such a page therefore gives a signed-out page its branding and
// a signed-in page its CSRF token: callers share that one request (loadCoderPage).
//
// The page is only ever parsed into an inert document and read attribute by attribute; nothing
// of it is rendered, and its scripts never run.
import { queryOptions } from "@tanstack/react-query";
import { queryKeys } from "./keys.ts";

/**
 * A page Coder renders for anyone, signed in or not, without side effects (Coder's dashboard
 * start page: served as-is, it moves on in the browser, which a fetch never does).
 */
const CODER_PAGE_PATH = "/";

/** Give up on the page after this long: it only decorates, nothing waits on it for long. */
const CODER_PAGE_TIMEOUT_MS = 10_000;

/** Coder's page is a few kilobytes; anything this big is not it. */
const MAX_PAGE_CHARS = 1_000_000;

/** What a Coder page says, each value only when present and non-empty. */
export interface CoderPageMeta {
  csrfToken?: string;
  /** The deployment's name; Coder writes "Coder" when none is set. */
  applicationName?: string;
  /** As the owner typed it: check it before use (see lib/external-url.ts). */
  logoUrl?: string;
}

/**
 * Coder's development server leaves the template unrendered (`{{ .ApplicationName }}`); such a
 * value means "nothing set", as it does to Coder's own dashboard.
 */
const isTemplate = (value: string) => value.startsWith("{{");

function metaContent(doc: Document, selector: string): string | undefined {
  const value = doc.head?.querySelector<HTMLMetaElement>(selector)?.content.trim();
  return value && !isTemplate(value) ? value : undefined;
}

/** Reads the values out of a page's markup (parsed inert: no script runs, nothing loads). */
export function readCoderPageMeta(html: string): CoderPageMeta {
  if (typeof DOMParser === "undefined" || html.length > MAX_PAGE_CHARS) return {};
  const doc = new DOMParser().parseFromString(html, "text/html");
  const meta: CoderPageMeta = {};
  const csrfToken = metaContent(doc, 'meta[property="csrf-token"]');
  const applicationName = metaContent(doc, 'meta[name="application-name"]');
  const logoUrl = metaContent(doc, 'meta[property="logo-url"]');
  if (csrfToken !== undefined) meta.csrfToken = csrfToken;
  if (applicationName !== undefined) meta.applicationName = applicationName;
  if (logoUrl !== undefined) meta.logoUrl = logoUrl;
  return meta;
}

/**
 * Fetches Coder's page and reads it. Never rejects: anything that is not a Coder page (an error
 * status, another content type, a network failure, a timeout) reads as a page that says nothing,
 * so callers fall back to their defaults without an error in the console.
 */
export async function fetchCoderPage(): Promise<CoderPageMeta> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), CODER_PAGE_TIMEOUT_MS);
  try {
    const response = await fetch(CODER_PAGE_PATH, {
      headers: { Accept: "text/html" },
      credentials: "same-origin",
      // The token in it is per browser and changes with the cookie: never a cached copy.
      cache: "no-store",
      redirect: "follow",
      signal: controller.signal,
    });
    const type = response.headers.get("Content-Type") ?? "";
    if (!response.ok || !type.includes("text/html")) {
      await response.body?.cancel();
      return {};
    }
    return readCoderPageMeta(await response.text());
  } catch {
    return {};
  } finally {
    clearTimeout(timer);
  }
}

let pending: Promise<CoderPageMeta> | undefined;
let loaded: CoderPageMeta | undefined;

/**
 * The page's values, fetched once per page load however many callers ask (branding, the CSRF
 * token). `fresh`: what we had is out of date (a refused CSRF token): ask Coder again.
 */
export function loadCoderPage(options: { fresh?: boolean } = {}): Promise<CoderPageMeta> {
  if (options.fresh) loaded = undefined;
  if (loaded) return Promise.resolve(loaded);
  if (!pending || options.fresh) {
    const request = fetchCoderPage().then((meta) => {
      if (pending === request) pending = undefined;
      loaded = meta;
      return meta;
    });
    pending = request;
  }
  return pending;
}

/** For pages: the values of Coder's page, through the query cache (one request, then kept). */
export const coderPageQuery = () =>
  queryOptions({
    queryKey: queryKeys.coderPage,
    queryFn: () => loadCoderPage(),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });

/** Tests: forget what was fetched. */
export function resetCoderPage(): void {
  pending = undefined;
  loaded = undefined;
}
