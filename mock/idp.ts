// The fake identity provider behind the GitHub and OIDC callbacks: a page to pick who to be, and
// an authorize step that hands the browser back to Coder's callback with a one-time code.
import { type Ctx, htmlDocument, now, redirect } from "./context.ts";
import { html, page } from "./html.ts";
import { CALLBACK_PATHS, type Provider } from "./routes/oauth.ts";
import { randomAlnum } from "./secrets.ts";
import { EXTRA_IDENTITIES } from "./seed.ts";

const CODE_VALIDITY_MS = 10 * 60 * 1000;

function providerName(ctx: Ctx, provider: Provider): string {
  return provider === "github" ? "GitHub" : ctx.env.config.oidcSignInText || "OpenID Connect";
}

function identities(ctx: Ctx): Array<{ email: string; name: string }> {
  const out: Array<{ email: string; name: string }> = [];
  for (const user of ctx.env.state.users.values()) {
    if (!user.deleted) out.push({ email: user.email, name: user.name });
  }
  for (const email of EXTRA_IDENTITIES) {
    if (!out.some((i) => i.email.toLowerCase() === email)) out.push({ email, name: "" });
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
  const choose = (email: string) =>
    `/__mock/idp/${provider}/choose?${new URLSearchParams({ state, code_challenge: challenge, redirect_uri: callback, email })}`;
  const cancel = `${callback}?${new URLSearchParams({
    error: "access_denied",
    error_description: "The user cancelled the sign-in at the identity provider.",
    state,
  })}`;
  return htmlDocument(
    ctx,
    200,
    page(
      `Sign in with ${name} (mock identity provider)`,
      html`<main>
<h1>Sign in with ${name}</h1>
<p>This is the mock identity provider of the development server. Choose the account to continue as; Coder matches it to a user by email.</p>
<ul>
${identities(ctx).map(
  (i) =>
    html`<li><a href="${choose(i.email)}">Continue as ${i.email}</a>${i.name ? html` (${i.name})` : ""}</li>\n`,
)}</ul>
<p><a href="${cancel}">Cancel and return to Coder</a></p>
</main>`,
    ),
  );
}

export function idpChoose(ctx: Ctx, provider: Provider): Response {
  const q = ctx.url.searchParams;
  const email = q.get("email") ?? "";
  const callback = callbackFor(provider, q.get("redirect_uri"));
  const code = randomAlnum(40);
  ctx.env.state.oauthCodes.set(code, {
    provider,
    email,
    codeChallenge: q.get("code_challenge") ?? "",
    expiresAt: now(ctx) + CODE_VALIDITY_MS,
  });
  const back = new URLSearchParams({ code, state: q.get("state") ?? "" });
  return redirect(ctx, `${callback}?${back}`, 303);
}
