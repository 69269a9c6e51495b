// Sessions that end well: what another tab does reaches this one, and a session that runs out on
// a signed-in page is renewed in place, keeping what was typed. (How fast, in a real browser with
// two tabs, is e2e/sessions.spec.ts's to measure.)
import { act, configure, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setupMockCoder } from "../../../mock/test-setup.ts";
import { fullPageNavigation } from "../../app/navigation.ts";
import { renderApp } from "../../testing/render-app.tsx";
import {
  otherTab,
  PASSWORD,
  signInAs,
  signInWithSso,
  withCsrfMeta,
} from "../../testing/session.ts";

configure({ asyncUtilTimeout: 10_000 });
vi.setConfig({ testTimeout: 30_000 });

const mockServer = setupMockCoder();
const { mock } = mockServer;

const NEW_PASSWORD = "a brand new passphrase 42";
const DAY = 24 * 60 * 60 * 1000;

const tabs: Array<ReturnType<typeof otherTab>> = [];
function anotherTab() {
  const tab = otherTab();
  tabs.push(tab);
  return tab;
}
afterEach(() => {
  for (const tab of tabs.splice(0)) tab.close();
  localStorage.clear();
  vi.restoreAllMocks();
});

/** What another tab's sign-out does to the shared cookie. */
async function signOutElsewhere() {
  const csrf = document.querySelector<HTMLMetaElement>('meta[property="csrf-token"]')?.content;
  const response = await fetch("/api/v2/users/logout", {
    method: "POST",
    headers: csrf ? { "X-CSRF-TOKEN": csrf } : {},
  });
  expect(response.status).toBe(200);
}

async function openSecurity(email = "member@coder.com") {
  await signInAs(mockServer, email);
  const app = renderApp("/settings/security");
  await screen.findByRole("heading", { level: 1, name: "Security" });
  return app;
}

const field = (label: string) => screen.getByLabelText(label, { selector: "input" });
const search = (location: ReturnType<typeof renderApp>["location"]) =>
  Object.fromEntries(new URLSearchParams(location().search));

