// Which of the two themes a page shows, from the user's appearance settings as Coder's dashboard
// reads them (docs/test-facts.md, "Themes"): an empty or unknown preference is Coder's default,
// dark; "auto" (and, on newer Coders, `theme_mode: "sync"`) follows the system; Coder's
// colour-blind variants keep their light or dark base.

/** What a page shows: one of the two palettes, or the system's choice between them. */
export type Theme = "dark" | "light" | "auto";

/** Coder's default: what a signed-out visitor, or a user who never chose, sees. */
export const DEFAULT_THEME: Theme = "dark";

export function isTheme(value: unknown): value is Theme {
  return value === "dark" || value === "light" || value === "auto";
}

/** The theme for a user's `theme_preference` (and `theme_mode`, where Coder sends one). */
export function themeFor(preference: string, mode?: string): Theme {
  if (mode === "sync" || preference === "auto" || preference.startsWith("auto-")) return "auto";
  if (preference.startsWith("light")) return "light";
  return DEFAULT_THEME;
}
