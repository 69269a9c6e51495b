// A signed-in browser for component tests against the mock Coder behind msw: the session cookie
// in the mock's jar, and the CSRF token in the page's meta tag, as the server would render it.
// Sessions are made the way a browser makes them: a password sign-in, or a round trip through
// the mock's fake identity provider (which is also how a switch to single sign-on ends).
import type { MockServer } from "../../mock/msw.ts";

export const PASSWORD = "SomeSecurePassword!";

const CALLBACKS = {
  github: "/api/v2/users/oauth2/github/callback",
  oidc: "/api/v2/users/oidc/callback",
} as const;

/** The CSRF token in the page's meta tag, as Coder's page handler would render it. */
export function withCsrfMeta({ mock, cookies }: MockServer): string {
  const page = new URL(window.location.href);
  const { token, setCookie } = mock.csrfForDocument(cookies.cookieHeader(page, null));
  if (setCookie) cookies.store(page, [setCookie]);
  let meta = document.querySelector<HTMLMetaElement>('meta[property="csrf-token"]');
  if (!meta) {
    meta = document.createElement("meta");
    meta.setAttribute("property", "csrf-token");
    document.head.append(meta);
  }
  meta.content = token;
  return token;
}

export async function signInAs(server: MockServer, email: string, password = PASSWORD) {
  // With a session cookie already there (even an expired one), Coder wants the page's token.
  const csrf = document.querySelector<HTMLMetaElement>('meta[property="csrf-token"]')?.content;
  const response = await fetch("/api/v2/users/login", {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(csrf ? { "X-CSRF-TOKEN": csrf } : {}) },
    body: JSON.stringify({ email, password }),
    credentials: "same-origin",
  });
  if (response.status !== 201) throw new Error(`sign-in as ${email} failed: ${response.status}`);
  withCsrfMeta(server);
}

/** Signed in through single sign-on, with the page's CSRF token in place. */
export async function signInWithSso(
  server: MockServer,
  provider: "github" | "oidc",
  email: string,
) {
  const trip = await ssoRoundTrip(provider, email, { redirect: "/" });
  if (trip.status !== 307) throw new Error(`${provider} sign-in as ${email}: ${trip.status}`);
  withCsrfMeta(server);
}

/** convert-login for the signed-in account; returns the merge state. */
export async function startConversion(server: MockServer, provider: "github" | "oidc") {
  const response = await fetch("/api/v2/users/me/convert-login", {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-CSRF-TOKEN": withCsrfMeta(server) },
    body: JSON.stringify({ to_type: provider, password: PASSWORD }),
  });
  if (response.status !== 201) throw new Error(`convert-login: ${response.status}`);
  return ((await response.json()) as { state_string: string }).state_string;
}

/**
 * A round trip through the fake provider as the given identity: callback, provider, callback.
 * Returns the callback's final answer (its Location when it redirects).
 */
export async function ssoRoundTrip(
  provider: "github" | "oidc",
  email: string,
  query: Record<string, string> = {},
) {
  const get = (url: string) => fetch(url, { redirect: "manual" });
  const start = await get(`${CALLBACKS[provider]}?${new URLSearchParams(query)}`);
  const authorize = new URL(start.headers.get("location") ?? "", window.location.href);
  const choose = new URLSearchParams({
    state: authorize.searchParams.get("state") ?? "",
    code_challenge: authorize.searchParams.get("code_challenge") ?? "",
    redirect_uri: authorize.searchParams.get("redirect_uri") ?? "",
    email,
  });
  const chosen = await get(`${authorize.pathname}/choose?${choose}`);
  const back = new URL(chosen.headers.get("location") ?? "", window.location.href);
  const done = await get(back.pathname + back.search);
  return { status: done.status, location: done.headers.get("location") };
}

/** Another tab of the same browser: a channel of its own on the app's session channel. */
export function otherTab() {
  const channel = new BroadcastChannel("coder-auth-ui.session");
  const heard: string[] = [];
  channel.onmessage = (message: MessageEvent) => {
    const event = JSON.parse(String(message.data)).event;
    if (typeof event === "string") heard.push(event);
  };
  return {
    heard,
    say(event: string) {
      channel.postMessage(JSON.stringify({ event, at: Date.now() }));
    },
    close: () => channel.close(),
  };
}
