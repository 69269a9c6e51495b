// The mock Coder deployment: one Fetch-API handler for /api/v2/*, the fake identity provider and
// /__mock/*, served by the Vite plugin (dev and preview), `npm run mock`, and msw in unit tests.
//
// A request goes through the same layers as in coderd, in the same order:
//   build-version and nosniff headers → CSRF (nosurf) → global rate limit (/api/v2)
//   → route → per-route steps (session, {user}, login-group rate limit) → handler.
import { requireAuth, userParam } from "./auth.ts";
import { createClock } from "./clock.ts";
import {
  type Ctx,
  DEFAULT_CONFIG,
  type Env,
  error,
  type MockConfig,
  plainError,
} from "./context.ts";
import { checkCsrf, csrfForDocument } from "./csrf.ts";
import { dashboardPage } from "./dashboard.ts";
import { handleDevEndpoint } from "./dev-endpoints.ts";
import { apiRateLimit, loginRateLimit } from "./limits.ts";
import type { MockMail } from "./mailbox.ts";
import { type MockState, type SeedUsers, seedState } from "./model.ts";
import { createRateLimiter } from "./rate-limit.ts";
import { realClientIp } from "./realip.ts";
import {
  appearanceRouteExists,
  getAppearance,
  optionalAuth,
  putAppearance,
} from "./routes/appearance.ts";
import {
  getDebugHealth,
  getDeploymentStats,
  getInboxNotifications,
  getTemplateExamples,
  getTemplates,
  getUserAppearance,
  getUserOrganizations,
  getUsers,
  getWorkspaceProxies,
  getWorkspaces,
  putUserAppearance,
} from "./routes/dashboard-api.ts";
import {
  getEntitlements,
  getExperiments,
  getOrganizations,
  getRegions,
  getUpdateCheck,
} from "./routes/deployment.ts";
import { getGithubDevice, githubCallback } from "./routes/github-device.ts";
import { oauthCallback, postConvertLogin } from "./routes/oauth.ts";
import {
  postChangePasswordWithOneTimePasscode,
  postRequestOneTimePasscode,
  postValidatePassword,
  putUserPassword,
} from "./routes/password.ts";
import {
  getAuthMethods,
  getBuildInfo,
  getFirstUser,
  getLoginType,
  getUser,
  postApiKey,
  postAuthcheck,
  postFirstUser,
  postLogin,
  postLogout,
} from "./routes/session.ts";
import { MOCK_VERSION } from "./seed.ts";
import { watchInboxNotifications } from "./websocket.ts";

export type { MockConfig } from "./context.ts";
export { describeSeededAccounts } from "./seed.ts";

export interface MockCoder {
  /**
   * Serves /api/*, the fake identity provider and /__mock/*, and, for every other path, the
   * stand-in for Coder's dashboard (./dashboard.ts). A host in front (dev server, preview) sends
   * the app's own paths to the app first.
   */
  handle(request: Request, meta?: { clientIp?: string }): Promise<Response>;
  /** Whether a URL is under /api or /__mock (the mock's API; every other path is a page). */
  owns(url: URL): boolean;
  /**
   * Seeded state, the initial config, an empty mailbox, no rate-limit history, clock offset 0.
   * `users: "none"` starts a deployment without any user instead (its first visitor sets it up).
   */
  reset(options?: ResetOptions): void;
  advanceClock(ms: number): void;
  /** Every setting back to what the mock started with (`PUT /__mock/config {"reset": true}`). */
  resetConfig(): void;
  /** The mock clock's current time (ms since the epoch), i.e. the source plus every advance. */
  now(): number;
  readonly mail: ReadonlyArray<MockMail>;
  /** Read on every request, so changes apply at once. */
  config: MockConfig;
  /**
   * Whether the host passes WebSocket upgrades to `handleMockUpgrade` (./node-http.ts); the
   * dashboard stand-in opens Coder's inbox socket only then. createMockHttpServer sets it.
   */
  webSockets: boolean;
  /** For an HTML document: the <meta property="csrf-token"> value, and a cookie if none was sent. */
  csrfForDocument(
    cookieHeader: string | null,
    options?: { secure?: boolean },
  ): { token: string; setCookie?: string };
}

interface ResetOptions {
  users?: SeedUsers;
}

export interface CreateMockCoderOptions {
  config?: Partial<MockConfig>;
  onMail?: (mail: MockMail) => void;
  /** The clock's source; Date.now by default. advanceClock() adds to it. */
  now?: () => number;
  /** Called after every reset(), e.g. to clear a test's cookie jar. */
  onReset?: () => void;
}

