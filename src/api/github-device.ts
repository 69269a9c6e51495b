// GitHub sign-in through the device flow, which deployments on Coder's default GitHub app use
// (`github.default_provider_configured` in users/authmethods).
//
// The flow, as Coder's own /login/device page runs it:
// 1. "Sign in with GitHub" is the usual link to /api/v2/users/oauth2/github/callback?redirect=…;
//    in device mode Coder sets its oauth_state cookie and answers 307 /login/device?state=<state>.
// 2. The page asks for a device code (githubDeviceQuery) and shows `user_code` with a link to
//    `verification_uri`, where the person types it.
// 3. The page polls the callback with the device code and that state (pollGithubDevice), every
//    `interval` seconds, five more after each "slow_down" (pollIntervalAfter), until an outcome
//    other than pending; on success it loads `redirectTo` with a full navigation (the session
//    cookie is set by then, and the target may be one of Coder's own pages).
import { queryOptions } from "@tanstack/react-query";
import { safeRedirect } from "../lib/safe-redirect.ts";
import { API_PREFIX, apiRequest } from "./client.ts";
import { type ApiError, isApiError } from "./errors.ts";
import { queryKeys } from "./keys.ts";
import { ExternalAuthDevice, OAuth2DeviceFlowCallbackResponse } from "./schemas.ts";
import { setSessionHint } from "./session-hint.ts";

/**
 * Where GitHub sign-in starts, in either mode: Coder's callback without a code sets its state
 * cookies, then sends the browser to GitHub, or (device flow) to /login/device?state=….
 */
export function githubSignInUrl(redirectTo: string): string {
  return `${API_PREFIX}/users/oauth2/github/callback?${new URLSearchParams({ redirect: redirectTo })}`;
}

/**
 * A fresh device code (every fetch makes GitHub issue a new one). Never refetched behind the
 * page's back, never retried, never shared with a later visit: call `refetch()` for a new code.
 */
export const githubDeviceQuery = () =>
  queryOptions({
    queryKey: queryKeys.githubDevice,
    queryFn: ({ signal }) =>
      apiRequest("/users/oauth2/github/device", { schema: ExternalAuthDevice, signal }),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });

/** One poll's result. `error` covers everything else (state cookie gone, refused account, …). */
export type GithubDevicePoll =
  | { kind: "success"; redirectTo: string }
  | { kind: "pending" }
  | { kind: "slow_down" }
  | { kind: "expired" }
  | { kind: "denied" }
  | { kind: "error"; error: ApiError };

// GitHub's error codes, which Coder passes on as the `detail` of its error body (RFC 8628 §3.5).
const OUTCOMES: ReadonlyMap<string, GithubDevicePoll> = new Map([
  ["authorization_pending", { kind: "pending" }],
  ["slow_down", { kind: "slow_down" }],
  ["expired_token", { kind: "expired" }],
  ["access_denied", { kind: "denied" }],
]);

export interface PollGithubDeviceOptions {
  deviceCode: string;
  /** The `state` query parameter Coder put on /login/device (it matches the oauth_state cookie). */
  state: string;
  signal?: AbortSignal | undefined;
}

/**
 * Asks Coder once whether GitHub has authorized the device. Never rejects, except with the
 * caller's own abort. On success the browser holds the session cookie.
 */
export async function pollGithubDevice({
  deviceCode,
  state,
  signal,
}: PollGithubDeviceOptions): Promise<GithubDevicePoll> {
  const query = new URLSearchParams({ code: deviceCode, state });
  try {
    const answer = await apiRequest(`/users/oauth2/github/callback?${query}`, {
      schema: OAuth2DeviceFlowCallbackResponse,
      signal,
    });
    setSessionHint(true);
    return { kind: "success", redirectTo: safeRedirect(answer.redirect_url) };
  } catch (error) {
    if (!isApiError(error)) throw error;
    const known = error.fromServer && error.detail ? OUTCOMES.get(error.detail) : undefined;
    return known ?? { kind: "error", error };
  }
}

/** RFC 8628 §3.5: after "slow_down" the interval grows by five seconds, for good. */
export const SLOW_DOWN_STEP_SECONDS = 5;

/** The interval (seconds) to wait before the next poll, given the last outcome. */
export function pollIntervalAfter(intervalSeconds: number, outcome: GithubDevicePoll): number {
  return outcome.kind === "slow_down" ? intervalSeconds + SLOW_DOWN_STEP_SECONDS : intervalSeconds;
}
