// The fake identity provider behind the GitHub and OIDC callbacks: a page to pick who to be, and
// an authorize step that hands the browser back to Coder's callback with a one-time code. It can
// also send the browser back the ways a real round trip goes wrong, so every failure Coder
// answers can be walked through in a browser.
import { type Ctx, htmlDocument, now, redirect, setCookie } from "./context.ts";
import { OAUTH_STATE_COOKIE } from "./cookies.ts";
import { html, page } from "./html.ts";
import { CALLBACK_PATHS, GITHUB_OUTSIDER, type Provider } from "./routes/oauth.ts";
import { randomAlnum } from "./secrets.ts";
import { EXTRA_IDENTITIES } from "./seed.ts";

const CODE_VALIDITY_MS = 10 * 60 * 1000;

/**
 * Ways back to Coder that make the callback fail, each as a real provider or browser causes it:
 * - `state-mismatch`: the state is not the one this browser started with (another tab, a forged
 *   link);
 * - `no-state`: the provider drops the state parameter;
 * - `lost-state-cookie`: the browser no longer has the state cookie (started in another browser,
 *   cookies cleared, or blocked);
 * - `expired-code`: the code is used after the provider's ten minutes.
 */
const IDP_FAULTS = ["state-mismatch", "no-state", "lost-state-cookie", "expired-code"] as const;
type IdpFault = (typeof IDP_FAULTS)[number];

const FAULT_LABELS: Readonly<Record<IdpFault, string>> = {
  "state-mismatch": "Return with a state that doesn't match this browser's",
  "no-state": "Return without the state parameter",
  "lost-state-cookie": "Return as if the sign-in had started in another browser (no state cookie)",
  "expired-code": "Return with an authorization code that has expired",
};

function providerName(ctx: Ctx, provider: Provider): string {
  return provider === "github" ? "GitHub" : ctx.env.config.oidcSignInText || "OpenID Connect";
}

interface Identity {
  email: string;
  name: string;
  /** What choosing it leads to, for identities that exist to make something fail. */
  note?: string;
}

function identities(ctx: Ctx, provider: Provider): Identity[] {
  const out: Identity[] = [];
  for (const user of ctx.env.state.users.values()) {
    if (user.deleted) continue;
    const identity: Identity = { email: user.email, name: user.name };
    if (user.status === "suspended") identity.note = "suspended in Coder";
    else if (user.loginType !== provider)
      identity.note = `signs in with ${user.loginType} in Coder`;
    out.push(identity);
  }
  for (const email of EXTRA_IDENTITIES) {
    if (out.some((i) => i.email.toLowerCase() === email)) continue;
    const note =
      provider === "github" && email === GITHUB_OUTSIDER
        ? "not in the deployment's GitHub organization"
        : "no Coder account";
    out.push({ email, name: "", note });
  }
  return out;
}

/** Only Coder's own callbacks may receive codes from this provider. */
function callbackFor(provider: Provider, requested: string | null): string {
  return requested === CALLBACK_PATHS[provider] ? requested : CALLBACK_PATHS[provider];
}

export function idpAuthorizePage(ctx: Ctx, provider: Provider): Response {
  const q = ctx.url.searchParams;
  const state = q.get("state") ?? "";
  const challenge = q.get("code_challenge") ?? "";
  const callback = callbackFor(provider, q.get("redirect_uri"));
  const name = providerName(ctx, provider);
  const choose = (email: string, fault?: IdpFault) =>
    `/__mock/idp/${provider}/choose?${new URLSearchParams({
      state,
      code_challenge: challenge,
      redirect_uri: callback,
      email,
      ...(fault ? { fault } : {}),
    })}`;
  // What providers send back when the user says no (RFC 6749 section 4.1.2.1), and when the
  // provider itself fails.
  const cancel = `${callback}?${new URLSearchParams({
    error: "access_denied",
    error_description: "The user cancelled the sign-in at the identity provider.",
    state,
  })}`;
  const providerError = `${callback}?${new URLSearchParams({
    error: "server_error",
    error_description: "The identity provider could not complete the request.",
    error_uri: "https://idp.example/docs/errors#server_error",
    state,
  })}`;
  const people = identities(ctx, provider);
  const first = people.find((i) => !i.note)?.email ?? "";
  return htmlDocument(
    ctx,
    200,
    page(
      `Sign in with ${name} (mock identity provider)`,
      html`<main>
<h1>Sign in with ${name}</h1>
<p>This is the mock identity provider of the development server. Choose the account to continue as; Coder matches it to a user by email.</p>
<ul>
${people.map(
  (i) =>
    html`<li><a href="${choose(i.email)}">Continue as ${i.email}</a>${i.name ? html` (${i.name})` : ""}${i.note ? html` – ${i.note}` : ""}</li>\n`,
)}</ul>
<p><a href="${cancel}">Cancel and return to Coder</a></p>
<h2>Make the sign-in fail</h2>
<ul>
<li><a href="${providerError}">Report an error from the provider</a></li>
${IDP_FAULTS.map((fault) => html`<li><a href="${choose(first, fault)}">${FAULT_LABELS[fault]}</a></li>\n`)}</ul>
</main>`,
    ),
  );
}

export function idpChoose(ctx: Ctx, provider: Provider): Response {
  const q = ctx.url.searchParams;
  const email = q.get("email") ?? "";
  const fault = (IDP_FAULTS as readonly string[]).includes(q.get("fault") ?? "")
    ? (q.get("fault") as IdpFault)
    : undefined;
  const callback = callbackFor(provider, q.get("redirect_uri"));
  const code = randomAlnum(40);
  ctx.env.state.oauthCodes.set(code, {
    provider,
    email,
    codeChallenge: q.get("code_challenge") ?? "",
    expiresAt: fault === "expired-code" ? now(ctx) - 1 : now(ctx) + CODE_VALIDITY_MS,
  });
  let state = q.get("state") ?? "";
  if (fault === "state-mismatch") state = `${state}x`;
  if (fault === "lost-state-cookie") {
    setCookie(ctx, { name: OAUTH_STATE_COOKIE, value: "", path: "/", maxAge: -1 });
  }
  const back = new URLSearchParams(fault === "no-state" ? { code } : { code, state });
  return redirect(ctx, `${callback}?${back}`, 303);
}