type Step = (ctx: Ctx) => Response | undefined | Promise<Response | undefined>;
type Handler = (ctx: Ctx) => Response | Promise<Response>;

interface Route {
  method: string;
  segments: string[];
  steps: Step[];
  handler: Handler;
}

function route(method: string, path: string, steps: Step[], handler: Handler): Route {
  return { method, segments: path.split("/").slice(1), steps, handler };
}

// Static paths first: like chi, a path that matches both a static and a {user} route takes the
// static one when it has the method, and falls back to {user} when it does not.
const ROUTES: Route[] = [
  route("GET", "/api/v2/buildinfo", [], getBuildInfo),
  route("GET", "/api/v2/users/first", [], getFirstUser),
  route("POST", "/api/v2/users/first", [], postFirstUser),
  route("GET", "/api/v2/users/authmethods", [], getAuthMethods),
  route("POST", "/api/v2/users/login", [loginRateLimit], postLogin),
  route("POST", "/api/v2/users/logout", [requireAuth], postLogout),
  route("POST", "/api/v2/users/validate-password", [loginRateLimit], postValidatePassword),
  route("POST", "/api/v2/users/otp/request", [loginRateLimit], postRequestOneTimePasscode),
  route(
    "POST",
    "/api/v2/users/otp/change-password",
    [loginRateLimit],
    postChangePasswordWithOneTimePasscode,
  ),
  route("GET", "/api/v2/users/oauth2/github/device", [loginRateLimit], getGithubDevice),
  route("GET", "/api/v2/users/oauth2/github/callback", [loginRateLimit], githubCallback),
  route("GET", "/api/v2/users/oidc/callback", [loginRateLimit], oauthCallback("oidc")),
  route("POST", "/api/v2/authcheck", [requireAuth], postAuthcheck),
  route("GET", "/api/v2/appearance", [appearanceRouteExists, optionalAuth], getAppearance),
  route("PUT", "/api/v2/appearance", [appearanceRouteExists, requireAuth], putAppearance),
  route("GET", "/api/v2/organizations", [requireAuth], getOrganizations),
  route("GET", "/api/v2/entitlements", [requireAuth], getEntitlements),
  route("GET", "/api/v2/experiments", [requireAuth], getExperiments),
  route("GET", "/api/v2/updatecheck", [], getUpdateCheck),
  route("GET", "/api/v2/regions", [requireAuth], getRegions),
  route("GET", "/api/v2/workspaces", [requireAuth], getWorkspaces),
  route("GET", "/api/v2/templates", [requireAuth], getTemplates),
  route("GET", "/api/v2/templates/examples", [requireAuth], getTemplateExamples),
  route("GET", "/api/v2/users", [requireAuth], getUsers),
  route("GET", "/api/v2/workspaceproxies", [requireAuth], getWorkspaceProxies),
  route("GET", "/api/v2/deployment/stats", [requireAuth], getDeploymentStats),
  route("GET", "/api/v2/debug/health", [requireAuth], getDebugHealth),
  route("GET", "/api/v2/notifications/inbox", [requireAuth], getInboxNotifications),
  route("GET", "/api/v2/notifications/inbox/watch", [requireAuth], watchInboxNotifications),
  route("GET", "/api/v2/users/:user", [requireAuth, userParam], getUser),
  route("GET", "/api/v2/users/:user/login-type", [requireAuth, userParam], getLoginType),
  route("GET", "/api/v2/users/:user/appearance", [requireAuth, userParam], getUserAppearance),
  route("PUT", "/api/v2/users/:user/appearance", [requireAuth, userParam], putUserAppearance),
  route("GET", "/api/v2/users/:user/organizations", [requireAuth, userParam], getUserOrganizations),
  route(
    "PUT",
    "/api/v2/users/:user/password",
    [requireAuth, userParam, loginRateLimit],
    putUserPassword,
  ),
  route("POST", "/api/v2/users/:user/convert-login", [requireAuth, userParam], postConvertLogin),
  route("POST", "/api/v2/users/:user/keys", [requireAuth, userParam], postApiKey),
];

type Match =
  | { kind: "found"; route: Route; params: Record<string, string> }
  | { kind: "method"; allow: string[] }
  | { kind: "none" };

