// The signed-in user's own appearance settings (GET /users/me/appearance): the theme Coder's
// dashboard shows them, which the signed-in pages follow. Never an error a page should show: an
// older Coder without the route (404), a session that just ended (401, which the guard hears
// from users/me anyway) or a passing failure all mean "Coder's default" until the next try.
import { queryOptions } from "@tanstack/react-query";
import { apiRequest } from "./client.ts";
import { isApiError } from "./errors.ts";
import { queryKeys } from "./keys.ts";
import { UserAppearanceSettings } from "./schemas.ts";

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
