// Converting a password account to single sign-on, and the GitHub / OIDC callbacks that the fake
// identity provider (../idp.ts) sends the browser back to.
import { createHash } from "node:crypto";
import { lookupApiKey, tokenFromRequest } from "../auth.ts";
import {
  type Ctx,
  error,
  json,
  now,
  redirect,
  requestCookie,
  setCookie,
  withHeaders,
} from "../context.ts";
import {
  CONVERT_COOKIE,
  OAUTH_PKCE_COOKIE,
  OAUTH_REDIRECT_COOKIE,
  OAUTH_STATE_COOKIE,
  SESSION_COOKIE,
} from "../cookies.ts";
import { goQueryEscape, goQuote, goTimeJson } from "../go-json.ts";
import { html, page } from "../html.ts";
import { readStruct } from "../http-read.ts";
import { findUserByEmail, type MockUser } from "../model.ts";
import { safeRedirectPath } from "../redirect.ts";
import { randomAlnum, signJwt, verifyJwt } from "../secrets.ts";
import { DEPLOYMENT_ID } from "../seed.ts";
import { ConvertLoginRequest } from "../structs.ts";
import { loginRequest, startSession } from "./session.ts";

export type Provider = "github" | "oidc";

export const CALLBACK_PATHS: Readonly<Record<Provider, string>> = {
  github: "/api/v2/users/oauth2/github/callback",
  oidc: "/api/v2/users/oidc/callback",
};

const CONVERT_STATE_PREFIX = "convert-";

const GITHUB_NOT_MEMBER = "You aren't a member of the authorized Github organizations!";

/** The mock deployment allows one GitHub organization, and this identity isn't in it. */
export const GITHUB_OUTSIDER = "outsider@coder.com";
const isInAllowedGithubOrg = (email: string) => email.toLowerCase() !== GITHUB_OUTSIDER;
const CONVERT_VALIDITY_MS = 5 * 60 * 1000;

export async function postConvertLogin(ctx: Ctx): Promise<Response> {
  const body = await readStruct(ctx.request, ConvertLoginRequest);
  if (!body.ok) return error(ctx, body.status, body.body);
  const toType = body.value.to_type as string;
  if (toType === "none" || toType === "password" || toType === "token") {
    return error(ctx, 400, { message: `Cannot convert to login type ${goQuote(toType)}.` });
  }
  if (toType !== "github" && toType !== "oidc") {
    return error(ctx, 400, { message: `Unknown login type ${goQuote(toType)}.` });
  }
  // The password is checked against the {user} account, exactly as a sign-in would be.
  const target = ctx.target as MockUser;
  const login = loginRequest(ctx, target.email, body.value.password as string);
  if (!login.ok) return login.response;
  const user = login.user;
  if (user.loginType !== "password") {
    return error(ctx, 400, { message: "User account must have password based authentication." });
  }

  const stateString = `${CONVERT_STATE_PREFIX}${randomAlnum(32)}`;
  const nowSeconds = Math.floor(now(ctx) / 1000);
  const expiry = nowSeconds + CONVERT_VALIDITY_MS / 1000;
  const token = signJwt(
    {
      iss: DEPLOYMENT_ID,
      sub: stateString,
      aud: [user.id],
      exp: expiry,
      nbf: nowSeconds - 1,
      iat: nowSeconds,
      jti: crypto.randomUUID(),
      user_id: user.id,
      state: stateString,
      from_login_type: user.loginType,
      to_login_type: toType,
    },
    ctx.env.state.convertKey,
  );
  setCookie(ctx, {
    name: CONVERT_COOKIE,
    value: token,
    path: "/",
    expires: expiry * 1000,
    httpOnly: true,
    sameSite: "Lax",
  });
  return json(ctx, 201, {
    state_string: stateString,
    expires_at: goTimeJson(expiry * 1000),
    to_type: toType,
    user_id: user.id,
  });
}

/**
 * An idpsync.HTTPError. Those marked RenderStaticPage come back as Coder's static error page
 * (site.RenderStaticErrorPage), whatever the client asked for: HTML with the error's status, a
 * title without the status (HideStatus), and one link, to /login. The others are JSON.
 */
