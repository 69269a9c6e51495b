import { useEffect, useMemo, useState } from "react";
import { isApiError } from "../api/errors.ts";

/** Seconds left until `until` (epoch ms), ticking once a second; 0 when passed or unset. */
export function useCountdown(until: number | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === undefined) return;
    setNow(Date.now());
    const timer = setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= until) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [until]);
  return until === undefined ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}

/** When a rate-limited form may be submitted again (epoch ms), or undefined. */
function retryAt(error: unknown): number | undefined {
  if (!isApiError(error) || error.status !== 429) return undefined;
  return Date.now() + (error.retryAfterSeconds ?? 60) * 1000;
}

/** Seconds until a rate-limited form may be sent again (0 when it may); ticks every second. */
export function useRetryCountdown(error: unknown): number {
  // The deadline is fixed when the error arrives, not recomputed on every render.
  const until = useMemo(() => retryAt(error), [error]);
  return useCountdown(until);
}

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}
