// The sign-in page's markup from props alone: no query client, no router, no mock server. A View
// that reached for data would throw here ("No QueryClient set").
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { SsoOption } from "../../sso/providers.ts";
import { testChrome } from "../../testing/chrome.ts";
import { LoginPageView, type LoginPageViewProps } from "./LoginPageView.tsx";

const github: SsoOption = { provider: "github", label: "GitHub", iconUrl: undefined };

/** jsdom's accessible name runs the hidden words on without the space a browser keeps. */
const TERMS = /^Terms of Service ?\(opens in a new tab\)$/;

function view(props: Partial<LoginPageViewProps> = {}) {
  return (
    <LoginPageView
      chrome={testChrome({ applicationName: "Acme" }, "v2.20.0")}
      notice={undefined}
      autoStart={undefined}
      needsTerms={false}
      termsLink={undefined}
      termsAccepted={false}
      onAcceptTerms={() => {}}
      passwordEnabled
      form={<form aria-label="The password form" />}
      ssoOptions={[github]}
      redirectTo="/workspaces"
      nothingEnabled={false}
      methodsFailed={false}
      onRetryMethods={() => {}}
      {...props}
    />
  );
}

const renderView = (props: Partial<LoginPageViewProps> = {}) => render(view(props));

describe("LoginPageView", () => {
  it("shows the notice, the form given to it, then the providers, in the deployment's frame", () => {
    renderView({ notice: { tone: "info", text: "Your password was changed. Sign in again." } });
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Sign in to Acme");
    expect(document.title).toBe("Sign in to Acme");
    expect(screen.getByRole("status")).toHaveTextContent("Your password was changed.");
    expect(screen.getByRole("form", { name: "The password form" })).toBeInTheDocument();
    expect(screen.getByText("or")).toBeInTheDocument();
    const provider = screen.getByRole("link", { name: "Sign in with GitHub" });
    expect(provider.getAttribute("href")).toContain("redirect=%2Fworkspaces");
    expect(screen.getByText("Coder v2.20.0")).toBeInTheDocument();
  });

  it("with password sign-in off, leaves the form out and offers the providers alone", () => {
    renderView({ passwordEnabled: false });
    expect(screen.queryByRole("form")).toBeNull();
    expect(screen.queryByText("or")).toBeNull();
    expect(screen.getByRole("link", { name: "Sign in with GitHub" })).toBeInTheDocument();
  });

  it("says when the deployment offers no way in, or its ways couldn't be loaded", async () => {
    const onRetryMethods = vi.fn();
    renderView({ passwordEnabled: false, ssoOptions: [], nothingEnabled: true });
    expect(screen.getByText(/has no sign-in method turned on/)).toBeInTheDocument();
    renderView({ methodsFailed: true, onRetryMethods });
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(onRetryMethods).toHaveBeenCalledOnce();
  });

  it("asks for the terms first, and links them in the footer once accepted", async () => {
    const onAcceptTerms = vi.fn();
    const { rerender } = renderView({
      needsTerms: true,
      termsLink: "https://example.com/terms",
      onAcceptTerms,
    });
    expect(screen.queryByRole("form")).toBeNull();
    expect(screen.queryByRole("link", { name: /Sign in with/ })).toBeNull();
    const terms = screen.getByRole("link", { name: TERMS });
    expect(terms).toHaveAttribute("href", "https://example.com/terms");
    await userEvent.click(screen.getByRole("button", { name: "I agree" }));
    expect(onAcceptTerms).toHaveBeenCalledOnce();

    rerender(view({ termsLink: "https://example.com/terms", termsAccepted: true }));
    expect(screen.getByRole("form", { name: "The password form" })).toBeInTheDocument();
    const footer = screen.getByRole("contentinfo");
    expect(within(footer).getByRole("link", { name: TERMS })).toHaveAttribute(
      "href",
      "https://example.com/terms",
    );
  });

  it("on its way to the only provider, says so and links there", () => {
    renderView({
      passwordEnabled: false,
      autoStart: { label: "GitHub", url: "/api/v2/users/oauth2/github/callback" },
    });
    expect(screen.getByRole("status")).toHaveTextContent("Taking you to GitHub…");
    expect(screen.getByRole("link", { name: "Continue with GitHub" })).toHaveAttribute(
      "href",
      "/api/v2/users/oauth2/github/callback",
    );
  });
});