describe("what other tabs do reaches this one at once", () => {
  it("signed out elsewhere: a settings page goes to sign-in, and the account's email goes", async () => {
    const tab = anotherTab();
    const { location } = await openSecurity();
    expect(screen.getByText("member@coder.com", { selector: "header span" })).toBeVisible();
    await signOutElsewhere();
    tab.say("signed-out");
    await waitFor(() => expect(location().pathname).toBe("/login"));
    expect(search(location)).toEqual({ redirect: "/settings/security", message: "signed-out" });
    expect(await screen.findByText("You have signed out.")).toBeVisible();
    expect(screen.queryByText("member@coder.com")).toBeNull();
  });

  it("password changed elsewhere: sign in again with the new one", async () => {
    const tab = anotherTab();
    const { location } = await openSecurity();
    // What the other tab's change does: Coder ends every session of the account.
    const csrf = document.querySelector<HTMLMetaElement>('meta[property="csrf-token"]')?.content;
    const change = await fetch("/api/v2/users/me/password", {
      method: "PUT",
      headers: { "Content-Type": "application/json", ...(csrf ? { "X-CSRF-TOKEN": csrf } : {}) },
      body: JSON.stringify({ old_password: PASSWORD, password: NEW_PASSWORD }),
    });
    expect(change.status).toBe(204);
    tab.say("password-changed");
    await waitFor(() => expect(location().pathname).toBe("/login"));
    expect(search(location)).toEqual({
      redirect: "/settings/security",
      message: "password-updated",
    });
  });

  it("signed in elsewhere: a waiting sign-in page goes on to where it was headed", async () => {
    const tab = anotherTab();
    withCsrfMeta(mockServer);
    const { location } = renderApp("/login?redirect=%2Fsettings%2Fsecurity");
    await screen.findByRole("heading", { level: 1, name: "Sign in to Coder" });
    // The other tab signs in: the cookie is shared.
    await signInAs(mockServer, "member@coder.com");
    tab.say("signed-in");
    await screen.findByRole("heading", { level: 1, name: "Security" });
    expect(location().pathname).toBe("/settings/security");
  });

  it("tells the other tabs when it signs in", async () => {
    const tab = anotherTab();
    const { user } = renderApp("/login?redirect=%2Fsettings%2Fsecurity");
    await user.type(await screen.findByLabelText("Email"), "member@coder.com");
    await user.type(field("Password"), PASSWORD);
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    await screen.findByRole("heading", { level: 1, name: "Security" });
    await waitFor(() => expect(tab.heard).toEqual(["signed-in"]));
  });

  it("tells the other tabs when it changes the password", async () => {
    const tab = anotherTab();
    const { user } = await openSecurity();
    await user.type(await screen.findByLabelText("Current password"), PASSWORD);
    await user.type(field("New password"), NEW_PASSWORD);
    await user.type(field("Confirm new password"), NEW_PASSWORD);
    await user.click(screen.getByRole("button", { name: "Change password" }));
    await screen.findByRole("heading", { level: 1, name: "Sign in to Coder" });
    await waitFor(() => expect(tab.heard).toEqual(["password-changed"]));
  });

  it("tells the other tabs when it signs out", async () => {
    const assign = vi.spyOn(fullPageNavigation, "assign").mockImplementation(() => {});
    const tab = anotherTab();
    const { user } = await openSecurity();
    await user.click(screen.getByRole("button", { name: "Sign out" }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith("/login?message=signed-out"));
    await waitFor(() => expect(tab.heard).toEqual(["signed-out"]));
  });
});

describe("a session that runs out on the security page", () => {
  async function typeAndExpire() {
    const app = await openSecurity();
    const { user } = app;
    await user.type(await screen.findByLabelText("Current password"), PASSWORD);
    await user.type(field("New password"), NEW_PASSWORD);
    await user.type(field("Confirm new password"), NEW_PASSWORD);
    mock.advanceClock(DAY + 60_000);
    await user.click(screen.getByRole("button", { name: "Change password" }));
    const dialog = await screen.findByRole("dialog", { name: "Your session has ended" });
    return { ...app, dialog };
  }

  it("offers sign-in in place, keeps what was typed, and carries on", async () => {
    const { user, dialog, location } = await typeAndExpire();
    expect(dialog).toHaveAccessibleDescription(/everything you typed/);
    expect(within(dialog).getByLabelText("Email")).toHaveValue("member@coder.com");
    expect(within(dialog).getByLabelText("Password", { selector: "input" })).toHaveFocus();
    // The account's email leaves the header; the form's alert doesn't repeat the dialog.
    expect(screen.getByText("Signed out", { selector: "header span" })).toBeVisible();
    expect(screen.queryByText("member@coder.com", { selector: "header span" })).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();

    await user.type(within(dialog).getByLabelText("Password", { selector: "input" }), PASSWORD);
    await user.click(within(dialog).getByRole("button", { name: "Sign in" }));
    await waitFor(() => expect(dialog).not.toHaveAttribute("open"));
    expect(
      await screen.findByText("You're signed in again. Carry on where you left off."),
    ).toBeInTheDocument();
    expect(location().pathname).toBe("/settings/security");
    expect(field("Current password")).toHaveValue(PASSWORD);
    expect(field("New password")).toHaveValue(NEW_PASSWORD);
    expect(field("Confirm new password")).toHaveValue(NEW_PASSWORD);

    await user.click(screen.getByRole("button", { name: "Change password" }));
    await screen.findByRole("heading", { level: 1, name: "Sign in to Coder" });
    expect(location().search).toBe("?message=password-updated");
  });

  it("a wrong password is said in the dialog, which stays", async () => {
    const { user, dialog } = await typeAndExpire();
    await user.type(within(dialog).getByLabelText("Password", { selector: "input" }), "nope");
    await user.click(within(dialog).getByRole("button", { name: "Sign in" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "Incorrect email or password.",
    );
    expect(dialog).toHaveAttribute("open");
    expect(field("New password")).toHaveValue(NEW_PASSWORD);
  });

  it("another account starts the page afresh", async () => {
    const { user, dialog } = await typeAndExpire();
    const email = within(dialog).getByLabelText("Email");
    await user.clear(email);
    await user.type(email, "admin@coder.com");
    await user.type(within(dialog).getByLabelText("Password", { selector: "input" }), PASSWORD);
    await user.click(within(dialog).getByRole("button", { name: "Sign in" }));
    expect(await screen.findByText("admin@coder.com", { selector: "header span" })).toBeVisible();
    expect(screen.queryByRole("dialog", { name: "Your session has ended" })).toBeNull();
    expect(await screen.findByLabelText("Current password")).toHaveValue("");
    expect(field("New password")).toHaveValue("");
    expect(screen.getByRole("heading", { level: 1, name: "Security" })).toHaveFocus();
  });

  it("closes by itself when another tab signs the same account in", async () => {
    const tab = anotherTab();
    const { dialog } = await typeAndExpire();
    await signInAs(mockServer, "member@coder.com");
    tab.say("signed-in");
    await waitFor(() => expect(dialog).not.toHaveAttribute("open"));
    expect(field("New password")).toHaveValue(NEW_PASSWORD);
  });

  it("sends a single sign-on account to the sign-in page (it has no password to type)", async () => {
    await signInWithSso(mockServer, "github", "github@coder.com");
    const { user, queryClient, location } = renderApp("/settings/security");
    await screen.findByText("Signed in with GitHub");
    mock.advanceClock(DAY + 60_000);
    // Whatever asks next (here: coming back to the tab) finds the session gone.
    await act(() => queryClient.invalidateQueries({ queryKey: ["me"], exact: true }));
    const dialog = await screen.findByRole("dialog", { name: "Your session has ended" });
    expect(dialog).toHaveAccessibleDescription(/signs in with GitHub/);
    expect(within(dialog).queryByLabelText("Password")).toBeNull();
    await user.click(within(dialog).getByRole("link", { name: "Go to sign in" }));
    await screen.findByRole("heading", { level: 1, name: "Sign in to Coder" });
    expect(search(location)).toEqual({ redirect: "/settings/security" });
  });
});
