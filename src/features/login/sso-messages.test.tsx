// How single sign-on ends on the sign-in page: the front door's ids for failed round trips,
// Coder's own words when it sends people here, a suspended account, and a finished switch to
// single sign-on (signed in already, or not).
import { configure, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { setupMockCoder } from "../../../mock/test-setup.ts";
import { setSessionHint } from "../../api/session-hint.ts";
import { renderApp } from "../../testing/render-app.tsx";
import { signInAs, ssoRoundTrip, startConversion, withCsrfMeta } from "../../testing/session.ts";

configure({ asyncUtilTimeout: 5000 });
const mockServer = setupMockCoder();
const { cookies, mock } = mockServer;

afterEach(() => localStorage.clear());

const loginAt = (search: string) => renderApp(`/login?${search}`);

/** The notice at the top of the page: errors interrupt (alert), the rest wait (status). */
const notice = (role: "alert" | "status") => screen.findByRole(role);

describe("a failed single sign-on round trip, as the front door names it", () => {
  it.each([
    ["sso-failed-400", /cancelled at your identity provider, or the provider reported a problem/],
    // Issue 21: the organization refusal (a 401 too) leads with its likely cause.
    [
      "sso-failed-401",
      /^Coder didn.t accept this sign-in\. Most often the account isn.t in a GitHub organization/,
    ],
    [
      "sso-failed-403",
      /has no Coder account yet.*signs in another way, for example with a password/,
    ],
    ["sso-failed-409", /username it would get is already taken/],
    ["sso-failed-500", /Something went wrong while finishing single sign-on/],
    ["sso-failed", /Single sign-on didn't finish\. Try again in a moment/],
  ])("%s says what happened and what to do, next to every way to sign in", async (id, text) => {
    loginAt(`message=${id}`);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(text);
    // What to do next is right there: the form and the providers.
    expect(await screen.findByRole("link", { name: "Sign in with GitHub" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Sign in with OpenID Connect" })).toBeInTheDocument();
    expect(screen.getByLabelText("Email")).toBeInTheDocument();
  });

  it("ignores ids it doesn't know (a status the front door never sends)", async () => {
    loginAt("message=sso-failed-418");
    await screen.findByRole("link", { name: "Sign in with GitHub" });
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.queryByRole("status")).toBeNull();
  });
});

describe("Coder's own words in ?message=", () => {
  it.each([
    [
      // httpmw.RedirectToLogin (workspace apps) with SignedOutErrorMessage
      "You are signed out or your session has expired. Please sign in again to continue.",
      "status",
      "Your session has ended. Sign in again to continue.",
    ],
    [
      'User is not active (status = "suspended"). Contact an admin to reactivate your account.',
      "alert",
      "Your account is suspended, so it can't sign in. Ask an administrator to reactivate it.",
    ],
    [
      // httpmw.CustomRedirectToLogin from the GitHub callback
      "You aren't a member of the authorized Github organizations!",
      "alert",
      /isn't in an organization or team this deployment allows/,
    ],
    [
      "You aren't a member of an authorized team in the [acme] Github organization(s)!",
      "alert",
      /isn't in an organization or team this deployment allows/,
    ],
    [
      // Coder's dashboard, after a switch to GitHub
      "Login type has been changed to Github. Log in again using the new method.",
      "status",
      "Your account now signs in with GitHub. Use the GitHub button to sign in.",
    ],
  ] as const)("%j is shown in our words", async (coderText, role, ours) => {
    loginAt(new URLSearchParams({ message: coderText, redirect: "/settings/security" }).toString());
    expect(await notice(role)).toHaveTextContent(ours);
  });

  it("shows nothing for any other text, so a link can't put words on the page", async () => {
    loginAt(`message=${encodeURIComponent("Your account was locked. Call +1 555 0100 now.")}`);
    await screen.findByRole("link", { name: "Sign in with GitHub" });
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.queryByRole("status")).toBeNull();
    expect(document.body).not.toHaveTextContent("Call +1 555 0100");
  });
});

describe("a suspended account signed in through single sign-on", () => {
  it("lands on the sign-in page, told why, instead of going round again", async () => {
    // Coder hands the suspended account a session; its first request is refused.
    const trip = await ssoRoundTrip("github", "suspended-sso@coder.com", {
      redirect: "/settings/security",
    });
    expect(trip).toEqual({ status: 307, location: "/settings/security" });
    expect(cookies.get("coder_session_token")).toBeTruthy();

    const { location } = renderApp("/settings/security");
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Your account is suspended, so it can't sign in. Ask an administrator to reactivate it.",
    );
    expect(location().pathname).toBe("/login");
    expect(new URLSearchParams(location().search).get("redirect")).toBe("/settings/security");
  });

  it("is told so on the sign-in page too, when this browser asks who is signed in", async () => {
    await ssoRoundTrip("github", "suspended-sso@coder.com");
    setSessionHint(true);
    loginAt("redirect=%2Fsettings%2Fsecurity");
    expect(await screen.findByRole("alert")).toHaveTextContent("Your account is suspended");
    expect(screen.getByLabelText("Email")).toBeInTheDocument();
  });
});

describe("after a switch to single sign-on", () => {
  it("names the provider to sign in with: the OpenID Connect button's text as the deployment sets it", async () => {
    mockServer.mock.config.oidcSignInText = "Okta Workforce";
    loginAt("message=login-type-changed-oidc");
    const status = await notice("status");
    // Named once the deployment's sign-in methods are in (the first load waits for them).
    await waitFor(() =>
      expect(status).toHaveTextContent(
        'Your account now signs in with Okta Workforce. Use "Sign in with Okta Workforce" below.',
      ),
    );
    expect(await screen.findByRole("link", { name: "Sign in with Okta Workforce" })).toBeVisible();
  });

  it("names Coder's default when the deployment sets no button text", async () => {
    mockServer.mock.config.oidcSignInText = "";
    loginAt("message=login-type-changed-oidc");
    expect(await notice("status")).toHaveTextContent(
      'Your account now signs in with OpenID Connect. Use "Sign in with OpenID Connect" below.',
    );
  });

  it("signed out (what Coder does when the old session was live): sign in with the new method, then see the settings", async () => {
    loginAt("message=login-type-changed-github");
    expect(await notice("status")).toHaveTextContent("Your account now signs in with GitHub.");
    const github = await screen.findByRole("link", { name: "Sign in with GitHub" });
    const href = new URL(github.getAttribute("href") ?? "", "http://app.invalid");
    expect(href.searchParams.get("redirect")).toBe(
      "/settings/security?message=login-type-changed-github",
    );
  });

  // Issue 21: it said "Use the single sign-on button" though the page knows the provider's name.
  it("signed out after switching to OpenID Connect: the notice names the provider as its button does", async () => {
    mock.config.oidcSignInText = "Acme SSO";
    loginAt("message=login-type-changed-oidc");
    await screen.findByRole("link", { name: "Sign in with Acme SSO" });
    expect(await notice("status")).toHaveTextContent(
      'Your account now signs in with Acme SSO. Use "Sign in with Acme SSO" below.',
    );
  });

  it("already signed in (Coder signed the browser in with the new method): no second trip, straight to the settings", async () => {
    await signInAs(mockServer, "member@coder.com");
    const state = await startConversion(mockServer, "oidc");
    // The password session was gone by the time the provider sent the browser back.
    cookies.delete("coder_session_token");
    const trip = await ssoRoundTrip("oidc", "member@coder.com", {
      oidc_merge_state: state,
      redirect: "/login?message=login-type-changed-oidc",
    });
    expect(trip).toEqual({ status: 307, location: "/login?message=login-type-changed-oidc" });
    withCsrfMeta(mockServer);
    // An SSO session leaves no hint that anyone is signed in.
    setSessionHint(false);

    const { location } = renderApp("/login?message=login-type-changed-oidc");
    expect(
      await screen.findByText(
        /^Your account now signs in with OpenID Connect\. It no longer has a password/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1, name: "Security" })).toBeInTheDocument();
    expect(screen.getByText("Signed in with OpenID Connect")).toBeInTheDocument();
    await waitFor(() => expect(location().search).toBe(""));
    expect(location().pathname).toBe("/settings/security");
  });
});
