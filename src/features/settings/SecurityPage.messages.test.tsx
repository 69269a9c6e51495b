// The security page's known messages: a switch to single sign-on that failed (the front door's
// convert-failed ids) or went through, shown once and then taken out of the address bar.
import { configure, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { setupMockCoder } from "../../../mock/test-setup.ts";
import { renderApp } from "../../testing/render-app.tsx";
import { signInAs, ssoRoundTrip, withCsrfMeta } from "../../testing/session.ts";

configure({ asyncUtilTimeout: 5000 });
const mockServer = setupMockCoder();

afterEach(() => localStorage.clear());

async function openAsMember(search: string) {
  await signInAs(mockServer, "member@coder.com");
  const app = renderApp(`/settings/security${search}`);
  await screen.findByRole("heading", { level: 1, name: "Security" });
  return app;
}

describe("a switch to single sign-on that failed", () => {
  it.each([
    [
      "convert-failed-400",
      "The switch to single sign-on didn't happen: it was cancelled at the identity provider, or you signed in there with an account whose email isn't member@coder.com. Nothing changed: you still sign in with your password. To try again, choose a provider below and sign in there as member@coder.com.",
    ],
    [
      "convert-failed-401",
      /couldn't be verified.*Nothing changed: you still sign in with your password\. Start it again below\./,
    ],
    [
      "convert-failed-403",
      /belongs to another Coder account.*sign in at the provider as member@coder\.com/,
    ],
    ["convert-failed-409", /didn't go through\. Nothing changed.*ask your administrator/],
    [
      "convert-failed-500",
      /took longer than five minutes.*finish at the provider within five minutes/,
    ],
    [
      "convert-failed",
      /didn't go through\. Nothing changed: you still sign in with your password\. Try again below in a moment/,
    ],
  ])("%s: says so, with focus on it, and the way to try again right below", async (id, text) => {
    const { location } = await openAsMember(`?message=${id}`);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(text);
    await waitFor(() => expect(alert).toHaveFocus());
    // The user is still signed in with the password, and can start again.
    expect(screen.getByRole("heading", { name: "Password" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: /Switch to GitHub/ })).toBeEnabled();
    expect(location().pathname).toBe("/settings/security");
  });

  it("leaves the address bar by replacing the entry, keeps other parameters, and keeps the notice", async () => {
    const { location, navigationType } = await openAsMember("?tab=sso&message=convert-failed-400");
    const alert = await screen.findByRole("alert");
    await waitFor(() => expect(location().search).toBe("?tab=sso"));
    expect(navigationType()).toBe("REPLACE");
    expect(alert).toBeInTheDocument();
    expect(alert).toHaveTextContent("Nothing changed");
  });

  it("shows nothing for an id it doesn't know, and still takes it out of the address bar", async () => {
    const { location } = await openAsMember("?message=convert-failed-418");
    await screen.findByRole("heading", { name: "Password" });
    expect(screen.queryByRole("alert")).toBeNull();
    await waitFor(() => expect(location().search).toBe(""));
  });

  it("says nothing of a failed switch to an account that has switched since (it would not be true)", async () => {
    await ssoRoundTrip("github", "github@coder.com");
    withCsrfMeta(mockServer);
    renderApp("/settings/security?message=convert-failed-400");
    expect(await screen.findByText("Signed in with GitHub")).toBeInTheDocument();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("sends a signed-out visitor through sign-in and shows the message afterwards, once", async () => {
    // The page as Coder's handler would serve it, CSRF token included.
    withCsrfMeta(mockServer);
    const { location, user } = renderApp("/settings/security?message=convert-failed-401");
    await screen.findByRole("heading", { level: 1, name: "Sign in to Coder" });
    const redirect = new URLSearchParams(location().search).get("redirect");
    expect(redirect).toBe("/settings/security?message=convert-failed-401");
    await user.type(screen.getByLabelText("Email"), "member@coder.com");
    await user.type(
      screen.getByLabelText("Password", { selector: "input" }),
      "SomeSecurePassword!",
    );
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("couldn't be verified");
    await waitFor(() => expect(location().search).toBe(""));
  });
});

describe("a switch to single sign-on that went through", () => {
  it.each([
    ["github", "github@coder.com", "Your account now signs in with GitHub."],
    ["oidc", "oidc@coder.com", "Your account now signs in with OpenID Connect."],
  ] as const)("%s: a quiet confirmation next to the new method", async (provider, email, text) => {
    await ssoRoundTrip(provider, email);
    withCsrfMeta(mockServer);
    const { location } = renderApp(`/settings/security?message=login-type-changed-${provider}`);
    const confirmation = await screen.findByText(new RegExp(`^${text.replace(/\./g, "\\.")}`));
    const region = confirmation.closest('[role="status"]');
    expect(region).not.toBeNull();
    expect(region).not.toHaveFocus();
    expect(within(region as HTMLElement).getByText(/can't be undone/)).toBeInTheDocument();
    await waitFor(() => expect(location().search).toBe(""));
  });

  it("is not claimed for a password account (a stale or forged link)", async () => {
    await openAsMember("?message=login-type-changed-github");
    await screen.findByRole("heading", { name: "Password" });
    expect(screen.queryByText(/now signs in with GitHub/)).toBeNull();
  });
});
