import { describe, expect, it } from "vitest";
import { prerenderedPages, renderPage } from "../src/app/prerender.tsx";

const login = prerenderedPages.find((page) => page.path === "/login");

describe("the prerendered sign-in page", () => {
  // The same HTML answers every query; the development server renders each URL as it comes.
  // Either way the message is the entry script's to show, once.
  it("leaves the message from the URL to the entry script, whatever URL it is rendered at", async () => {
    if (!login) throw new Error("no prerendered /login");
    for (const sample of ["/login", "/login?message=password-changed"]) {
      const html = await renderPage({ ...login, sample });
      expect(html, sample).toContain("<template data-notice-slot=");
      expect(html, sample).not.toContain('role="status"');
      expect(html, sample).not.toContain("Your password has been changed");
    }
  });
});
