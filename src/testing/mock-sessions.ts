// Sessions in the msw-backed mock Coder, made the way a browser makes them, for component tests
// that start signed in: a password sign-in, a conversion, a round trip through the fake provider.
import type { MockServer } from "../../mock/msw.ts";

const SEEDED_PASSWORD = "SomeSecurePassword!";

const CALLBACKS = {
  github: "/api/v2/users/oauth2/github/callback",
  oidc: "/api/v2/users/oidc/callback",
} as const;

/** The CSRF token in the page's meta tag, as Coder's page handler would render it. */
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
  return token;
}

export async function passwordSession(server: MockServer, email: string) {
  const response = await fetch("/api/v2/users/login", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password: SEEDED_PASSWORD }),
  });
  if (response.status !== 201) throw new Error(`sign-in as ${email}: ${response.status}`);
  withCsrfMeta(server);
}

/** convert-login for the signed-in account; returns the merge state. */
export async function startConversion(server: MockServer, provider: "github" | "oidc") {
  const response = await fetch("/api/v2/users/me/convert-login", {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-CSRF-TOKEN": withCsrfMeta(server) },
    body: JSON.stringify({ to_type: provider, password: SEEDED_PASSWORD }),
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
