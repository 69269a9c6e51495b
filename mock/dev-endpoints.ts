// /__mock/*: controls for tests, e2e runs and people using the development server.
import {
  type Ctx,
  empty,
  error,
  FIRST_USER_TRIAL_MODES,
  htmlDocument,
  json,
  type MockConfig,
} from "./context.ts";
import { handleGithubDevicePage } from "./github-device-page.ts";
import { readBodyText, readJsonValue } from "./http-read.ts";
import { idpAuthorizePage, idpChoose } from "./idp.ts";
import { mailboxPage } from "./mailbox.ts";
import { findUserByEmail, type SeedUsers } from "./model.ts";
import { invalidOrigin } from "./realip.ts";
import { APPEARANCE_MODES } from "./routes/appearance.ts";
import { describeSeededAccounts } from "./seed.ts";
import { MOCK_STYLESHEET } from "./style.ts";

export interface MockControls {
  reset(options?: { users?: SeedUsers }): void;
  advanceClock(ms: number): void;
  config: MockConfig;
  /** Every setting back to what the mock started with. */
  resetConfig(): void;
}

type ConfigKey = keyof MockConfig;

/** Accepted names for each setting: the MockConfig name and the snake_case one used by Coder's API. */
const CONFIG_KEYS: Record<
  string,
  {
    key: ConfigKey;
    type: "boolean" | "string" | "number" | "string[]";
    values?: readonly string[];
  }
> = {
  passwordAuth: { key: "passwordAuth", type: "boolean" },
  password_auth: { key: "passwordAuth", type: "boolean" },
  github: { key: "github", type: "boolean" },
  oidc: { key: "oidc", type: "boolean" },
  oidcSignInText: { key: "oidcSignInText", type: "string" },
  oidc_sign_in_text: { key: "oidcSignInText", type: "string" },
  oidcIconUrl: { key: "oidcIconUrl", type: "string" },
  oidc_icon_url: { key: "oidcIconUrl", type: "string" },
  termsOfServiceUrl: { key: "termsOfServiceUrl", type: "string" },
  terms_of_service_url: { key: "termsOfServiceUrl", type: "string" },
  rateLimits: { key: "rateLimits", type: "boolean" },
  rate_limits: { key: "rateLimits", type: "boolean" },
  sessionDurationMs: { key: "sessionDurationMs", type: "number" },
  session_duration_ms: { key: "sessionDurationMs", type: "number" },
  githubDefaultProvider: { key: "githubDefaultProvider", type: "boolean" },
  github_default_provider: { key: "githubDefaultProvider", type: "boolean" },
  appearance: { key: "appearance", type: "string", values: APPEARANCE_MODES },
  proxyTrustedHeaders: { key: "proxyTrustedHeaders", type: "string[]" },
  proxy_trusted_headers: { key: "proxyTrustedHeaders", type: "string[]" },
  proxyTrustedOrigins: { key: "proxyTrustedOrigins", type: "string[]" },
  proxy_trusted_origins: { key: "proxyTrustedOrigins", type: "string[]" },
  firstUserTrial: { key: "firstUserTrial", type: "string", values: FIRST_USER_TRIAL_MODES },
  first_user_trial: { key: "firstUserTrial", type: "string", values: FIRST_USER_TRIAL_MODES },
};

const isStringArray = (raw: unknown): raw is string[] =>
  Array.isArray(raw) && raw.every((item) => typeof item === "string");

/** Validates a partial config; null or "" for termsOfServiceUrl removes it. */
function parseConfigPatch(
  value: unknown,
):
  | { ok: true; patch: Partial<MockConfig> & { termsOfServiceUrl?: string | undefined } }
  | { ok: false; message: string } {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, message: "Expected a JSON object with the settings to change." };
  }
  const patch: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(value)) {
    // Handled by the caller before the other settings (see handleDevEndpoint).
    if (name === "reset") continue;
    const spec = CONFIG_KEYS[name];
    if (!spec) return { ok: false, message: `Unknown setting ${JSON.stringify(name)}.` };
    if (spec.key === "termsOfServiceUrl" && (raw === null || raw === "")) {
      patch.termsOfServiceUrl = undefined;
      continue;
    }
    const valid =
      spec.type === "number"
        ? typeof raw === "number" && Number.isFinite(raw) && raw > 0
        : spec.type === "string[]"
          ? isStringArray(raw)
          : typeof raw === spec.type;
    if (!valid) {
      const kind = spec.type === "string[]" ? "an array of strings" : `a ${spec.type}`;
      return { ok: false, message: `Setting ${JSON.stringify(name)} must be ${kind}.` };
    }
    if (spec.key === "proxyTrustedOrigins") {
      const bad = invalidOrigin(raw as string[]);
      if (bad) return { ok: false, message: bad };
    }
    if (spec.values && !spec.values.includes(raw as string)) {
      const allowed = spec.values.map((v) => JSON.stringify(v)).join(", ");
      return { ok: false, message: `Setting ${JSON.stringify(name)} must be one of ${allowed}.` };
    }
    patch[spec.key] = raw;
  }
  return { ok: true, patch: patch as Partial<MockConfig> };
}

function configJson(config: MockConfig): Record<string, unknown> {
  return {
    passwordAuth: config.passwordAuth,
    github: config.github,
    oidc: config.oidc,
    oidcSignInText: config.oidcSignInText,
    oidcIconUrl: config.oidcIconUrl,
    ...(config.termsOfServiceUrl ? { termsOfServiceUrl: config.termsOfServiceUrl } : {}),
    rateLimits: config.rateLimits,
    sessionDurationMs: config.sessionDurationMs,
    githubDefaultProvider: config.githubDefaultProvider,
    appearance: config.appearance,
    proxyTrustedHeaders: config.proxyTrustedHeaders,
    proxyTrustedOrigins: config.proxyTrustedOrigins,
    firstUserTrial: config.firstUserTrial,
  };
}

