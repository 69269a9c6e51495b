// The deployment's branding: application name, logo and announcement banners.
//
// Coder's GET /appearance never fails in a way a page should show:
// - signed out, it is a 401 (the route wants a session or a workspace agent token);
// - without a premium licence it answers Coder's defaults (empty name and logo, no banners);
// - a build without the enterprise code has no such route (404).
// So the query resolves to DEFAULT_APPEARANCE on any failure instead of rejecting: no error
// reaches the query cache, the console or the 401 handler that re-asks who is signed in.
import { queryOptions } from "@tanstack/react-query";
import { apiRequest } from "./client.ts";
import { isApiError } from "./errors.ts";
import { queryKeys } from "./keys.ts";
import { AppearanceConfig } from "./schemas.ts";
import { hasSessionHint } from "./session-hint.ts";

/** What the pages show when the deployment says nothing: Coder's name and logo, no banners. */
export const DEFAULT_APPEARANCE: AppearanceConfig = Object.freeze({
  application_name: "",
  logo_url: "",
  announcement_banners: [],
  support_links: [],
});

/** A real answer changes only when an owner edits it. */
const APPEARANCE_STALE_MS = 10 * 60_000;
/** A fallback may be a passing failure, or a visit from before sign-in: ask again sooner. */
const FALLBACK_STALE_MS = 60_000;

export const appearanceQuery = () =>
  queryOptions({
    queryKey: queryKeys.appearance,
    queryFn: async ({ signal }): Promise<AppearanceConfig> => {
      try {
        return await apiRequest("/appearance", { schema: AppearanceConfig, signal });
      } catch (error) {
        // Anything but an ApiError is the caller's own abort: let the query see it.
        if (isApiError(error)) return DEFAULT_APPEARANCE;
        throw error;
      }
    },
    // Pages paint with the defaults until (and unless) the deployment's answer arrives.
    placeholderData: DEFAULT_APPEARANCE,
    staleTime: (query) =>
      query.state.data === DEFAULT_APPEARANCE ? FALLBACK_STALE_MS : APPEARANCE_STALE_MS,
    retry: false,
  });

/**
 * For signed-out pages: ask only when this browser may have a session. For everyone else Coder
 * answers 401, which browsers log as a failed request, and the defaults are known anyway.
 */
export const maybeAppearanceQuery = () => ({ ...appearanceQuery(), enabled: hasSessionHint() });
