// Showing a theme: `data-theme` on <html>, which styles.css reads (no attribute: Coder's default,
// dark). The entry script sets it before the first frame from a hint this browser keeps
// (theme-first-frame.ts); the signed-in layout then sets it from the user's settings and keeps
// the hint for next time. The hint is the theme alone: not a secret, and keyed to nobody (the
// next person to sign in on this browser sees it at most until their own settings arrive).
import { DEFAULT_THEME, isTheme, type Theme } from "../lib/theme.ts";

const THEME_HINT_KEY = "coder-auth-ui.theme";

export function showTheme(theme: Theme) {
  document.documentElement.dataset.theme = theme;
}

/** Back to Coder's default, as the signed-out pages show it. */
export function showDefaultTheme() {
  delete document.documentElement.dataset.theme;
}

/** The theme this browser showed a signed-in page in last time, if any. */
export function rememberedTheme(): Theme | undefined {
  try {
    const value = localStorage.getItem(THEME_HINT_KEY);
    return isTheme(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function rememberTheme(theme: Theme) {
  try {
    if (theme === DEFAULT_THEME) localStorage.removeItem(THEME_HINT_KEY);
    else localStorage.setItem(THEME_HINT_KEY, theme);
  } catch {
    // storage blocked: the next visit starts from Coder's default until the settings arrive
  }
}
