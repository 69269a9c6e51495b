// Shared by the mock's own tests: requests straight into mock.handle(), with a fixed clock.
import { type CreateMockCoderOptions, createMockCoder, type MockCoder } from "./coder.ts";
import { type CookieJar, createCookieJar } from "./cookie-jar.ts";
import { SEEDED_PASSWORD } from "./seed.ts";

export const ORIGIN = "http://localhost:5173";

/** 10 seconds into a minute, so a test's burst of requests stays inside one rate-limit window. */
export const T0 = Date.parse("2026-03-02T10:00:10Z");

export function newMock(options: CreateMockCoderOptions = {}): MockCoder {
  return createMockCoder({ now: () => T0, ...options });
}

export interface CallOptions {
  json?: unknown;
  body?: BodyInit | null;
  headers?: Record<string, string>;
  clientIp?: string;
  origin?: string;
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  cookies: string[];
  json<T = unknown>(): T;
}

export async function call(
  mock: MockCoder,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const headers = new Headers(options.headers);
  let body = options.body ?? null;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers.set("content-type", "application/json");
  }
  const response = await mock.handle(
    new Request(`${options.origin ?? ORIGIN}${path}`, { method, headers, body }),
    { clientIp: options.clientIp ?? "192.0.2.1" },
  );
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    cookies: response.headers.getSetCookie(),
    json: <T>() => JSON.parse(text) as T,
  };
}

/** Signs in over the API and returns the session token. */
export async function signIn(
  mock: MockCoder,
  email: string,
  password = SEEDED_PASSWORD,
): Promise<string> {
  const res = await call(mock, "POST", "/api/v2/users/login", { json: { email, password } });
  if (res.status !== 201) throw new Error(`sign-in as ${email} failed: ${res.status} ${res.text}`);
  return res.json<{ session_token: string }>().session_token;
}

/** Header authentication, which needs no CSRF token. */
export function sessionHeader(token: string): Record<string, string> {
  return { "Coder-Session-Token": token };
}

export function cookieOf(setCookies: readonly string[], name: string): string | undefined {
  const line = setCookies.find((c) => c.startsWith(`${name}=`));
  return line?.slice(name.length + 1).split(";")[0];
}

export interface Browser {
  jar: CookieJar;
  /** A request with the jar's cookies (and the page's CSRF token once a page has been loaded). */
  request(method: string, path: string, options?: CallOptions): Promise<CallResult>;
  /** What loading an app page does: csrf cookie and meta-tag token, like coderd's HTML. */
  loadPage(): void;
}

/** Cookies and the CSRF header handled as a browser running the SPA would. */
export function browserFor(mock: MockCoder): Browser {
  const jar = createCookieJar(() => mock.now());
  let csrfToken: string | undefined;
  const origin = new URL(ORIGIN);
  return {
    jar,
    loadPage() {
      const doc = mock.csrfForDocument(jar.cookieHeader(origin, null));
      if (doc.setCookie) jar.store(origin, [doc.setCookie]);
      csrfToken = doc.token;
    },
    async request(method, path, options = {}) {
      const url = new URL(path, ORIGIN);
      const headers: Record<string, string> = { ...options.headers };
      const cookie = jar.cookieHeader(url, headers.cookie ?? null);
      if (cookie) headers.cookie = cookie;
      if (csrfToken && method !== "GET") headers["x-csrf-token"] ??= csrfToken;
      const res = await call(mock, method, `${url.pathname}${url.search}`, { ...options, headers });
      jar.store(url, res.cookies);
      return res;
    },
  };
}

export const CALLBACKS = {
  github: "/api/v2/users/oauth2/github/callback",
  oidc: "/api/v2/users/oidc/callback",
} as const;

/**
 * A whole single sign-on round trip: the callback without a code, the provider's page, the
 * chosen identity's link, and the callback with the code. Returns every step's response.
 */
export async function ssoFlow(
  browser: Browser,
  provider: "github" | "oidc",
  email: string,
  query: Record<string, string> = {},
  doneHeaders: Record<string, string> = {},
): Promise<{ start: CallResult; page: CallResult; chosen: CallResult; done: CallResult }> {
  return ssoVia(browser, provider, `Continue as ${email}`, query, doneHeaders);
}

/**
 * A round trip that leaves the provider's page through the link with this text (an identity, the
 * Cancel link, or one of the links that make the round trip fail).
 */
export async function ssoVia(
  browser: Browser,
  provider: "github" | "oidc",
  linkText: string,
  query: Record<string, string> = {},
  doneHeaders: Record<string, string> = {},
): Promise<{ start: CallResult; page: CallResult; chosen: CallResult; done: CallResult }> {
  const qs = new URLSearchParams(query).toString();
  const start = await browser.request("GET", `${CALLBACKS[provider]}${qs ? `?${qs}` : ""}`);
  if (start.status !== 307) throw new Error(`callback start: ${start.status} ${start.text}`);
  const page = await browser.request("GET", start.headers.get("location") ?? "", {
    headers: { accept: "text/html" },
  });
  const fromHtml = (text: string) =>
    text
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  const link = [...page.text.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].find(
    (m) => fromHtml(m[2] ?? "") === linkText,
  )?.[1];
  if (!link) throw new Error(`no link "${linkText}" on the provider's page`);
  const href = link.replace(/&amp;/g, "&");
  // Cancel and the provider's own error go straight to the callback; the rest via the provider.
  if (href.startsWith("/api/")) {
    const done = await browser.request("GET", href, { headers: doneHeaders });
    return { start, page, chosen: done, done };
  }
  const chosen = await browser.request("GET", href);
  const done = await browser.request("GET", chosen.headers.get("location") ?? "", {
    headers: doneHeaders,
  });
  return { start, page, chosen, done };
}

/** A GitHub or OIDC session through the fake provider. */
export async function ssoSession(mock: MockCoder, email: string): Promise<string> {
  const browser = browserFor(mock);
  const provider = email.startsWith("oidc") ? "oidc" : "github";
  const { done } = await ssoFlow(browser, provider, email);
  const token = browser.jar.get("coder_session_token");
  if (!token) throw new Error(`SSO sign-in failed: ${done.status} ${done.text}`);
  return token;
}
