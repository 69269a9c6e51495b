import { configure, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { HttpResponse, http } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { MockServer } from "../../../mock/msw.ts";
import { setupMockCoder } from "../../../mock/test-setup.ts";
import { queryKeys } from "../../api/keys.ts";
import { setSessionHint } from "../../api/session-hint.ts";
import { fullPageNavigation } from "../../app/navigation.ts";
import { AppRoutes } from "../../app/router.tsx";
import { loginMessages } from "../../session/login-messages.ts";
import { renderInRouter } from "../../testing/render-app.tsx";
import { PASSWORD, signInAs, signInWithSso } from "../../testing/session.ts";
import { SSO_DOCS_URL } from "./SingleSignOnSection.tsx";

/** A request the way the app sends it (cookie from the jar, CSRF header from the page). */
function apiFetch(path: string, init: { method?: string; body?: unknown } = {}) {
  const csrf = document.querySelector<HTMLMetaElement>('meta[property="csrf-token"]')?.content;
  return fetch(`/api/v2${path}`, {
    method: init.method ?? "GET",
    headers: {
      "Content-Type": "application/json",
      ...(csrf ? { "X-CSRF-TOKEN": csrf } : {}),
    },
    body: init.body === undefined ? null : JSON.stringify(init.body),
    credentials: "same-origin",
  });
}

/** The real app (its route table, guard and layouts) in a memory router. */
function renderApp(path = "/settings/security") {
  const { queryClient, location } = renderInRouter(path, <AppRoutes />);
  return { queryClient, location };
}

/** The API requests the app sent, as "METHOD /path" (without /api/v2). */
function recordRequests({ server }: MockServer): string[] {
  const seen: string[] = [];
  server.events.on("request:start", ({ request }) => {
    const url = new URL(request.url);
    if (url.pathname.startsWith("/api/v2/"))
      seen.push(`${request.method} ${url.pathname.slice("/api/v2".length)}`);
  });
  return seen;
}

// The whole app with lazy routes and real handlers: allow more than a second on a busy machine.
configure({ asyncUtilTimeout: 5000 });

const mockServer = setupMockCoder();
const { mock, server, cookies } = mockServer;
afterEach(() => {
  server.events.removeAllListeners();
  vi.restoreAllMocks();
});

const NEW_PASSWORD = "a brand new passphrase 42";

async function openAs(email: string) {
  if (email === "github@coder.com") await signInWithSso(mockServer, "github", email);
  else if (email === "oidc@coder.com") await signInWithSso(mockServer, "oidc", email);
  else await signInAs(mockServer, email);
  const requests = recordRequests(mockServer);
  const app = renderApp("/settings/security");
  await screen.findByRole("heading", { level: 1, name: "Security" });
  return { user: userEvent.setup(), requests, ...app };
}

async function fillPasswordForm(
  user: ReturnType<typeof userEvent.setup>,
  values: { old: string; password: string; confirm?: string },
) {
  await user.type(await screen.findByLabelText("Current password"), values.old);
  await user.type(screen.getByLabelText("New password"), values.password);
  await user.type(screen.getByLabelText("Confirm new password"), values.confirm ?? values.password);
}

const changePasswordButton = () => screen.getByRole("button", { name: "Change password" });
const puts = (requests: string[]) => requests.filter((r) => r === "PUT /users/me/password");

describe("a password account", () => {
  it("is offered a password change and one switch per provider, without the admin note", async () => {
    await openAs("member@coder.com");
    expect(await screen.findByRole("heading", { name: "Password" })).toBeInTheDocument();
    expect(screen.getByLabelText("Current password")).toHaveAttribute(
      "autocomplete",
      "current-password",
    );
    expect(screen.getByLabelText("New password")).toHaveAttribute("autocomplete", "new-password");
    expect(screen.getByRole("button", { name: "Switch to GitHub" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Switch to OpenID Connect" })).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: /set up OpenID Connect/ })).toBeNull();
  });

  it("names each Show button by its field, so no two controls share a name", async () => {
    await openAs("member@coder.com");
    await screen.findByLabelText("Current password");
    const toggles = screen.getAllByRole("button", { name: /^Show / });
    expect(toggles.map((button) => button.textContent)).toEqual([
      "Show current password",
      "Show new password",
      "Show confirm new password",
    ]);
    const names = screen.getAllByRole("button").map((button) => button.textContent);
    expect(new Set(names).size).toBe(names.length);
    for (const label of ["Current password", "New password", "Confirm new password"])
      expect(screen.getAllByLabelText(label)).toHaveLength(1);
  });

  it("blocks a weak new password before any request to change it", async () => {
    const { user, requests } = await openAs("member@coder.com");
    await fillPasswordForm(user, { old: PASSWORD, password: "password1" });
    await user.click(changePasswordButton());
    expect(await screen.findByText(/too easy to guess/)).toBeInTheDocument();
    expect(screen.getByLabelText("New password")).toHaveAttribute("aria-invalid", "true");
    expect(puts(requests)).toEqual([]);
  });

  it("puts a wrong current password on its field and keeps everything typed", async () => {
    const { user, requests } = await openAs("member@coder.com");
    await fillPasswordForm(user, { old: "not my password", password: NEW_PASSWORD });
    await user.click(changePasswordButton());
    const old = screen.getByLabelText("Current password");
    expect(await screen.findByText("That isn't your current password.")).toBeInTheDocument();
    expect(old).toHaveAttribute("aria-invalid", "true");
    expect(old).toHaveFocus();
    expect(old).toHaveValue("not my password");
    expect(screen.getByLabelText("New password")).toHaveValue(NEW_PASSWORD);
    expect(screen.getByLabelText("Confirm new password")).toHaveValue(NEW_PASSWORD);
    expect(puts(requests)).toHaveLength(1);
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("puts 'cannot match old password' on the new-password field", async () => {
    const { user } = await openAs("member@coder.com");
    await fillPasswordForm(user, { old: PASSWORD, password: PASSWORD });
    await user.click(changePasswordButton());
    expect(
      await screen.findByText("This is your current password. Choose a different one."),
    ).toBeInTheDocument();
    expect(screen.getByLabelText("New password")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Current password")).not.toHaveAttribute("aria-invalid");
  });

  it("puts the server's 'Invalid password.' verdict on the new-password field", async () => {
    // A future Coder with a stricter rule than ours: only the server knows.
    server.use(
      http.put("*/api/v2/users/:user/password", () =>
        HttpResponse.json(
          {
            message: "Invalid password.",
            validations: [
              {
                field: "password",
                detail:
                  "insecure password, try including more special characters, using uppercase letters, using numbers or using a longer password",
              },
            ],
          },
          { status: 400 },
        ),
      ),
    );
    const { user } = await openAs("member@coder.com");
    await fillPasswordForm(user, { old: PASSWORD, password: NEW_PASSWORD });
    await user.click(changePasswordButton());
    expect(await screen.findByText(/too easy to guess/)).toBeInTheDocument();
    expect(screen.getByLabelText("New password")).toHaveAttribute("aria-invalid", "true");
  });

  it("counts down after being rate limited, keeping what was typed", async () => {
    const { user } = await openAs("member@coder.com");
    // Use up the 60-a-minute budget of this endpoint.
    for (let i = 0; i < 60; i++) {
      const response = await apiFetch("/users/me/password", {
        method: "PUT",
        body: { old_password: "wrong", password: NEW_PASSWORD },
      });
      expect(response.status).toBe(400);
    }
    await fillPasswordForm(user, { old: PASSWORD, password: NEW_PASSWORD });
    await user.click(changePasswordButton());
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(/Too many attempts\. You can try again in/);
    // A wait, not a request in flight: the button keeps its name, shows the seconds, no spinner.
    const button = changePasswordButton();
    expect(button).toHaveAttribute("aria-disabled", "true");
    expect(button).toHaveTextContent(/^Change password\(\d+ s\)$/);
    expect(button.querySelector(".spinner")).toBeNull();
    expect(screen.getByLabelText("Current password")).toHaveValue(PASSWORD);
    expect(screen.getByLabelText("New password")).toHaveValue(NEW_PASSWORD);
  });

  it("says so when the server can't be reached, keeping what was typed", async () => {
    server.use(http.put("*/api/v2/users/:user/password", () => HttpResponse.error()));
    const { user } = await openAs("member@coder.com");
    await fillPasswordForm(user, { old: PASSWORD, password: NEW_PASSWORD });
    await user.click(changePasswordButton());
    expect(await screen.findByRole("alert")).toHaveTextContent("Can't reach the server.");
    expect(screen.getByLabelText("Confirm new password")).toHaveValue(NEW_PASSWORD);
    expect(changePasswordButton()).not.toHaveAttribute("aria-disabled");
  });

  it("after a change, forgets the session and offers sign-in with the email filled in", async () => {
    const { user, location, queryClient } = await openAs("member@coder.com");
    await fillPasswordForm(user, { old: PASSWORD, password: NEW_PASSWORD });
    await user.click(changePasswordButton());

    expect(await screen.findByText(loginMessages["password-updated"].text)).toBeInTheDocument();
    // Our message, not the signed-in layout's "session expired" one.
    expect(location().pathname).toBe("/login");
    expect(location().search).toBe("?message=password-updated");
    expect(screen.getByLabelText("Email")).toHaveValue("member@coder.com");
    expect(queryClient.getQueryData(queryKeys.me)).toBeNull();

    // Coder ended every session; the old password no longer works, the new one does.
    expect((await apiFetch("/users/me")).status).toBe(401);
    const login = (password: string) =>
      apiFetch("/users/login", { method: "POST", body: { email: "member@coder.com", password } });
    expect((await login(PASSWORD)).status).toBe(401);
    expect((await login(NEW_PASSWORD)).status).toBe(201);
  });
});

describe("when the session ends", () => {
  const DAY_AND_MORE = 25 * 60 * 60 * 1000;

  it("on page load, says so on the sign-in page (this browser was signed in)", async () => {
    await signInAs(mockServer, "member@coder.com");
    setSessionHint(true);
    mock.advanceClock(DAY_AND_MORE);
    const { location } = renderApp("/settings/security");
    expect(await screen.findByText(loginMessages["session-expired"].text)).toBeInTheDocument();
    expect(location().pathname).toBe("/login");
    const params = new URLSearchParams(location().search);
    expect(params.get("message")).toBe("session-expired");
    expect(params.get("redirect")).toBe("/settings/security");
  });

  it("on page load, says nothing for a browser that never signed in", async () => {
    setSessionHint(false);
    const { location } = renderApp("/settings/security");
    await waitFor(() => expect(location().pathname).toBe("/login"));
    expect(location().search).toBe("?redirect=%2Fsettings%2Fsecurity");
    await screen.findByLabelText("Email");
    expect(screen.queryByText(loginMessages["session-expired"].text)).toBeNull();
  });

  it("during a visit, says so over the page and keeps the address, starting at the password", async () => {
    const { location, queryClient } = await openAs("member@coder.com");
    mock.advanceClock(DAY_AND_MORE);
    await queryClient.invalidateQueries({ queryKey: queryKeys.me });
    const dialog = await screen.findByRole("dialog", { name: "Your session has ended" });
    expect(location().pathname).toBe("/settings/security");
    expect(within(dialog).getByLabelText("Email")).toHaveValue("member@coder.com");
    await waitFor(() =>
      expect(within(dialog).getByLabelText("Password", { selector: "input" })).toHaveFocus(),
    );
  });
});

describe("switching to single sign-on", () => {
  async function openDialog(provider: RegExp = /Switch to OpenID Connect/) {
    const context = await openAs("member@coder.com");
    const opener = await screen.findByRole("button", { name: provider });
    await context.user.click(opener);
    return { ...context, opener, dialog: screen.getByRole("dialog") };
  }

  it("asks for the password in a dialog that says what will happen", async () => {
    mock.config.oidcSignInText = "<b>Acme</b> SSO";
    const { dialog } = await openDialog(/Switch to <b>Acme<\/b> SSO/);
    expect(dialog).toHaveAccessibleName("Switch to <b>Acme</b> SSO?");
    expect(dialog).toHaveAccessibleDescription(/can't be undone/);
    expect(dialog).toHaveAccessibleDescription(/signed out/);
    expect(dialog).toHaveAccessibleDescription(/email is exactly member@coder\.com/);
    expect(dialog.querySelector("b")).toBeNull();
    const password = within(dialog).getByLabelText("Current password");
    expect(password).toHaveAttribute("autocomplete", "current-password");
    expect(password).toHaveFocus();
    const username = dialog.querySelector('input[autocomplete="username"]');
    expect(username).toHaveValue("member@coder.com");
    expect(username).not.toBeVisible();
  });

  it("shows a wrong password in the dialog and keeps the user signed in", async () => {
    const assign = vi.spyOn(fullPageNavigation, "assign").mockImplementation(() => {});
    const { user, dialog, requests, location } = await openDialog();
    await user.type(within(dialog).getByLabelText("Current password"), "not my password");
    await user.click(within(dialog).getByRole("button", { name: "Switch to OpenID Connect" }));

    // The same words as the change-password form's for the same mistake.
    expect(
      await within(dialog).findByText("That isn't your current password."),
    ).toBeInTheDocument();
    expect(within(dialog).getByLabelText("Current password")).toHaveAttribute(
      "aria-invalid",
      "true",
    );
    // The 401 made the app ask who is signed in; the answer is still this user.
    const convert = requests.indexOf("POST /users/me/convert-login");
    await waitFor(() => expect(requests.slice(convert)).toContain("GET /users/me"));
    expect(dialog).toHaveAttribute("open");
    expect(location().pathname).toBe("/settings/security");
    expect(screen.getByText("member@coder.com", { selector: "header span" })).toBeInTheDocument();
    expect((await apiFetch("/users/me")).status).toBe(200);
    expect(assign).not.toHaveBeenCalled();
  });

  it.each([
    ["oidc", /Switch to OpenID Connect/, "/api/v2/users/oidc/callback"],
    ["github", /Switch to GitHub/, "/api/v2/users/oauth2/github/callback"],
  ] as const)(
    "with the right password, leaves for %s with the merge state and our message",
    async (provider, name, callback) => {
      const assign = vi.spyOn(fullPageNavigation, "assign").mockImplementation(() => {});
      const { user, dialog } = await openDialog(name);
      await user.type(within(dialog).getByLabelText("Current password"), PASSWORD);
      await user.click(within(dialog).getByRole("button", { name }));

      await waitFor(() => expect(assign).toHaveBeenCalledTimes(1));
      const target = new URL(assign.mock.calls[0]?.[0] ?? "", "http://app.invalid");
      expect(target.origin).toBe("http://app.invalid");
      expect(target.pathname).toBe(callback);
      expect(target.searchParams.get("oidc_merge_state")).toMatch(/^convert-[0-9A-Za-z]{32}$/);
      expect(target.searchParams.get("redirect")).toBe(
        `/login?message=login-type-changed-${provider}`,
      );
      expect(cookies.get("coder_oauth_convert_jwt")).toBeTruthy();
    },
  );

  it("closes on Cancel and gives focus back to the button that opened it", async () => {
    const { user, dialog, opener } = await openDialog();
    await user.type(within(dialog).getByLabelText("Current password"), "half typed");
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(dialog).not.toHaveAttribute("open");
    expect(opener).toHaveFocus();
    // Nothing typed survives a close.
    await user.click(opener);
    expect(within(screen.getByRole("dialog")).getByLabelText("Current password")).toHaveValue("");
  });
});

describe("an account on single sign-on", () => {
  it.each([
    ["github@coder.com", "Signed in with GitHub"],
    ["oidc@coder.com", "Signed in with Acme SSO"],
  ])("%s sees how it signs in, and no password form or switch", async (email, text) => {
    mock.config.oidcSignInText = "Acme SSO";
    const { requests } = await openAs(email);
    expect(await screen.findByText(text)).toBeInTheDocument();
    expect(screen.queryByLabelText("Current password")).toBeNull();
    expect(screen.queryByRole("button", { name: /Switch to/ })).toBeNull();
    expect(requests).toContain("GET /users/me/login-type");
  });
});

describe("with no single sign-on provider configured", () => {
  it.each([
    ["admin@coder.com", true],
    ["user-admin@coder.com", true],
    ["member@coder.com", false],
    ["auditor@coder.com", false],
    ["template-admin@coder.com", false],
  ])("%s is told how to turn it on: %s", async (email, told) => {
    mock.config.github = false;
    mock.config.oidc = false;
    await openAs(email);
    expect(await screen.findByText(/no single sign-on provider set up/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Switch to/ })).toBeNull();
    const docs = screen.queryByRole("link", { name: /How to set up OpenID Connect/ });
    if (told) expect(docs).toHaveAttribute("href", SSO_DOCS_URL);
    else expect(docs).toBeNull();
  });
});

describe("permissions", () => {
  it("asks /authcheck once for the whole set, with the checks the page needs", async () => {
    const bodies: unknown[] = [];
    server.events.on("request:start", async ({ request }) => {
      if (new URL(request.url).pathname === "/api/v2/authcheck")
        bodies.push(await request.clone().json());
    });
    await openAs("member@coder.com");
    await screen.findByRole("heading", { name: "Password" });
    expect(bodies).toEqual([
      {
        checks: {
          updateOwnAccount: {
            object: { resource_type: "user", owner_id: "me" },
            action: "update_personal",
          },
          manageUsers: { object: { resource_type: "user" }, action: "update" },
          manageDeployment: { object: { resource_type: "deployment_config" }, action: "update" },
        },
      },
    ]);
  });

  it("asks /authcheck alongside users/me when this browser was signed in before", async () => {
    await signInAs(mockServer, "member@coder.com");
    setSessionHint(true);
    const events: string[] = [];
    const name = (request: Request) => `${request.method} ${new URL(request.url).pathname}`;
    server.events.on("request:start", ({ request }) => events.push(`start ${name(request)}`));
    server.events.on("response:mocked", ({ request }) => events.push(`end ${name(request)}`));
    renderApp("/settings/security");
    await screen.findByRole("heading", { name: "Password" });
    const authcheck = events.indexOf("start POST /api/v2/authcheck");
    expect(authcheck).toBeGreaterThanOrEqual(0);
    expect(authcheck).toBeLessThan(events.indexOf("end GET /api/v2/users/me"));
    expect(events.filter((e) => e === "start POST /api/v2/authcheck")).toHaveLength(1);
  });

  it("offers nothing to change when the server says the user may not", async () => {
    server.use(
      http.post("*/api/v2/authcheck", () =>
        HttpResponse.json({ updateOwnAccount: false, manageUsers: false }),
      ),
    );
    await openAs("member@coder.com");
    expect(await screen.findByText(/can't change its own sign-in settings/)).toBeInTheDocument();
    expect(screen.queryByLabelText("Current password")).toBeNull();
    expect(screen.queryByRole("button", { name: /Switch to/ })).toBeNull();
  });
});