function matchRoute(method: string, pathname: string): Match {
  const segments = pathname.split("/").slice(1);
  const allow: string[] = [];
  for (const r of ROUTES) {
    if (r.segments.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = r.segments.every((s, i) => {
      const actual = segments[i] as string;
      if (s.startsWith(":")) {
        if (actual === "") return false;
        params[s.slice(1)] = safeDecode(actual);
        return true;
      }
      return s === actual;
    });
    if (!matches) continue;
    if (r.method === method) return { kind: "found", route: r, params };
    allow.push(r.method);
  }
  return allow.length > 0 ? { kind: "method", allow } : { kind: "none" };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const isDevPath = (p: string) => p === "/__mock" || p.startsWith("/__mock/");
const isApiPath = (p: string) => p === "/api" || p.startsWith("/api/");

export function createMockCoder(options: CreateMockCoderOptions = {}): MockCoder {
  const clock = createClock(options.now);
  const apiLimiter = createRateLimiter(512);
  const loginLimiter = createRateLimiter(60);
  const initialConfig = (): MockConfig => {
    const config = { ...DEFAULT_CONFIG, ...options.config };
    // Arrays are replaced by a change, never edited in place; copy them anyway, so no change
    // can reach the defaults.
    config.proxyTrustedHeaders = [...config.proxyTrustedHeaders];
    config.proxyTrustedOrigins = [...config.proxyTrustedOrigins];
    return config;
  };
  let state: MockState = seedState();

  const mock: MockCoder = {
    config: initialConfig(),
    webSockets: false,
    get mail() {
      return [...state.mail];
    },
    owns(url) {
      return isApiPath(url.pathname) || isDevPath(url.pathname);
    },
    reset(resetOptions = {}) {
      state = seedState(resetOptions.users);
      mock.config = initialConfig();
      apiLimiter.clear();
      loginLimiter.clear();
      clock.reset();
      options.onReset?.();
    },
    advanceClock(ms) {
      clock.advance(ms);
    },
    resetConfig() {
      mock.config = initialConfig();
    },
    now: () => clock.now(),
    csrfForDocument(cookieHeader, csrfOptions) {
      return csrfForDocument(cookieHeader, csrfOptions?.secure ?? false);
    },
    handle,
  };

  const env: Env = {
    get state() {
      return state;
    },
    get config() {
      return mock.config;
    },
    clock,
    apiLimiter,
    loginLimiter,
    sendMail(mail) {
      state.mail.push(mail);
      options.onMail?.(mail);
    },
  };

  async function handle(request: Request, meta: { clientIp?: string } = {}): Promise<Response> {
    const url = new URL(request.url);
    const ctx: Ctx = {
      request,
      url,
      // The TCP peer, or the client a trusted proxy names (httpmw.ExtractRealIP).
      clientIp: realClientIp(
        { headers: mock.config.proxyTrustedHeaders, origins: mock.config.proxyTrustedOrigins },
        meta.clientIp ?? "127.0.0.1",
        request.headers,
      ),
      secure: url.protocol === "https:",
      env,
      headers: new Headers(),
      params: {},
    };
    try {
      if (isDevPath(url.pathname)) return await handleDevEndpoint(ctx, mock);
      if (!isApiPath(url.pathname)) {
        ctx.headers.set("x-content-type-options", "nosniff");
        const method = request.method;
        if (method === "GET" || method === "HEAD") return dashboardPage(ctx, mock.webSockets);
        const headers = new Headers(ctx.headers);
        headers.set("allow", "GET, HEAD");
        return new Response(null, { status: 405, headers });
      }

      ctx.headers.set("x-coder-build-version", MOCK_VERSION);
      ctx.headers.set("x-content-type-options", "nosniff");
      ctx.headers.append("vary", "Cookie");
      const csrf = checkCsrf(request, url, ctx.secure);
      if (csrf.setCookie) ctx.headers.append("set-cookie", csrf.setCookie);
      if (!csrf.ok) return plainError(ctx, 400, csrf.message);

      const limited = apiRateLimit(ctx);
      if (limited) return limited;

      const match = matchRoute(request.method, url.pathname);
      if (match.kind === "none") return error(ctx, 404, { message: "Route not found." });
      if (match.kind === "method") {
        const headers = new Headers(ctx.headers);
        headers.set("allow", match.allow.join(", "));
        return new Response(null, { status: 405, headers });
      }
      ctx.params = match.params;
      for (const step of match.route.steps) {
        const stop = await step(ctx);
        if (stop) return stop;
      }
      return await match.route.handler(ctx);
    } catch (cause) {
      console.error("[mock coder] handler failed", cause);
      return error(ctx, 500, {
        message: "An internal server error occurred.",
        detail: cause instanceof Error ? cause.message : String(cause),
      });
    }
  }

  return mock;
}