export async function handleDevEndpoint(ctx: Ctx, controls: MockControls): Promise<Response> {
  const { pathname } = ctx.url;
  const method = ctx.request.method;
  const route = `${method} ${pathname}`;

  const idp = /^\/__mock\/idp\/(github|oidc)(\/choose)?$/.exec(pathname);
  if (idp && (method === "GET" || method === "HEAD")) {
    const provider = idp[1] as "github" | "oidc";
    return idp[2] ? idpChoose(ctx, provider) : idpAuthorizePage(ctx, provider);
  }

  const devicePage = await handleGithubDevicePage(ctx);
  if (devicePage) return devicePage;

  const userPath = /^\/__mock\/users\/([^/]+)$/.exec(pathname);
  if (userPath && (method === "PUT" || method === "PATCH")) {
    return updateUser(ctx, decodeURIComponent(userPath[1] as string));
  }

  switch (route) {
    case "GET /__mock/style.css":
    case "HEAD /__mock/style.css":
      return new Response(method === "HEAD" ? null : MOCK_STYLESHEET, {
        headers: {
          "content-type": "text/css; charset=utf-8",
          "cache-control": "no-cache",
          "x-content-type-options": "nosniff",
        },
      });
    case "POST /__mock/reset": {
      const options = await readResetOptions(ctx.request);
      if (!options.ok) return error(ctx, 400, { message: options.message });
      controls.reset(options.value);
      return empty(ctx, 204);
    }
    case "GET /__mock/mail":
      return json(ctx, 200, ctx.env.state.mail);
    case "GET /__mock":
    case "GET /__mock/":
    case "GET /__mock/mailbox":
    case "HEAD /__mock/mailbox":
      return htmlDocument(ctx, 200, mailboxPage(ctx.env.state.mail, describeSeededAccounts()));
    case "POST /__mock/clock": {
      const body = await readJsonValue(ctx.request);
      if (!body.ok) return error(ctx, body.status, body.body);
      const advance = (body.value as { advance_ms?: unknown } | null)?.advance_ms;
      if (typeof advance !== "number" || !Number.isFinite(advance) || advance < 0) {
        return error(ctx, 400, {
          message: 'Expected {"advance_ms": n} with a number of milliseconds >= 0.',
        });
      }
      controls.advanceClock(advance);
      return empty(ctx, 204);
    }
    case "GET /__mock/config":
      return json(ctx, 200, configJson(controls.config));
    case "PUT /__mock/config":
    case "PATCH /__mock/config": {
      const body = await readJsonValue(ctx.request);
      if (!body.ok) return error(ctx, body.status, body.body);
      const parsed = parseConfigPatch(body.value);
      if (!parsed.ok) return error(ctx, 400, { message: parsed.message });
      // {"reset": true} restores every setting first; settings beside it then apply on top.
      const reset = (body.value as { reset?: unknown }).reset;
      if (reset !== undefined && reset !== true && reset !== false) {
        return error(ctx, 400, { message: 'Setting "reset" must be true (or false).' });
      }
      if (reset === true) controls.resetConfig();
      Object.assign(controls.config, parsed.patch);
      if ("termsOfServiceUrl" in parsed.patch && parsed.patch.termsOfServiceUrl === undefined) {
        delete controls.config.termsOfServiceUrl;
      }
      return json(ctx, 200, configJson(controls.config));
    }
    default:
      return error(ctx, 404, { message: `No mock endpoint ${method} ${pathname}.` });
  }
}

/** No body (or `{}`): the seeded accounts. `{"users": "none"}`: a deployment nobody has set up. */
async function readResetOptions(
  request: Request,
): Promise<{ ok: true; value: { users?: SeedUsers } } | { ok: false; message: string }> {
  const usage = 'Expected no body, or {"users": "seeded" | "none"}.';
  const text = await readBodyText(request);
  if (text === undefined) return { ok: false, message: usage };
  if (text.trim() === "") return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: usage };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return { ok: false, message: usage };
  const { users, ...rest } = value as { users?: unknown };
  if (Object.keys(rest).length > 0) return { ok: false, message: usage };
  if (users === undefined) return { ok: true, value: {} };
  if (users !== "seeded" && users !== "none") return { ok: false, message: usage };
  return { ok: true, value: { users } };
}

const STATUSES = new Set(["active", "dormant", "suspended"]);

/**
 * PUT /__mock/users/{email or id} {"status": "suspended"}: what an admin would do in Coder's
 * dashboard, so that a signed-in user can be suspended (their next request gets the 401 for an
 * inactive user) or made dormant (their next sign-in silently reactivates them).
 */
async function updateUser(ctx: Ctx, who: string): Promise<Response> {
  const { state } = ctx.env;
  const user = state.users.get(who) ?? findUserByEmail(state, who);
  if (!user) return error(ctx, 404, { message: `No user ${JSON.stringify(who)}.` });
  const body = await readJsonValue(ctx.request);
  if (!body.ok) return error(ctx, body.status, body.body);
  const status = (body.value as { status?: unknown } | null)?.status;
  if (typeof status !== "string" || !STATUSES.has(status)) {
    return error(ctx, 400, { message: 'Expected {"status": "active" | "dormant" | "suspended"}.' });
  }
  user.status = status as "active" | "dormant" | "suspended";
  return json(ctx, 200, {
    id: user.id,
    email: user.email,
    status: user.status,
    login_type: user.loginType,
  });
}
