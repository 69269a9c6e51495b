// Password sign-in off and exactly one provider: straight to it, except when that would loop.
import { configure, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setupMockCoder } from "../../../mock/test-setup.ts";
import { setSessionHint } from "../../api/session-hint.ts";
import { fullPageNavigation } from "../../app/navigation.ts";
import { backFromRoundTrip } from "../../sso/round-trip.ts";
import { renderApp } from "../../testing/render-app.tsx";
import { AUTO_START_COOLDOWN_MS, markAutoStart } from "./single-provider.ts";

configure({ asyncUtilTimeout: 5000 });
const { mock } = setupMockCoder();
const assign = vi.spyOn(fullPageNavigation, "assign").mockImplementation(() => {});
const GITHUB = "/api/v2/users/oauth2/github/callback";
const OIDC = "/api/v2/users/oidc/callback";

beforeEach(() => {
  mock.config.passwordAuth = false;
  mock.config.oidc = false;
});
afterEach(() => {
  assign.mockClear();
  sessionStorage.clear();
  localStorage.clear();
});

/** The page has the deployment's methods and has had its chance to move on. */
async function settled(view: ReturnType<typeof renderApp>) {
  await waitFor(() =>
    expect(view.queryClient.getQueryState(["authMethods"])?.status).toBe("success"),
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
}

describe("one provider, no password", { timeout: 30_000 }, () => {
  it("goes straight to the provider, once, keeping a safe target", async () => {
    renderApp("/login?redirect=%2Fsettings%2Fsecurity");
    await waitFor(() =>
      expect(assign).toHaveBeenCalledWith(`${GITHUB}?redirect=%2Fsettings%2Fsecurity`),
    );
    expect(await screen.findByRole("status")).toHaveTextContent("Taking you to GitHub…");
    expect(screen.getByRole("link", { name: "Continue with GitHub" })).toHaveAttribute(
      "href",
      `${GITHUB}?redirect=%2Fsettings%2Fsecurity`,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(assign).toHaveBeenCalledTimes(1);
  });

  it("never carries a hostile target along", async () => {
    renderApp("/login?redirect=%2F%2Fevil.example%2F");
    await waitFor(() => expect(assign).toHaveBeenCalledWith(`${GITHUB}?redirect=%2F`));
  });

  it("works the same for OpenID Connect as the one provider", async () => {
    mock.config.github = false;
    mock.config.oidc = true;
    renderApp("/login");
    await waitFor(() => expect(assign).toHaveBeenCalledWith(`${OIDC}?redirect=%2F`));
  });

  it.each([
    ["a failed round trip", "/login?message=sso-failed-401"],
    ["any message at all", "/login?message=signed-out"],
    ["?choose=1", "/login?choose=1"],
  ])("stays on the page after %s, with the provider's button", async (_, path) => {
    const view = renderApp(path);
    await settled(view);
    expect(await screen.findByRole("link", { name: "Sign in with GitHub" })).toBeInTheDocument();
    expect(assign).not.toHaveBeenCalled();
  });

  it("stays on the page when it sent this tab to the provider a moment ago (no loop)", async () => {
    markAutoStart(Date.now() - 10_000);
    const view = renderApp("/login");
    await settled(view);
    expect(await screen.findByRole("link", { name: "Sign in with GitHub" })).toBeInTheDocument();
    expect(assign).not.toHaveBeenCalled();
  });

  it("stays on the page where sessionStorage is blocked (it could not tell a loop)", async () => {
    const blocked = () => {
      throw new DOMException("The operation is insecure.", "SecurityError");
    };
    const get = vi.spyOn(Storage.prototype, "getItem").mockImplementation(blocked);
    const set = vi.spyOn(Storage.prototype, "setItem").mockImplementation(blocked);
    try {
      const view = renderApp("/login");
      await settled(view);
      expect(await screen.findByRole("link", { name: "Sign in with GitHub" })).toBeInTheDocument();
      expect(assign).not.toHaveBeenCalled();
    } finally {
      get.mockRestore();
      set.mockRestore();
    }
  });

  it("notes the trip when it sends the tab, so the way back asks who is signed in", async () => {
    renderApp("/login");
    await waitFor(() => expect(assign).toHaveBeenCalledTimes(1));
    expect(backFromRoundTrip()).toBe(true);
  });

  it("goes again once that moment has passed", async () => {
    markAutoStart(Date.now() - AUTO_START_COOLDOWN_MS - 1000);
    renderApp("/login");
    await waitFor(() => expect(assign).toHaveBeenCalledTimes(1));
  });

  it("marks the tab when it sends it, so a way back shows the page", async () => {
    const first = renderApp("/login");
    await waitFor(() => expect(assign).toHaveBeenCalledTimes(1));
    first.unmount();
    const second = renderApp("/login");
    await settled(second);
    expect(assign).toHaveBeenCalledTimes(1);
  });

  it("does not go when the deployment has more ways in", async () => {
    mock.config.passwordAuth = true;
    const withPassword = renderApp("/login");
    await settled(withPassword);
    withPassword.unmount();
    mock.config.passwordAuth = false;
    mock.config.oidc = true;
    const twoProviders = renderApp("/login");
    await settled(twoProviders);
    expect(assign).not.toHaveBeenCalled();
  });

  it("does not go before the terms of service are accepted", async () => {
    mock.config.termsOfServiceUrl = "https://acme.example/terms";
    const view = renderApp("/login");
    await settled(view);
    expect(await screen.findByRole("button", { name: "I agree" })).toBeInTheDocument();
    expect(assign).not.toHaveBeenCalled();
  });

  it("does not send a signed-in visitor to the provider", async () => {
    setSessionHint(true);
    mock.config.passwordAuth = true;
    const login = await fetch("/api/v2/users/login", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: "member@coder.com", password: "SomeSecurePassword!" }),
    });
    expect(login.status).toBe(201);
    mock.config.passwordAuth = false;
    const view = renderApp("/login?redirect=%2Fsettings%2Fsecurity");
    await waitFor(() => expect(view.location().pathname).toBe("/settings/security"));
    expect(assign).not.toHaveBeenCalled();
  });
});
