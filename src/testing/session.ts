// A signed-in browser for component tests against the mock Coder behind msw: the session cookie
// in the mock's jar, and the CSRF token in the page's meta tag, as the server would render it.
import type { MockServer } from "../../mock/msw.ts";

export const PASSWORD = "SomeSecurePassword!";

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

/**
 * Single sign-on through the mock's identity provider, as a browser walks it: the callback sends
 * us to the provider, we pick the identity, the provider sends us back with a code.
 */
export async function signInWithSso(
  server: MockServer,
  provider: "github" | "oidc",
  email: string,
) {
  const callback =
    provider === "github" ? "/api/v2/users/oauth2/github/callback" : "/api/v2/users/oidc/callback";
  const hop = async (url: string) => {
    const response = await fetch(url, { redirect: "manual", credentials: "same-origin" });
    const location = response.headers.get("location");
    if (response.status < 300 || response.status > 399 || !location)
      throw new Error(`${url}: expected a redirect, got ${response.status}`);
    return new URL(location, window.location.href);
  };
  const authorize = await hop(`${callback}?redirect=%2F`);
  const choose = new URLSearchParams({
    state: authorize.searchParams.get("state") ?? "",
    code_challenge: authorize.searchParams.get("code_challenge") ?? "",
    redirect_uri: authorize.searchParams.get("redirect_uri") ?? "",
    email,
  });
  const back = await hop(`${authorize.pathname}/choose?${choose}`);
  await hop(back.pathname + back.search);
  withCsrfMeta(server);
}

/** The page as Coder serves it: with a CSRF token in a meta tag (and its cookie in the jar). */
export function withCsrfMeta({ mock, cookies }: MockServer) {
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
