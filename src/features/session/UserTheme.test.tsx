// The signed-in pages in the user's theme (GET /users/me/appearance, as Coder's dashboard reads
// it), set on <html data-theme> where styles.css picks it up, remembered for the next first frame,
// and dropped again for the signed-out pages, which show Coder's default.
import { configure, screen, waitFor } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { afterEach, describe, expect, it } from "vitest";
import { setupMockCoder } from "../../../mock/test-setup.ts";
import { setSessionHint } from "../../api/session-hint.ts";
import { pages } from "../../app/routes.ts";
import { rememberTheme, showDefaultTheme } from "../../app/theme.ts";
import { showRememberedTheme, USER_THEMED_PAGE } from "../../app/theme-first-frame.ts";
import { renderApp } from "../../testing/render-app.tsx";
import { otherTab, signInAs } from "../../testing/session.ts";

configure({ asyncUtilTimeout: 5000 });
const mockServer = setupMockCoder();
const { server } = mockServer;

afterEach(() => {
  localStorage.clear();
  showDefaultTheme();
});

const shownTheme = () => document.documentElement.dataset.theme;
const HINT_KEY = "coder-auth-ui.theme";

function preferring(theme_preference: string, extra: Record<string, string> = {}) {
  server.use(
    http.get("/api/v2/users/me/appearance", () =>
      HttpResponse.json({ theme_preference, terminal_font: "", ...extra }),
    ),
  );
}

/** Every value <html data-theme> takes from now on, starting with the current one. */
function watchTheme(): string[] {
  const seen = [shownTheme() ?? "(none)"];
  new MutationObserver(() => seen.push(shownTheme() ?? "(none)")).observe(
    document.documentElement,
    { attributes: true, attributeFilter: ["data-theme"] },
  );
  return seen;
}

async function openSettings() {
  await signInAs(mockServer, "member@coder.com");
  setSessionHint(true);
  const app = renderApp("/settings/security");
  await screen.findByRole("heading", { level: 1, name: "Security" });
  return app;
}

describe("the signed-in pages' theme", () => {
  it.each([
    ["dark", "dark"],
    ["light", "light"],
    ["auto", "auto"],
  ])("%j: the page shows %s and remembers it", async (preference, theme) => {
    preferring(preference);
    await openSettings();
    await waitFor(() => expect(shownTheme()).toBe(theme));
    // Coder's default needs no hint: it is what a page without one shows.
    expect(localStorage.getItem(HINT_KEY)).toBe(theme === "dark" ? null : theme);
  });

  it("no choice yet (the mock's empty preference): Coder's default, dark", async () => {
    rememberTheme("light");
    await openSettings();
    await waitFor(() => expect(shownTheme()).toBe("dark"));
    expect(localStorage.getItem(HINT_KEY)).toBeNull();
  });

  it("follows the system where a newer Coder's mode says sync", async () => {
    preferring("dark", { theme_mode: "sync", theme_light: "light", theme_dark: "dark" });
    await openSettings();
    await waitFor(() => expect(shownTheme()).toBe("auto"));
  });

  it("keeps the remembered theme when Coder can't say (an older Coder without the route)", async () => {
    server.use(
      http.get("/api/v2/users/me/appearance", () =>
        HttpResponse.json({ message: "Route not found." }, { status: 404 }),
      ),
    );
    rememberTheme("light");
    await openSettings();
    expect(shownTheme()).toBe("light");
    expect(localStorage.getItem(HINT_KEY)).toBe("light");
  });

  it("no flash: a page that starts in the remembered theme never shows another", async () => {
    preferring("light");
    rememberTheme("light");
    // What the entry script does before the first frame.
    showRememberedTheme("/settings/security");
    const seen = watchTheme();
    await openSettings();
    await screen.findByRole("heading", { name: "Password" });
    expect(seen[0]).toBe("light");
    expect(new Set(seen)).toEqual(new Set(["light"]));
  });

  it("leaving the signed-in pages for sign-in goes back to Coder's default", async () => {
    const tab = otherTab();
    preferring("light");
    const { location } = await openSettings();
    await waitFor(() => expect(shownTheme()).toBe("light"));
    // Another tab signs out: this one leaves for /login within the app, no page load.
    const csrf = document.querySelector<HTMLMetaElement>('meta[property="csrf-token"]')?.content;
    await fetch("/api/v2/users/logout", {
      method: "POST",
      headers: csrf ? { "X-CSRF-TOKEN": csrf } : {},
    });
    tab.say("signed-out");
    await waitFor(() => expect(location().pathname).toBe("/login"));
    expect(shownTheme()).toBeUndefined();
    tab.close();
  });
});

describe("the first frame (the entry script)", () => {
  it("shows the remembered theme on a signed-in page, and Coder's default without one", () => {
    // No attribute: the stylesheet's default, Coder's dark.
    showRememberedTheme("/settings/security");
    expect(shownTheme()).toBeUndefined();
    rememberTheme("light");
    showRememberedTheme("/settings/security/");
    expect(shownTheme()).toBe("light");
  });

  it("leaves the signed-out pages in Coder's default whatever was remembered", () => {
    rememberTheme("light");
    for (const path of ["/login", "/reset-password", "/setup", "/cli-auth", "/login/device"]) {
      showRememberedTheme(path);
      expect(shownTheme(), path).toBeUndefined();
    }
  });
});

describe("which pages follow the user's theme", () => {
  it("exactly the signed-in pages of the route table", () => {
    const signedIn = Object.entries(pages)
      .filter(([, route]) => route?.signedIn)
      .map(([path]) => path);
    expect(signedIn).toEqual([USER_THEMED_PAGE]);
  });
});
