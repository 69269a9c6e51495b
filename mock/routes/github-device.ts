// GitHub sign-in through the device flow, as Coder runs it with its default GitHub app
// (`/__mock/config {"githubDefaultProvider": true}`):
//
// 1. The sign-in button still goes to the GitHub callback; without a code, Coder sets the
//    oauth_state / oauth_redirect / oauth_pkce_verifier cookies as usual but sends the browser to
//    its own page, /login/device?state=… (GithubOAuth2Config.AuthCodeURL in coderd/userauth.go).
// 2. That page asks GET /users/oauth2/github/device for a code (userOAuth2GithubDevice), shows the
//    user code and a link to GitHub's verification page (here the mock's, ../github-device-page.ts).
// 3. It polls GET /users/oauth2/github/callback?code=<device_code>&state=<state>. Coder trades the
//    device code with GitHub (GithubOAuth2Config.Exchange → ExchangeDeviceCode) and writes GitHub's
//    error code as the detail (httpmw.ExtractOAuth2): "authorization_pending" is a 400, anything
//    else ("slow_down", "expired_token", "access_denied", …) a 500. Once GitHub hands out a
//    token, the usual sign-in runs and the answer is 200 {"redirect_url": …} with the session
//    cookie instead of a 307, and its failures are JSON, never Coder's static error page.
import { randomBytes, randomInt } from "node:crypto";
import { type Ctx, error, json, now, redirect, requestCookie, setCookie } from "../context.ts";
import { OAUTH_PKCE_COOKIE, OAUTH_REDIRECT_COOKIE, OAUTH_STATE_COOKIE } from "../cookies.ts";
import { goQuote } from "../go-json.ts";
import type { MockState } from "../model.ts";
import { safeRedirectPath } from "../redirect.ts";
import { randomAlnum } from "../secrets.ts";
import { oauthCallback, oauthLogin } from "./oauth.ts";

/** GitHub's answers to POST /login/device/code. */
export const DEVICE_CODE_LIFETIME_S = 900;
export const DEVICE_POLL_INTERVAL_S = 5;
/** RFC 8628 §3.5: every slow_down adds five seconds to the interval, for good. */
const SLOW_DOWN_STEP_MS = 5_000;
/** The mock's stand-in for https://github.com/login/device. */
export const VERIFICATION_PATH = "/__mock/github/login/device";

export type DeviceGrantStatus = "pending" | "authorized" | "denied";

export interface DeviceGrant {
  deviceCode: string;
  /** XXXX-XXXX */
  userCode: string;
  expiresAt: number;
  intervalMs: number;
  lastPolledAt: number | undefined;
  status: DeviceGrantStatus;
  /** The identity's primary verified email once authorized. */
  email: string;
}

// GitHub's records, not Coder's: kept beside the model so that reset(), which replaces the
// state object, forgets them too.
const grantsByState = new WeakMap<MockState, Map<string, DeviceGrant>>();

export function deviceGrants(state: MockState): Map<string, DeviceGrant> {
  let grants = grantsByState.get(state);
  if (!grants) {
    grants = new Map();
    grantsByState.set(state, grants);
  }
  return grants;
}

/** RFC 8628 §6.1's alphabet: no vowels (no words) and nothing that looks like a digit. */
const USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";

function newUserCode(grants: Map<string, DeviceGrant>): string {
  for (;;) {
    let raw = "";
    for (let i = 0; i < 8; i++) raw += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
    const code = `${raw.slice(0, 4)}-${raw.slice(4)}`;
    if (![...grants.values()].some((g) => g.userCode === code)) return code;
  }
}

/** What a person types may be lower case, spaced, or missing the dash. */
export function findGrantByUserCode(state: MockState, typed: string): DeviceGrant | undefined {
  const wanted = typed.toUpperCase().replace(/[\s-]/g, "");
  if (wanted.length !== 8) return undefined;
  for (const grant of deviceGrants(state).values()) {
    if (grant.userCode.replace("-", "") === wanted) return grant;
  }
  return undefined;
}

/** Grants long past their expiry can go; recent ones still answer expired_token. */
function prune(grants: Map<string, DeviceGrant>, t: number): void {
  for (const [code, grant] of grants) {
    if (grant.expiresAt + 60 * 60 * 1000 < t) grants.delete(code);
  }
}

