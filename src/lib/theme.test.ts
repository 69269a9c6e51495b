import { describe, expect, it } from "vitest";
import { DEFAULT_THEME, themeFor } from "./theme.ts";

describe("themeFor", () => {
  it("is Coder's default, dark, for a user who never chose (an empty preference)", () => {
    expect(DEFAULT_THEME).toBe("dark");
    expect(themeFor("")).toBe("dark");
  });

  it.each([
    ["dark", "dark"],
    ["light", "light"],
    ["auto", "auto"],
    // Coder's other themes keep their base.
    ["darkBlue", "dark"],
    ["dark-tritan", "dark"],
    ["light-protan-deuter", "light"],
    // An older Coder's system-following values.
    ["auto-tritan", "auto"],
    // Anything else: the default, as Coder's dashboard does.
    ["purple", "dark"],
  ] as const)("%j shows %s", (preference, theme) => {
    expect(themeFor(preference)).toBe(theme);
  });

  it("follows the system when a newer Coder says the mode is sync", () => {
    expect(themeFor("dark", "sync")).toBe("auto");
    expect(themeFor("light", "single")).toBe("light");
  });
});
