// Signing in and out, who am I, and the public deployment endpoints.
import { validatePassword } from "../../src/password/index.ts";
import { type Ctx, error, json, now, setCookie } from "../context.ts";
import { SESSION_COOKIE, SESSION_COOKIE_MAX_AGE } from "../cookies.ts";
import { goQuote } from "../go-json.ts";
import { readJsonValue, readStruct } from "../http-read.ts";
import {
  createUser,
  findUserByEmail,
  issueApiKey,
  type MockUser,
  passwordMatches,
  rbacResource,
  rbacSubject,
  userCount,
  userJson,
  userObject,
} from "../model.ts";
import { authorize, evaluateAuthcheck } from "../rbac.ts";
import { hashSecret } from "../secrets.ts";
import { DEFAULT_ORG, DEPLOYMENT_ID, type LoginType, MOCK_VERSION } from "../seed.ts";
import { CreateFirstUserRequest, LoginWithPasswordRequest } from "../structs.ts";

export const RESOURCE_NOT_FOUND = "Resource not found or you do not have access to this resource";

/**
 * coderd's loginRequest, shared by POST /users/login and convert-login: one password comparison
 * for every case (unknown email and users without a password included), and only then the
 * deployment and account checks.
 */
export function loginRequest(
  ctx: Ctx,
  email: string,
  password: string,
): { ok: true; user: MockUser } | { ok: false; response: Response } {
  const { state, config } = ctx.env;
  const user = findUserByEmail(state, email);
  const fail = (status: number, message: string) => ({
    ok: false as const,
    response: error(ctx, status, { message }),
  });
  if (!passwordMatches(user, password) || !user) return fail(401, "Incorrect email or password.");
  if (!config.passwordAuth) return fail(403, "Password authentication is disabled.");
  if (user.loginType !== "password") {
    return fail(
      403,
      `Incorrect login type, attempting to use ${goQuote("password")} but user is of login type ${goQuote(user.loginType)}`,
    );
  }
  if (user.status === "dormant") user.status = "active";
  if (user.status !== "active") {
    return fail(
      401,
      `Your account is ${user.status}. Contact an admin to reactivate your account.`,
    );
  }
  return { ok: true, user };
}

/** createAPIKey + http.SetCookie: the session cookie carries the same token as the body. */
export function startSession(ctx: Ctx, user: MockUser, loginType: LoginType): string {
  const t = now(ctx);
  const { token } = issueApiKey(
    ctx.env.state,
    user,
    loginType,
    t,
    ctx.env.config.sessionDurationMs,
  );
  user.lastSeenAt = t;
  setCookie(ctx, {
    name: SESSION_COOKIE,
    value: token,
    path: "/",
    maxAge: SESSION_COOKIE_MAX_AGE,
    httpOnly: true,
    sameSite: "Lax",
  });
  return token;
}

export async function postLogin(ctx: Ctx): Promise<Response> {
  const body = await readStruct(ctx.request, LoginWithPasswordRequest);
  if (!body.ok) return error(ctx, body.status, body.body);
  const login = loginRequest(ctx, body.value.email as string, body.value.password as string);
  if (!login.ok) return login.response;
  const token = startSession(ctx, login.user, "password");
  return json(ctx, 201, { session_token: token });
}

export function postLogout(ctx: Ctx): Response {
  setCookie(ctx, { name: SESSION_COOKIE, value: "", path: "/", maxAge: -1, sameSite: "Lax" });
  if (ctx.key) ctx.env.state.apiKeys.delete(ctx.key.id);
  return json(ctx, 200, { message: "Logged out!" });
}

export function getUser(ctx: Ctx): Response {
  const { state } = ctx.env;
  const target = ctx.target as MockUser;
  const me = ctx.user as MockUser;
  if (
    target.id !== me.id &&
    authorize(rbacSubject(state, me), "read", userObject(target)) !== true
  ) {
    return error(ctx, 404, { message: RESOURCE_NOT_FOUND });
  }
  return json(ctx, 200, userJson(state, target));
}

export function getLoginType(ctx: Ctx): Response {
  const target = ctx.target as MockUser;
  if (target.id !== ctx.user?.id) {
    return error(ctx, 403, { message: "You are not authorized to view this user's login type." });
  }
  return json(ctx, 200, { login_type: target.loginType });
}