/** GET /users/oauth2/github/device */
export function getGithubDevice(ctx: Ctx): Response {
  const { config, state } = ctx.env;
  if (!config.github) return error(ctx, 400, { message: "Github OAuth2 is not enabled." });
  if (!config.githubDefaultProvider) {
    return error(ctx, 400, { message: "Device flow is not enabled for Github OAuth2." });
  }
  const grants = deviceGrants(state);
  const t = now(ctx);
  prune(grants, t);
  const grant: DeviceGrant = {
    deviceCode: randomBytes(20).toString("hex"),
    userCode: newUserCode(grants),
    expiresAt: t + DEVICE_CODE_LIFETIME_S * 1000,
    intervalMs: DEVICE_POLL_INTERVAL_S * 1000,
    lastPolledAt: undefined,
    status: "pending",
    email: "",
  };
  grants.set(grant.deviceCode, grant);
  // codersdk.ExternalAuthDevice, in its field order.
  return json(ctx, 200, {
    device_code: grant.deviceCode,
    user_code: grant.userCode,
    verification_uri: `${ctx.url.origin}${VERIFICATION_PATH}`,
    expires_in: DEVICE_CODE_LIFETIME_S,
    interval: DEVICE_POLL_INTERVAL_S,
  });
}

type Exchange = { ok: true; email: string } | { ok: false; error: string };

/** GitHub's POST /login/oauth/access_token with grant_type=device_code. */
export function exchangeDeviceCode(ctx: Ctx, deviceCode: string): Exchange {
  const grants = deviceGrants(ctx.env.state);
  const grant = grants.get(deviceCode);
  const t = now(ctx);
  if (!grant) return { ok: false, error: "incorrect_device_code" };
  if (t >= grant.expiresAt) return { ok: false, error: "expired_token" };
  const previous = grant.lastPolledAt;
  grant.lastPolledAt = t;
  if (previous !== undefined && t - previous < grant.intervalMs) {
    grant.intervalMs += SLOW_DOWN_STEP_MS;
    return { ok: false, error: "slow_down" };
  }
  if (grant.status === "denied") return { ok: false, error: "access_denied" };
  if (grant.status === "pending") return { ok: false, error: "authorization_pending" };
  // A device code buys one token.
  grants.delete(deviceCode);
  return { ok: true, email: grant.email };
}

const redirectFlow = oauthCallback("github");

/** GET /users/oauth2/github/callback: the device flow when the default provider is on. */
export function githubCallback(ctx: Ctx): Response {
  const { config } = ctx.env;
  const query = ctx.url.searchParams;
  // Both flows check "configured?" and the provider's ?error= the same way, before anything else.
  if (!config.githubDefaultProvider || !config.github || (query.get("error") ?? "") !== "") {
    return redirectFlow(ctx);
  }

  const code = query.get("code") ?? "";
  const state = query.get("state") ?? "";
  const requested = query.get("redirect") ?? "";
  let redirectTo = requested === "" ? "" : safeRedirectPath(requested);
  if (code === "") return startDeviceFlow(ctx, redirectTo);

  if (state === "") return error(ctx, 400, { message: "State must be provided." });
  const stateCookie = requestCookie(ctx, OAUTH_STATE_COOKIE);
  if (stateCookie === undefined) {
    return error(ctx, 401, { message: `Cookie ${goQuote(OAUTH_STATE_COOKIE)} must be provided.` });
  }
  if (stateCookie !== state) return error(ctx, 401, { message: "State mismatched." });
  const redirectCookie = requestCookie(ctx, OAUTH_REDIRECT_COOKIE);
  if (redirectCookie !== undefined) redirectTo = redirectCookie;
  if (requestCookie(ctx, OAUTH_PKCE_COOKIE) === undefined) {
    return error(ctx, 400, { message: "PKCE challenge must be provided." });
  }

  const exchange = exchangeDeviceCode(ctx, code);
  if (!exchange.ok) {
    return error(ctx, exchange.error === "authorization_pending" ? 400 : 500, {
      message: "Failed exchanging Oauth code.",
      detail: exchange.error,
    });
  }

  // The page renders failures itself, so the sign-in's errors are JSON, never Coder's static
  // error page; a success becomes the page's redirect_url.
  const answer = oauthLogin(ctx, "github", exchange.email, state, redirectTo, false);
  if (answer.status !== 307) return answer;
  return json(ctx, 200, { redirect_url: answer.headers.get("location") ?? "/" });
}

/** ExtractOAuth2 without a code: the same cookies as ever, then Coder's own device page. */
function startDeviceFlow(ctx: Ctx, redirectTo: string): Response {
  const mergeState = ctx.url.searchParams.get("oidc_merge_state") ?? "";
  const state = mergeState !== "" ? mergeState : randomAlnum(32);
  const cookie = { path: "/", httpOnly: true, sameSite: "Lax" } as const;
  setCookie(ctx, { name: OAUTH_STATE_COOKIE, value: state, ...cookie });
  setCookie(ctx, { name: OAUTH_REDIRECT_COOKIE, value: redirectTo, ...cookie });
  setCookie(ctx, { name: OAUTH_PKCE_COOKIE, value: randomAlnum(43), ...cookie });
  return redirect(ctx, `/login/device?state=${state}`, 307);
}
