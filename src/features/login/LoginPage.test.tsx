import { configure, screen, waitFor } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setupMockCoder } from "../../../mock/test-setup.ts";
import { fullPageNavigation } from "../../app/navigation.ts";
import { renderApp } from "../../testing/render-app.tsx";

// The first render waits for the page's lazy chunk, which a busy machine takes a while to load.
configure({ asyncUtilTimeout: 5000 });

const PASSWORD = "SomeSecurePassword!";
const { mock, server } = setupMockCoder();
const logins: unknown[] = [];
server.events.on("request:start", async ({ request }) => {
  if (new URL(request.url).pathname === "/api/v2/users/login")
    logins.push(await request.clone().json());
});

// jsdom can't load pages: watch the app ask for one instead.
const assign = vi.spyOn(fullPageNavigation, "assign").mockImplementation(() => {});

afterEach(() => {
  localStorage.clear();
  logins.length = 0;
  assign.mockClear();
});

async function fillAndSubmit(
  user: ReturnType<typeof renderApp>["user"],
  email: string,
  password: string,
) {
  await user.type(await screen.findByLabelText("Email"), email);
  await user.type(screen.getByLabelText("Password", { selector: "input" }), password);
  await user.click(screen.getByRole("button", { name: "Sign in" }));
}

describe("LoginPage against the mock Coder", { timeout: 30_000 }, () => {
  it("signs in and goes on to Coder's dashboard with a full page load", async () => {
    const { user, location } = renderApp("/login");
    await fillAndSubmit(user, "  admin@coder.com ", PASSWORD);
    await waitFor(() => expect(assign).toHaveBeenCalledWith("/"));
    expect(assign).toHaveBeenCalledTimes(1);
    expect(location().pathname).toBe("/login");
    expect(logins).toEqual([{ email: "admin@coder.com", password: PASSWORD }]);
  });

  it("loads any other page of Coder's in full too", async () => {
    const { user } = renderApp("/login?redirect=%2F%40admin%2Fdev%3Ftab%3Dapps");
    await fillAndSubmit(user, "admin@coder.com", PASSWORD);
    await waitFor(() => expect(assign).toHaveBeenCalledWith("/@admin/dev?tab=apps"));
  });

  it("goes on to the app's own pages in the app", async () => {
    const { user, location } = renderApp("/login?redirect=%2Fsettings%2Fsecurity");
    await fillAndSubmit(user, "member@coder.com", PASSWORD);
    await waitFor(() => expect(location().pathname).toBe("/settings/security"));
    expect(assign).not.toHaveBeenCalled();
  });

  it("says what the server said about a wrong password, keeps the input, and puts the cursor back in the password", async () => {
    const { user } = renderApp("/login");
    await fillAndSubmit(user, "member@coder.com", "wrong-password");
    const password = screen.getByLabelText<HTMLInputElement>("Password", { selector: "input" });
    // Read out once, as the description of the field the cursor moves to (no live region too).
    await waitFor(() => expect(password).toHaveFocus());
    expect(password).toHaveAccessibleDescription("Incorrect email or password.");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByText("Incorrect email or password.")).toBeVisible();
    // Selected: typing replaces what was wrong.
    expect([password.selectionStart, password.selectionEnd]).toEqual([0, 14]);
    expect(screen.getByLabelText("Email")).toHaveValue("member@coder.com");
    expect(password).toHaveValue("wrong-password");

    // Typed again and sent with Enter from the field itself: the message goes, the cursor stays.
    await user.keyboard("still-wrong{Enter}");
    await waitFor(() => expect(logins).toHaveLength(2));
    await waitFor(() =>
      expect(password).toHaveAccessibleDescription("Incorrect email or password."),
    );
    expect(password).toHaveFocus();
  });

  it("takes the stale message away as soon as the person starts fixing things", async () => {
    const { user } = renderApp("/login");
    await fillAndSubmit(user, "member@coder.com", "wrong-password");
    expect(await screen.findByText("Incorrect email or password.")).toBeInTheDocument();
    const password = screen.getByLabelText("Password", { selector: "input" });
    await user.clear(password);
    expect(screen.queryByText("Incorrect email or password.")).toBeNull();
    expect(document.querySelector("form")).not.toHaveAttribute("aria-describedby");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    // Only the new, accurate message is left.
    expect(await screen.findByText("Enter your password.")).toBeInTheDocument();
    expect(screen.queryByText("Incorrect email or password.")).toBeNull();
  });

  // Issue 21: Coder's text ('Incorrect login type, attempting to use "password" but user is of
  // login type "oidc"') was shown as it came, jargon and no full stop.
  it("tells an account that now signs in another way which way, in a sentence", async () => {
    server.use(
      http.post("/api/v2/users/login", () =>
        HttpResponse.json(
          {
            message:
              'Incorrect login type, attempting to use "password" but user is of login type "oidc"',
          },
          { status: 403 },
        ),
      ),
    );
    const { user } = renderApp("/login");
    await screen.findByLabelText("Email");
    await fillAndSubmit(user, "oidc@coder.com", PASSWORD);
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "This account signs in with OpenID Connect, not a password. Use that option on this page instead.",
    );
  });

  it("takes a server failure's alert away on the first edit too", async () => {
    const { user } = renderApp("/login");
    await screen.findByLabelText("Email");
    // Password sign-in turned off on the server after the page has loaded its methods.
    mock.config.passwordAuth = false;
    await fillAndSubmit(user, "member@coder.com", PASSWORD);
    expect(await screen.findByRole("alert")).toHaveTextContent("Password sign-in is turned off");
    await user.type(screen.getByLabelText("Email"), "x");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("focuses the email field once the terms are accepted, providers or not", async () => {
    mock.config.termsOfServiceUrl = "https://example.com/terms";
    const { user } = renderApp("/login");
    await user.click(await screen.findByRole("button", { name: "I agree" }));
    await screen.findByRole("link", { name: "Sign in with GitHub" });
    expect(await screen.findByLabelText("Email")).toHaveFocus();
  });

  it("focuses the first provider once the terms are accepted when there is no password", async () => {
    mock.config.termsOfServiceUrl = "https://example.com/terms";
    mock.config.passwordAuth = false;
    const { user } = renderApp("/login?choose=1");
    await user.click(await screen.findByRole("button", { name: "I agree" }));
    expect(await screen.findByRole("link", { name: "Sign in with GitHub" })).toHaveFocus();
  });

  it("focuses the email field after the terms when the password form is the only way in", async () => {
    mock.config.termsOfServiceUrl = "https://example.com/terms";
    mock.config.github = false;
    mock.config.oidc = false;
    const { user } = renderApp("/login");
    await user.click(await screen.findByRole("button", { name: "I agree" }));
    expect(await screen.findByLabelText("Email")).toHaveFocus();
  });

  it("starts at the password after a reset, the address filled in", async () => {
    renderApp({
      pathname: "/login",
      search: "?message=password-changed",
      state: { email: "member@coder.com" },
    });
    const password = await screen.findByLabelText("Password", { selector: "input" });
    expect(screen.getByLabelText("Email")).toHaveValue("member@coder.com");
    await waitFor(() => expect(password).toHaveFocus());
  });

  it("tells a suspended member why", async () => {
    const { user } = renderApp("/login");
    await fillAndSubmit(user, "suspended@coder.com", PASSWORD);
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Your account is suspended. Contact an admin to reactivate your account.",
    );
  });

  it("blocks a malformed email before any request, and ties the error to the field", async () => {
    const { user } = renderApp("/login");
    await fillAndSubmit(user, "admin-at-coder", PASSWORD);
    const email = screen.getByLabelText("Email");
    expect(
      await screen.findByText("Enter a valid email address, like name@example.com."),
    ).toBeInTheDocument();
    expect(email).toHaveAttribute("aria-invalid", "true");
    expect(email).toHaveAccessibleDescription(
      "Enter a valid email address, like name@example.com.",
    );
    expect(logins).toEqual([]);
  });

  it("honours a same-origin redirect and ignores a hostile one", async () => {
    const first = renderApp("/login?redirect=%2Fsettings%2Fsecurity");
    await fillAndSubmit(first.user, "member@coder.com", PASSWORD);
    await waitFor(() => expect(first.location().pathname).toBe("/settings/security"));
    first.unmount();
    mock.reset();

    const second = renderApp("/login?redirect=%2F%2Fevil.example%2Fx");
    await fillAndSubmit(second.user, "member@coder.com", PASSWORD);
    await waitFor(() => expect(assign).toHaveBeenCalledWith("/"));
    expect(assign).toHaveBeenCalledTimes(1);
  });

  it("builds single sign-on links from authmethods, with the OIDC text as text", async () => {
    mock.config.oidcSignInText = "<b>Okta</b>";
    renderApp("/login?redirect=%2Fsettings%2Fsecurity");
    const github = await screen.findByRole("link", { name: "Sign in with GitHub" });
    expect(github).toHaveAttribute(
      "href",
      "/api/v2/users/oauth2/github/callback?redirect=%2Fsettings%2Fsecurity",
    );
    expect(screen.getByRole("link", { name: "Sign in with <b>Okta</b>" })).toHaveAttribute(
      "href",
      "/api/v2/users/oidc/callback?redirect=%2Fsettings%2Fsecurity",
    );
    expect(document.querySelector("b")).toBeNull();
  });

  it("hides the password form when password login is off", async () => {
    mock.config.passwordAuth = false;
    renderApp("/login");
    expect(await screen.findByRole("link", { name: "Sign in with GitHub" })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByLabelText("Email")).not.toBeInTheDocument());
  });

  it("shows only messages it knows", async () => {
    const known = renderApp("/login?message=password-changed");
    expect(await screen.findByText(/Your password has been changed/)).toBeInTheDocument();
    known.unmount();
    renderApp("/login?message=Call%20support%20at%20555-0100");
    await screen.findByLabelText("Email");
    expect(screen.queryByText(/555-0100/)).not.toBeInTheDocument();
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
  });
});
