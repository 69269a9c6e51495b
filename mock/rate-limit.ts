// go-chi/httprate as coderd configures it: fixed one-minute windows aligned to the clock, a
// sliding-window estimate from the previous window, and the X-RateLimit-* headers.

interface RateLimitVerdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Unix seconds at which the current window ends. */
  reset: number;
}

export interface RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  check(key: string, nowMs: number): RateLimitVerdict;
  clear(): void;
}

export function createRateLimiter(limit: number, windowMs = 60_000): RateLimiter {
  // key → window start → count; only the current and the previous window are ever read.
  const counters = new Map<string, Map<number, number>>();
  return {
    limit,
    windowMs,
    check(key, nowMs) {
      const current = nowMs - (((nowMs % windowMs) + windowMs) % windowMs);
      const previous = current - windowMs;
      const windows = counters.get(key) ?? new Map<number, number>();
      counters.set(key, windows);
      for (const start of windows.keys()) if (start < previous) windows.delete(start);
      const currCount = windows.get(current) ?? 0;
      const prevCount = windows.get(previous) ?? 0;
      const elapsed = nowMs - current;
      const rate = Math.round((prevCount * (windowMs - elapsed)) / windowMs + currCount);
      const reset = Math.floor((current + windowMs) / 1000);
      if (rate + 1 > limit) return { allowed: false, limit, remaining: limit - rate, reset };
      windows.set(current, currCount + 1);
      return { allowed: true, limit, remaining: limit - rate - 1, reset };
    },
    clear() {
      counters.clear();
    },
  };
}

/** Go's %v of a time.Duration for whole minutes/seconds, as in "1m0s". */
export function goDuration(ms: number): string {
  const totalSeconds = Math.round(ms / 1000);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}
