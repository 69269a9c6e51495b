// The setup page's markup from props alone: no query client, no router, no mock server.
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { testChrome } from "../../testing/chrome.ts";
import { SetupPageView, type SetupPageViewProps } from "./SetupPageView.tsx";

const renderView = (props: Partial<SetupPageViewProps> = {}) =>
  render(
    <SetupPageView
      chrome={testChrome({ applicationName: "Acme" })}
      passwordEnabled
      githubSignUp={false}
      form={<form aria-label="The setup form" />}
      {...props}
    />,
  );

const GITHUB = "Continue with GitHub";

describe("SetupPageView", () => {
  it("shows the form given to it under the page's heading, in the deployment's frame", () => {
    renderView();
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Create the first account");
    expect(document.title).toBe("Set up Coder · Acme");
    expect(screen.getByRole("form", { name: "The setup form" })).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: GITHUB })).toBeNull();
  });

  it("offers GitHub below the form when Coder's GitHub app may create the account", () => {
    renderView({ githubSignUp: true });
    const github = screen.getByRole("link", { name: GITHUB });
    expect(github).toHaveAttribute("href", "/api/v2/users/oauth2/github/callback?redirect=%2F");
    expect(
      screen.getByRole("form").compareDocumentPosition(github) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(screen.getByText("or")).toBeInTheDocument();
  });

  it("with password sign-in off, offers GitHub alone, or says nothing can create the account", () => {
    const { unmount } = renderView({ passwordEnabled: false, githubSignUp: true });
    expect(screen.queryByRole("form")).toBeNull();
    expect(screen.queryByText("or")).toBeNull();
    expect(screen.getByRole("link", { name: GITHUB })).toBeInTheDocument();
    unmount();

    renderView({ passwordEnabled: false });
    expect(screen.queryByRole("form")).toBeNull();
    expect(screen.getByRole("status")).toHaveTextContent(
      "Password sign-in is turned off, and this deployment offers no other way to create its first account.",
    );
  });
});
