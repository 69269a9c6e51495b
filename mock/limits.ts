// httpmw.RateLimit: the global /api/v2 limiter and the login group's 60 per minute.
import { type Ctx, error, now, plainError } from "./context.ts";
import { goDuration, type RateLimiter } from "./rate-limit.ts";

/**
 * Keyed like coderd: the user when an API key has already been read on this route, otherwise the
 * client IP; always plus the path, so every endpoint has its own bucket. An owner may skip the
 * limit with `X-Coder-Bypass-Ratelimit: true`; anyone else sending it gets 428.
 */
function limit(ctx: Ctx, limiter: RateLimiter): Response | undefined {
  if (!ctx.env.config.rateLimits) return undefined;
  let who = ctx.clientIp;
  if (ctx.key && ctx.user) {
    if (/^(1|t|true)$/i.test(ctx.request.headers.get("x-coder-bypass-ratelimit") ?? "")) {
      if (ctx.user.rbacRoles.includes("owner")) return undefined;
      return plainError(ctx, 428, '"X-Coder-Bypass-Ratelimit" provided but user is not owner');
    }
    who = ctx.user.id;
  }
  const verdict = limiter.check(`${who}|${ctx.url.pathname}`, now(ctx));
  // The inner (login) limiter overwrites the outer one's headers.
  ctx.headers.set("x-ratelimit-limit", String(verdict.limit));
  ctx.headers.set("x-ratelimit-remaining", String(verdict.remaining));
  ctx.headers.set("x-ratelimit-reset", String(verdict.reset));
  if (verdict.allowed) return undefined;
  ctx.headers.set("retry-after", String(Math.round(limiter.windowMs / 1000)));
  return error(ctx, 429, {
    message: `You've been rate limited for sending more than ${limiter.limit} requests in ${goDuration(limiter.windowMs)}.`,
  });
}

export function apiRateLimit(ctx: Ctx): Response | undefined {
  return limit(ctx, ctx.env.apiLimiter);
}

export function loginRateLimit(ctx: Ctx): Response | undefined {
  return limit(ctx, ctx.env.loginLimiter);
}