export function getAuthMethods(ctx: Ctx): Response {
  const c = ctx.env.config;
  return json(ctx, 200, {
    ...(c.termsOfServiceUrl ? { terms_of_service_url: c.termsOfServiceUrl } : {}),
    password: { enabled: c.passwordAuth },
    github: { enabled: c.github, default_provider_configured: c.github && c.githubDefaultProvider },
    oidc: {
      enabled: c.oidc,
      signInText: c.oidc ? c.oidcSignInText : "",
      iconUrl: c.oidc ? c.oidcIconUrl : "",
    },
  });
}

export function getBuildInfo(ctx: Ctx): Response {
  return json(ctx, 200, {
    external_url: `https://github.com/coder/coder/releases/tag/${MOCK_VERSION.replace(/-mock$/, "")}`,
    version: MOCK_VERSION,
    dashboard_url: ctx.url.origin,
    telemetry: false,
    workspace_proxy: false,
    agent_api_version: "2.7",
    provisioner_api_version: "1.10",
    upgrade_message: "",
    deployment_id: DEPLOYMENT_ID,
  });
}

export function getFirstUser(ctx: Ctx): Response {
  return userCount(ctx.env.state) > 0
    ? json(ctx, 200, { message: "The initial user has already been created!" })
    : error(ctx, 404, { message: "The initial user has not been created!" });
}

/** What the trial generator reports from a deployment that cannot reach Coder's licensor. */
const LICENSOR_UNREACHABLE =
  'perform license request: Post "https://v2-licensor.coder.com/trial": dial tcp: lookup v2-licensor.coder.com: no such host';

/**
 * postFirstUser: the body is read and validated first, then a deployment that has any user
 * refuses (409), then the password rule, then (with `trial`, on a build that has the trial
 * generator) the licensor is asked for a trial licence, then the owner account is created in the
 * default organization. `trial_info` is only type-checked: Coder passes it to the licensor as is. No session comes with it: the caller signs in next.
 */
export async function postFirstUser(ctx: Ctx): Promise<Response> {
  const body = await readStruct(ctx.request, CreateFirstUserRequest);
  if (!body.ok) return error(ctx, body.status, body.body);
  const { state } = ctx.env;
  if (userCount(state) !== 0) {
    return error(ctx, 409, { message: "The initial user has already been created." });
  }
  const password = body.value.password as string;
  const verdict = validatePassword(password);
  if (!verdict.valid) {
    return error(ctx, 400, {
      message: "Password is invalid",
      validations: [{ field: "password", detail: verdict.details }],
    });
  }
  // The trial comes before the account: a licensor failure leaves the deployment without users.
  if (body.value.trial === true && ctx.env.config.firstUserTrial !== "unavailable") {
    if (ctx.env.config.firstUserTrial === "licensor-error") {
      return error(ctx, 500, { message: "Failed to generate trial", detail: LICENSOR_UNREACHABLE });
    }
    state.license = { trial: true, issuedAt: now(ctx) };
  }
  const user = createUser(
    state,
    {
      email: body.value.email as string,
      username: body.value.username as string,
      name: body.value.name as string,
      loginType: "password",
      hashedPassword: hashSecret(password),
      roles: ["owner"],
    },
    now(ctx),
  );
  return json(ctx, 201, { user_id: user.id, organization_id: DEFAULT_ORG.id });
}

/** Keys made for `coder login` last a week, whatever the deployment's session lifetime. */
const CLI_KEY_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * postAPIKey (`POST /users/{user}/keys`): a new session token for the CLI. Unlike sign-in it sets
 * no cookie, so signing out of the browser leaves the CLI signed in. Creating one for someone
 * else takes `create` on their api_key resource; without it the database layer refuses, which
 * coderd reports as a failure to create the key.
 */
export function postApiKey(ctx: Ctx): Response {
  const { state } = ctx.env;
  const target = ctx.target as MockUser;
  const me = ctx.user as MockUser;
  const object = { type: "api_key", owner: target.id, orgOwner: "", anyOrg: false };
  if (target.id !== me.id && authorize(rbacSubject(state, me), "create", object) !== true) {
    return error(ctx, 500, {
      message: "Failed to create API key.",
      detail: "insert API key: unauthorized: rbac: forbidden",
    });
  }
  const { token } = issueApiKey(state, target, "password", now(ctx), CLI_KEY_LIFETIME_MS);
  return json(ctx, 201, { key: token });
}

export async function postAuthcheck(ctx: Ctx): Promise<Response> {
  const body = await readJsonValue(ctx.request);
  if (!body.ok) return error(ctx, body.status, body.body);
  const { state } = ctx.env;
  const result = evaluateAuthcheck(
    rbacSubject(state, ctx.user as MockUser),
    body.value,
    (type, id) => rbacResource(state, type, id),
  );
  return json(ctx, result.status, result.body);
}
