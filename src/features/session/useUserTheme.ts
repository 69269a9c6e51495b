import { useQuery } from "@tanstack/react-query";
import { useLayoutEffect } from "react";
import { userAppearanceQuery } from "../../api/account-settings.ts";
import { rememberedTheme, rememberTheme, showDefaultTheme, showTheme } from "../../app/theme.ts";
import { DEFAULT_THEME, themeFor } from "../../lib/theme.ts";

/**
 * The signed-in pages in the user's theme, as Coder's dashboard shows it. Until their settings
 * arrive, the theme this browser last showed (which the entry script already put on the first
 * frame); once they do, theirs, remembered for the next first frame. Leaving the signed-in pages
 * (for sign-in, say) goes back to Coder's default.
 */
export function useUserTheme(signedIn: boolean) {
  const settings = useQuery({ ...userAppearanceQuery(), enabled: signedIn }).data;
  const known = settings ? themeFor(settings.theme_preference, settings.theme_mode) : undefined;
  const theme = known ?? rememberedTheme() ?? DEFAULT_THEME;
  // Before the browser paints what this render committed.
  useLayoutEffect(() => {
    showTheme(theme);
    if (known) rememberTheme(known);
  }, [theme, known]);
  useLayoutEffect(() => showDefaultTheme, []);
}
