// Coder's account settings navigation around the security page: the deployment's items, from
// the data Coder's dashboard decides them by, as plain links to Coder's pages.
import { configure, screen, within } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { afterEach, describe, expect, it } from "vitest";
import { setupMockCoder } from "../../../mock/test-setup.ts";
import { setSessionHint } from "../../api/session-hint.ts";
import { renderApp } from "../../testing/render-app.tsx";
import { signInAs } from "../../testing/session.ts";

configure({ asyncUtilTimeout: 5000 });
const mockServer = setupMockCoder();
const { server } = mockServer;

afterEach(() => localStorage.clear());

async function openSettings(): Promise<HTMLElement> {
  await signInAs(mockServer, "member@coder.com");
  setSessionHint(true);
  renderApp("/settings/security");
  await screen.findByRole("heading", { level: 1, name: "Security" });
  return screen.getByRole("navigation", { name: "Account settings" });
}

const linksOf = (nav: HTMLElement) =>
  within(nav)
    .getAllByRole("link")
    .map((link) => [link.textContent, link.getAttribute("href")]);

describe("the account settings navigation", () => {
  it("on an unlicensed deployment: Coder's pages every deployment has, each a link to Coder's page", async () => {
    const nav = await openSettings();
    expect(linksOf(nav)).toEqual([
      ["Account", "/settings/account"],
      ["Appearance", "/settings/appearance"],
      ["External Authentication", "/settings/external-auth"],
      ["Security", "/settings/security"],
      ["SSH Keys", "/settings/ssh-keys"],
      ["Tokens", "/settings/tokens"],
      ["Notifications", "/settings/notifications"],
    ]);
  });

  it("marks this page, and only this page, as the current one", async () => {
    const nav = await openSettings();
    const current = within(nav)
      .getAllByRole("link")
      .filter((link) => link.getAttribute("aria-current") === "page");
    expect(current.map((link) => link.textContent)).toEqual(["Security"]);
  });

  it("is a landmark of its own, outside the page's main content", async () => {
    const nav = await openSettings();
    expect(screen.getByRole("main").contains(nav)).toBe(false);
  });

  it("offers Schedule when the licence enables advanced template scheduling", async () => {
    server.use(
      http.get("/api/v2/entitlements", () =>
        HttpResponse.json({
          features: { advanced_template_scheduling: { entitlement: "entitled", enabled: true } },
          warnings: [],
          errors: [],
          has_license: true,
        }),
      ),
    );
    const nav = await openSettings();
    const schedule = await within(nav).findByRole("link", { name: "Schedule" });
    expect(schedule).toHaveAttribute("href", "/settings/schedule");
    expect(linksOf(nav).map(([label]) => label)).toEqual([
      "Account",
      "Appearance",
      "External Authentication",
      "Schedule",
      "Security",
      "SSH Keys",
      "Tokens",
      "Notifications",
    ]);
  });

  it("offers OAuth2 Applications when the oauth2 experiment is on", async () => {
    server.use(http.get("/api/v2/experiments", () => HttpResponse.json(["oauth2"])));
    const nav = await openSettings();
    const oauth2 = await within(nav).findByRole("link", { name: "OAuth2 Applications" });
    expect(oauth2).toHaveAttribute("href", "/settings/oauth2-provider");
  });

  it("offers OAuth2 Applications on a development build of Coder", async () => {
    server.use(
      http.get("/api/v2/buildinfo", () => HttpResponse.json({ version: "v2.31.0-devel+4f1c2a" })),
    );
    const nav = await openSettings();
    expect(await within(nav).findByRole("link", { name: "OAuth2 Applications" })).toBeVisible();
  });

  it("still offers every deployment's pages when the deployment can't say more", async () => {
    server.use(
      http.get("/api/v2/entitlements", () =>
        HttpResponse.json({ message: "boom" }, { status: 500 }),
      ),
      http.get("/api/v2/experiments", () => HttpResponse.json({ not: "a list" })),
    );
    const nav = await openSettings();
    expect(linksOf(nav).map(([label]) => label)).toEqual([
      "Account",
      "Appearance",
      "External Authentication",
      "Security",
      "SSH Keys",
      "Tokens",
      "Notifications",
    ]);
    // The page itself is unaffected.
    expect(await screen.findByRole("heading", { name: "Password" })).toBeInTheDocument();
  });
});