function httpError(
  ctx: Ctx,
  status: number,
  message: string,
  options: { detail?: string; staticPage?: boolean } = {},
): Response {
  if (options.staticPage) {
    return new Response(
      ctx.request.method === "HEAD"
        ? null
        : page(
            message,
            html`<main>
<h1>${message}</h1>
${options.detail ? html`<p>${options.detail}</p>` : ""}
<p><a href="/login">Back to site</a></p>
</main>`,
          ),
      { status, headers: withHeaders(ctx, { "content-type": "text/html; charset=utf-8" }) },
    );
  }
  return error(ctx, status, options.detail ? { message, detail: options.detail } : { message });
}

function pkceChallenge(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

/** ExtractOAuth2 followed by userOAuth2Github / userOIDC and oauthLogin. */
export function oauthCallback(provider: Provider) {
  return (ctx: Ctx): Response => {
    const { config } = ctx.env;
    if (!(provider === "github" ? config.github : config.oidc)) {
      return error(ctx, 400, { message: "The oauth2 method requested is not configured!" });
    }
    const query = ctx.url.searchParams;
    const idpError = query.get("error") ?? "";
    if (idpError !== "") {
      // The provider's description and documentation link are folded into one detail.
      const description = query.get("error_description") ?? "";
      const uri = query.get("error_uri") ?? "";
      let detail = description;
      if (uri !== "")
        detail = description === "" ? `error_uri: ${uri}` : `${description}, error_uri: ${uri}`;
      return error(ctx, 400, {
        message: `Encountered error in oidc process: ${idpError}`,
        ...(detail ? { detail } : {}),
      });
    }
    const code = query.get("code") ?? "";
    const state = query.get("state") ?? "";
    let redirectTo = query.get("redirect") ?? "";
    if (redirectTo !== "") redirectTo = safeRedirectPath(redirectTo);

    if (code === "") return startAuthorization(ctx, provider, redirectTo);

    if (state === "") return error(ctx, 400, { message: "State must be provided." });
    const stateCookie = requestCookie(ctx, OAUTH_STATE_COOKIE);
    if (stateCookie === undefined) {
      return error(ctx, 401, {
        message: `Cookie ${goQuote(OAUTH_STATE_COOKIE)} must be provided.`,
      });
    }
    if (stateCookie !== state) return error(ctx, 401, { message: "State mismatched." });
    const redirectCookie = requestCookie(ctx, OAUTH_REDIRECT_COOKIE);
    if (redirectCookie !== undefined) redirectTo = redirectCookie;
    const verifier = requestCookie(ctx, OAUTH_PKCE_COOKIE);
    if (verifier === undefined) {
      return error(ctx, 400, { message: "PKCE challenge must be provided." });
    }

    // The token exchange, against the fake provider's own records.
    const codes = ctx.env.state.oauthCodes;
    const grant = codes.get(code);
    codes.delete(code);
    if (
      !grant ||
      grant.provider !== provider ||
      grant.expiresAt < now(ctx) ||
      grant.codeChallenge !== pkceChallenge(verifier)
    ) {
      return error(ctx, 500, {
        message: "Failed exchanging Oauth code.",
        detail: 'oauth2: "invalid_grant" "The authorization code is invalid or has expired."',
      });
    }
    // userOAuth2Github checks organization membership first, and answers a non-member with
    // httpmw.CustomRedirectToLogin: http.Redirect with status 401, which browsers don't follow.
    if (provider === "github" && !isInAllowedGithubOrg(grant.email)) {
      const login = `/login?message=${goQueryEscape(GITHUB_NOT_MEMBER)}&redirect=${goQueryEscape(redirectTo)}`;
      return redirect(ctx, login, 401);
    }
    return oauthLogin(ctx, provider, grant.email, state, redirectTo);
  };
}

/** No code yet: remember state, target and PKCE verifier in cookies and go to the provider. */
function startAuthorization(ctx: Ctx, provider: Provider, redirectTo: string): Response {
  // A conversion brings its own state (from convert-login); otherwise a random one.
  const mergeState = ctx.url.searchParams.get("oidc_merge_state") ?? "";
  const state = mergeState !== "" ? mergeState : randomAlnum(32);
  const verifier = randomAlnum(43);
  setCookie(ctx, {
    name: OAUTH_STATE_COOKIE,
    value: state,
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
  });
  setCookie(ctx, {
    name: OAUTH_REDIRECT_COOKIE,
    value: redirectTo,
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
  });
  setCookie(ctx, {
    name: OAUTH_PKCE_COOKIE,
    value: verifier,
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
  });
  const authorize = new URLSearchParams({
    client_id: "coder-mock",
    redirect_uri: CALLBACK_PATHS[provider],
    response_type: "code",
    state,
    code_challenge: pkceChallenge(verifier),
    code_challenge_method: "S256",
  });
  return redirect(ctx, `/__mock/idp/${provider}?${authorize}`, 307);
}

export function oauthLogin(
  ctx: Ctx,
  provider: Provider,
  email: string,
  state: string,
  redirectTo: string,
  /** false in GitHub's device flow, whose page renders the errors itself (always JSON). */
  staticPages = true,
): Response {
  const { state: model } = ctx.env;
  let user = findUserByEmail(model, email);
  let converted = false;

  if (state.startsWith(CONVERT_STATE_PREFIX)) {
    const result = convertUserToOauth(ctx, provider, user, email, state);
    if (!result.ok) return result.response;
    user = result.user;
    converted = true;
    setCookie(ctx, { name: CONVERT_COOKIE, value: "", path: "/", maxAge: -1, secure: false });
  }

  // Signups are off in the mock deployment (coderd's default for GitHub and OIDC).
  if (!user) {
    return httpError(ctx, 403, "Signups are disabled", {
      detail: "Please contact your Coder administrator to request access.",
      staticPage: staticPages,
    });
  }
  if (user.loginType !== provider) {
    const hint =
      user.loginType === "password"
        ? " You can convert your account to use this login type by visiting your account settings."
        : "";
    return httpError(ctx, 403, "Incorrect login type", {
      detail: `Attempting to use login type ${goQuote(provider)}, but the user has the login type ${goQuote(user.loginType)}.${hint}`,
      staticPage: staticPages,
    });
  }
  if (user.status === "dormant") user.status = "active";

  const old = lookupApiKey(model, tokenFromRequest(ctx.request, ctx.url));
  if (converted && old.ok) {
    // A conversion ends the session it was started from: sign in again with the new method.
    model.apiKeys.delete(old.key.id);
    setCookie(ctx, { name: SESSION_COOKIE, value: "", path: "/", maxAge: -1, httpOnly: true });
  } else {
    startSession(ctx, user, provider);
  }
  return redirect(ctx, safeRedirectPath(redirectTo), 307);
}

function convertUserToOauth(
  ctx: Ctx,
  provider: Provider,
  user: MockUser | undefined,
  email: string,
  state: string,
): { ok: true; user: MockUser } | { ok: false; response: Response } {
  const fail = (status: number, message: string) => ({
    ok: false as const,
    response: error(ctx, status, { message }),
  });
  if (!user) {
    return fail(
      400,
      `The oidc account with the email ${goQuote(email)} does not match the email of the account you are trying to convert. Contact your administrator to resolve this issue.`,
    );
  }
  const cookie = requestCookie(ctx, CONVERT_COOKIE);
  if (cookie === undefined) {
    return fail(
      400,
      "Convert to oauth cookie not found. Missing signed jwt to authorize this action. Please try again.",
    );
  }
  const verdict = verifyJwt(cookie, ctx.env.state.convertKey, now(ctx));
  if (!verdict.ok && verdict.kind === "untrusted") {
    return fail(
      400,
      "Using an invalid jwt to authorize this action. Ensure there is only 1 coder deployment and try again.",
    );
  }
  if (!verdict.ok)
    return fail(500, `Error parsing jwt: ${verdict.kind === "error" ? verdict.message : ""}`);
  const claims = verdict.claims;
  if (claims.iss !== DEPLOYMENT_ID) {
    return fail(
      403,
      "Request to convert login type failed. Issuer mismatch. Found a cookie from another coder deployment, please try again.",
    );
  }
  if (claims.state !== state) {
    return fail(403, "Request to convert login type failed. State mismatch.");
  }
  if (
    claims.user_id !== user.id ||
    claims.from_login_type !== user.loginType ||
    claims.to_login_type !== provider
  ) {
    return fail(403, `Request to convert login type from ${user.loginType} to ${provider} failed`);
  }
  // UpdateUserLoginType also clears the password hash: the account has no password any more.
  user.loginType = provider;
  user.hashedPassword = "";
  user.updatedAt = now(ctx);
  return { ok: true, user };
}
