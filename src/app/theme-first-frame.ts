// Part of the entry script, which holds the first frame (scripts/render-blocking-entry.ts): a
// signed-in page paints in the theme this browser showed it in last time, so that coming from
// Coder's (say, light) settings doesn't flash Coder's dark default first. The app then shows the
// user's own setting and keeps this hint (src/app/theme.ts writes the same key, and never stores
// the default; a test holds the two together). Not imported by the app, so that the entry stays
// one small file.

/** The page that follows the signed-in user's theme: the route table's one signed-in page. */
export const USER_THEMED_PAGE = "/settings/security";

export function showRememberedTheme(pathname: string) {
  if (pathname.replace(/\/+$/, "") !== USER_THEMED_PAGE) return;
  try {
    const theme = localStorage.getItem("coder-auth-ui.theme");
    if (theme === "light" || theme === "auto") document.documentElement.dataset.theme = theme;
  } catch {
    // storage blocked: Coder's default until the settings arrive
  }
}
