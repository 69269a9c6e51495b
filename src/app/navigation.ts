// Leaving the app. The app's own pages are routed in the browser; every other path on the
// origin is Coder's (its dashboard, /api, /oauth2), and reaching it takes a full page load so
// that the front door hands it to Coder.
import { isAppPage } from "./owned-routes.ts";

/** Whether a same-origin path (with or without a query) is one of the app's pages. */
export function isAppTarget(target: string): boolean {
  try {
    return isAppPage(new URL(target, "https://app.invalid").pathname);
  } catch {
    return false;
  }
}

/**
 * A full page load. Behind an object so component tests can watch it: jsdom can't navigate,
 * and `window.location` can't be replaced.
 */
export const fullPageNavigation = {
  assign(url: string) {
    window.location.assign(url);
  },
};
