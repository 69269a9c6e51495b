// The security page's markup from props alone: no query client, no signed-in layout, no mock.
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { SecurityPageView, type SecurityScreen } from "./SecurityPageView.tsx";

const NAV = [
  { label: "Account", href: "/settings/account" },
  { label: "Security", href: "/settings/security" },
];

const ready = (
  screen: Partial<Extract<SecurityScreen, { kind: "ready" }>> = {},
): SecurityScreen => ({
  kind: "ready",
  versionNotice: null,
  notice: undefined,
  canUpdateOwnAccount: true,
  loginType: "password",
  signsInWith: "Password",
  passwordForm: <form aria-label="The change-password form" />,
  singleSignOn: <section aria-label="The single sign-on switches" />,
  methodsFailure: undefined,
  ...screen,
});

const renderView = (securityScreen: SecurityScreen) =>
  render(<SecurityPageView applicationName="Acme" navItems={NAV} screen={securityScreen} />);

describe("SecurityPageView", () => {
  it("in Coder's settings navigation, gives a password account its form and the switches", () => {
    renderView(
      ready({ notice: { tone: "success", text: "Your account now signs in with GitHub." } }),
    );
    expect(document.title).toBe("Security · Acme");
    expect(screen.getByRole("link", { name: "Security" })).toHaveAttribute("aria-current", "page");
    expect(screen.getByRole("status")).toHaveTextContent("Your account now signs in with GitHub.");
    expect(screen.getByRole("form", { name: "The change-password form" })).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "The single sign-on switches" })).toBeInTheDocument();
  });

  it("says the sign-in options couldn't be loaded, with a way to try again", async () => {
    const onRetry = vi.fn();
    renderView(ready({ singleSignOn: undefined, methodsFailure: { error: null, onRetry } }));
    expect(screen.getByRole("alert")).toHaveTextContent("The sign-in options couldn't be loaded.");
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it("tells a single sign-on account how it signs in, with nothing to change", () => {
    renderView(ready({ loginType: "github", signsInWith: "GitHub" }));
    expect(screen.getByText("Signed in with GitHub")).toBeInTheDocument();
    expect(screen.queryByRole("form")).toBeNull();
  });

  it("offers nothing until the settings are in, or when they couldn't be loaded", () => {
    const { unmount } = renderView({ kind: "loading" });
    expect(screen.getByRole("status")).toHaveTextContent("Loading your sign-in settings…");
    unmount();
    renderView({ kind: "failed", error: new Error("Boom."), onRetry: () => {} });
    expect(screen.getByRole("alert")).toHaveTextContent(
      "Your sign-in settings couldn't be loaded. Boom.",
    );
  });
});
