// httpmw.ExtractAPIKey and httpmw.ExtractUserParam.
import { type Ctx, error, now } from "./context.ts";
import { cookieValue, SESSION_COOKIE } from "./cookies.ts";
import { goQuote, goTimeString } from "./go-json.ts";
import { type ApiKey, findUserByUsername, type MockState, type MockUser } from "./model.ts";
import { parseUuid } from "./rbac.ts";
import { constantTimeEqual, sha256 } from "./secrets.ts";

const SIGNED_OUT =
  "You are signed out or your session has expired. Please sign in again to continue.";

const HOUR = 60 * 60 * 1000;

/**
 * APITokenFromRequest: cookie, then ?coder_session_token=, then the Coder-Session-Token header,
 * then `Authorization: Bearer`, then ?access_token=. Empty values do not count.
 */
export function tokenFromRequest(request: Request, url: URL): string {
  const cookie = cookieValue(request.headers.get("cookie"), SESSION_COOKIE);
  if (cookie) return cookie;
  const query = url.searchParams.get(SESSION_COOKIE);
  if (query) return query;
  const header = request.headers.get("coder-session-token");
  if (header) return header;
  const bearer = /^bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1]?.trim();
  if (bearer) return bearer;
  return url.searchParams.get("access_token") ?? "";
}

type KeyLookup = { ok: true; key: ApiKey } | { ok: false; detail: string };

/** APIKeyFromRequest: format, then the key's id, then its secret (constant time). */
export function lookupApiKey(state: MockState, token: string): KeyLookup {
  if (token === "") {
    return {
      ok: false,
      detail: `Cookie ${goQuote(SESSION_COOKIE)} or query parameter must be provided.`,
    };
  }
  const parts = token.split("-");
  if (parts.length !== 2) {
    return {
      ok: false,
      detail: `Invalid API key format: incorrect amount of API key parts, expected 2 got ${parts.length}`,
    };
  }
  const [id, secret] = parts as [string, string];
  if (id.length !== 10) {
    return {
      ok: false,
      detail: `Invalid API key format: invalid API key ID length, expected 10 got ${id.length}`,
    };
  }
  if (secret.length !== 22) {
    return {
      ok: false,
      detail: `Invalid API key format: invalid API key secret length, expected 22 got ${secret.length}`,
    };
  }
  const key = state.apiKeys.get(id);
  if (!key) return { ok: false, detail: "API key is invalid." };
  if (!constantTimeEqual(key.hashedSecret, sha256(secret))) {
    return { ok: false, detail: "API key secret is invalid." };
  }
  return { ok: true, key };
}

type Session = { ok: true; key: ApiKey; user: MockUser } | { ok: false; detail: string };

/** The request's session if it has a live one, touching nothing (no refresh, no last-seen). */
function peekSession(ctx: Ctx): Session {
  const { state } = ctx.env;
  const found = lookupApiKey(state, tokenFromRequest(ctx.request, ctx.url));
  if (!found.ok) return found;
  const key = found.key;
  if (key.expiresAt < now(ctx)) {
    return { ok: false, detail: `API key expired at ${goQuote(goTimeString(key.expiresAt))}.` };
  }
  const user = state.users.get(key.userId);
  if (!user || user.deleted) return { ok: false, detail: "API key is invalid." };
  return { ok: true, key, user };
}

/** The authentication step of every signed-in route. Returns a response only on failure. */
export function requireAuth(ctx: Ctx): Response | undefined {
  const { config } = ctx.env;
  const session = peekSession(ctx);
  if (!session.ok) return error(ctx, 401, { message: SIGNED_OUT, detail: session.detail });
  const { key, user } = session;
  const t = now(ctx);
  // Last use is recorded at most once an hour.
  if (t - key.lastUsed > HOUR) {
    key.lastUsed = t;
    user.lastSeenAt = t;
  }
  // Sliding sessions: once at least an hour of the lifetime is used up, start it again.
  if (config.sessionDurationMs > 0 && key.expiresAt - t <= key.lifetimeMs - HOUR) {
    key.expiresAt = t + key.lifetimeMs;
  }
  if (user.status === "dormant") user.status = "active";
  if (user.status !== "active") {
    return error(ctx, 401, {
      message: `User is not active (status = ${goQuote(user.status)}). Contact an admin to reactivate your account.`,
    });
  }
  ctx.key = key;
  ctx.user = user;
  return undefined;
}

const USER_PARAM_ERROR = '"user" must be an existing uuid or username.';

/** ExtractUserParam: `me`, a UUID in any form google/uuid accepts, or a username. */
export function userParam(ctx: Ctx): Response | undefined {
  const query = ctx.params.user ?? "";
  const { state } = ctx.env;
  if (query === "") return error(ctx, 400, { message: '"user" must be provided.' });
  if (query === "me") {
    if (!ctx.user) return error(ctx, 400, { message: 'Cannot use "me" without a valid session.' });
    ctx.target = ctx.user;
    return undefined;
  }
  const notFound = () =>
    error(ctx, 400, { message: USER_PARAM_ERROR, detail: `queried user=${goQuote(query)}` });
  const uuid = parseUuid(query);
  if (uuid.ok) {
    const user = state.users.get(uuid.canonical);
    if (!user || user.deleted) return notFound();
    ctx.target = user;
    return undefined;
  }
  const user = findUserByUsername(state, query);
  if (!user) return notFound();
  ctx.target = user;
  return undefined;
}
