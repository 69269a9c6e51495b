// What a page inside Coder's account settings needs besides its own data: the user's theme
// (GET /users/me/appearance) and what Coder's settings navigation depends on (GET /entitlements,
// GET /experiments, and GET /buildinfo from session.ts). Only signed-in pages ask, so this lives
// in one small chunk of its own, out of every signed-out page's first download (vite.config.ts),
// and so do its response shapes (schemas.ts is in that download).
import { type QueryClient, queryOptions } from "@tanstack/react-query";
import { apiRequest } from "./client.ts";
import { isApiError } from "./errors.ts";
import { queryKeys } from "./keys.ts";
import { buildInfoQuery } from "./session.ts";
import {
  array,
  boolean,
  type Infer,
  object,
  optional,
  record,
  string,
  withDefault,
} from "./shape.ts";

/**
 * codersdk.UserAppearanceSettings. `theme_preference` is "" until the user picks one; newer
 * Coders add `theme_mode` ("sync" follows the system) and more fields.
 */
const UserAppearanceSettings = object({
  theme_preference: withDefault(string, ""),
  theme_mode: optional(string),
});
type UserAppearanceSettings = Infer<typeof UserAppearanceSettings>;

/** codersdk.Entitlements, as far as the settings navigation asks. */
const Entitlements = object({
  features: withDefault(record(object({ enabled: withDefault(boolean, false) })), {}),
});

/**
 * The signed-in user's theme. Never an error a page should show: an older Coder without the
 * route (404), a session that just ended (401, which the guard hears from users/me anyway) or a
 * passing failure all mean "Coder's default" until the next try.
 */
export const userAppearanceQuery = () =>
  queryOptions({
    queryKey: queryKeys.userAppearance,
    queryFn: async ({ signal }): Promise<UserAppearanceSettings | null> => {
      try {
        return await apiRequest("/users/me/appearance", { schema: UserAppearanceSettings, signal });
      } catch (error) {
        // Anything but an ApiError is the caller's own abort: let the query see it.
        if (isApiError(error)) return null;
        throw error;
      }
    },
    // Changed on Coder's appearance page, which is a page load away from here.
    staleTime: 5 * 60_000,
    retry: false,
  });

/** Entitlements and experiments change only with a licence or a restart of Coder. */
const DEPLOYMENT_STALE_MS = 10 * 60_000;

/** Which licensed features are on. */
export const entitlementsQuery = () =>
  queryOptions({
    queryKey: queryKeys.entitlements,
    queryFn: ({ signal }) => apiRequest("/entitlements", { schema: Entitlements, signal }),
    staleTime: DEPLOYMENT_STALE_MS,
  });

/** The enabled experiments' names. */
export const experimentsQuery = () =>
  queryOptions({
    queryKey: queryKeys.experiments,
    queryFn: ({ signal }) => apiRequest("/experiments", { schema: array(string), signal }),
    staleTime: DEPLOYMENT_STALE_MS,
  });

/** Starts every query above; settles (never rejects) once all have answered. */
export function accountSettingsData(queryClient: QueryClient): Promise<unknown> {
  return Promise.allSettled([
    queryClient.ensureQueryData(userAppearanceQuery()),
    queryClient.ensureQueryData(entitlementsQuery()),
    queryClient.ensureQueryData(experimentsQuery()),
    queryClient.ensureQueryData(buildInfoQuery()),
  ]);
}
