import { act, configure, screen, waitFor } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setupMockCoder } from "../../../mock/test-setup.ts";
import { handleSessionEvent } from "../../api/session.ts";
import { setSessionHint } from "../../api/session-hint.ts";
import { renderApp } from "../../testing/render-app.tsx";
import { PASSWORD, signInAs, withCsrfMeta } from "../../testing/session.ts";

const TOKEN = /^[0-9A-Za-z]{10}-[0-9A-Za-z]{22}$/;

// The whole app with lazy routes and real handlers, on a busy machine.
configure({ asyncUtilTimeout: 10_000 });
vi.setConfig({ testTimeout: 30_000 });

const mockServer = setupMockCoder();
const { server } = mockServer;
let keyRequests = 0;
server.events.on("request:start", ({ request }) => {
  if (request.method === "POST" && new URL(request.url).pathname === "/api/v2/users/me/keys")
    keyRequests++;
});

afterEach(() => {
  keyRequests = 0;
  localStorage.clear();
  sessionStorage.clear();
  vi.restoreAllMocks();
});

const tokenField = () => screen.findByLabelText("Session token", {}, { timeout: 10_000 });

async function openSignedIn(options: { strict?: boolean } = {}) {
  await signInAs(mockServer, "member@coder.com");
  const app = renderApp("/cli-auth", options);
  const field = (await tokenField()) as HTMLInputElement;
  return { ...app, field };
}

/** Stands in for the browser's clipboard (after user-event has put its own in place). */
function setClipboard(clipboard: { writeText: (text: string) => Promise<void> } | undefined) {
  Object.defineProperty(navigator, "clipboard", { value: clipboard, configurable: true });
}

/** Who a token signs in, asked with the token alone (no cookie). */
async function ownerOf(token: string) {
  const response = await fetch("/api/v2/users/me", {
    headers: { "Coder-Session-Token": token },
    credentials: "omit",
  });
  return response.ok ? ((await response.json()) as { email: string }).email : response.status;
}

describe("/cli-auth", () => {
  it("signed out, goes through sign-in and comes back for a token", async () => {
    // The page as Coder serves it: with its CSRF token.
    withCsrfMeta(mockServer);
    const { user, location } = renderApp("/cli-auth");
    await screen.findByRole("heading", { level: 1, name: "Sign in to Coder" });
    expect(location().pathname).toBe("/login");
    expect(location().search).toBe("?redirect=%2Fcli-auth");
    expect(keyRequests).toBe(0);
    await user.type(screen.getByLabelText("Email"), "member@coder.com");
    await user.type(screen.getByLabelText("Password", { selector: "input" }), PASSWORD);
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    const field = (await tokenField()) as HTMLInputElement;
    expect(location().pathname).toBe("/cli-auth");
    expect(field.value).toMatch(TOKEN);
    expect(await ownerOf(field.value)).toBe("member@coder.com");
  });

  it("makes exactly one token per visit, even with React's double effects", async () => {
    const { field } = await openSignedIn({ strict: true });
    // Give a second request every chance to go out.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(keyRequests).toBe(1);
    expect(field).toHaveAttribute("readonly");
    expect(field.value).toMatch(TOKEN);
    expect(screen.getByText(/paste it into your terminal/)).toBeVisible();
    expect(screen.getByText("member@coder.com")).toBeVisible();
  });

  it("one token too when the page mounts already knowing who is signed in (double effects run)", async () => {
    await signInAs(mockServer, "member@coder.com");
    setSessionHint(true);
    // The sign-in page finds the session and moves on: /cli-auth mounts with users/me cached.
    const { location } = renderApp("/login?redirect=%2Fcli-auth", { strict: true });
    const field = (await tokenField()) as HTMLInputElement;
    expect(location().pathname).toBe("/cli-auth");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(keyRequests).toBe(1);
    expect(field.value).toMatch(TOKEN);
  });

  it("keeps the token out of the URL, storage and, once the page is gone, every cache", async () => {
    const { field, location, queryClient, unmount } = await openSignedIn();
    const token = field.value;
    const outsideThePage = () =>
      JSON.stringify({
        url: location(),
        local: { ...localStorage },
        session: { ...sessionStorage },
        cookies: document.cookie,
        queries: queryClient
          .getQueryCache()
          .getAll()
          .map((q) => [q.queryKey, q.state.data]),
      });
    const mutations = () =>
      JSON.stringify(
        queryClient
          .getMutationCache()
          .getAll()
          .map((m) => m.state),
      );
    expect(outsideThePage()).not.toContain(token);
    // While the page is open its mutation holds the token; leaving the page drops it.
    expect(mutations()).toContain(token);
    unmount();
    await waitFor(() => expect(mutations()).not.toContain(token));
    expect(outsideThePage()).not.toContain(token);
    expect(document.body.textContent).not.toContain(token);
  });

  it("copies with the Clipboard API and says so politely", async () => {
    const { field, user } = await openSignedIn();
    const writeText = vi.fn(async (_text: string) => {});
    setClipboard({ writeText });
    await user.click(screen.getByRole("button", { name: "Copy" }));
    expect(writeText).toHaveBeenCalledWith(field.value);
    const status = screen.getByRole("status");
    expect(status).toHaveTextContent("Copied");
    expect(status).not.toHaveAttribute("aria-live", "assertive");
  });

  it("falls back to the copy command where the Clipboard API is missing (plain http)", async () => {
    const { field, user } = await openSignedIn();
    setClipboard(undefined);
    const execCommand = vi.fn((_command: string) => true);
    document.execCommand = execCommand;
    await user.click(screen.getByRole("button", { name: "Copy" }));
    expect(execCommand).toHaveBeenCalledWith("copy");
    // The command copies the selection: the whole token.
    expect(field.selectionStart).toBe(0);
    expect(field.selectionEnd).toBe(field.value.length);
    expect(screen.getByRole("status")).toHaveTextContent("Copied");
  });

  it("when copying is refused, selects the token and says how to copy it by hand", async () => {
    const { field, user } = await openSignedIn();
    setClipboard({
      writeText: async () => {
        throw new DOMException("Write permission denied.", "NotAllowedError");
      },
    });
    document.execCommand = vi.fn(() => false);
    await user.click(screen.getByRole("button", { name: "Copy" }));
    expect(await screen.findByRole("status")).toHaveTextContent(/press Ctrl\+C \(⌘C on a Mac\)/);
    expect(field).toHaveFocus();
    expect(field.selectionStart).toBe(0);
    expect(field.selectionEnd).toBe(field.value.length);
  });

  it("says when no token could be made, and trying again works", async () => {
    server.use(
      http.post("*/api/v2/users/me/keys", () =>
        HttpResponse.json({ message: "Failed to create API key." }, { status: 500 }),
      ),
    );
    await signInAs(mockServer, "member@coder.com");
    const { user } = renderApp("/cli-auth");
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Failed to create API key.");
    expect(alert).toHaveTextContent("No token was made for the CLI.");
    server.resetHandlers();
    await user.click(screen.getByRole("button", { name: "Try again" }));
    const field = (await tokenField()) as HTMLInputElement;
    expect(await ownerOf(field.value)).toBe("member@coder.com");
  });

  it("a rate limit is a wait, not loading: the button keeps its name, without a spinner", async () => {
    server.use(
      http.post("*/api/v2/users/me/keys", () =>
        HttpResponse.json(
          { message: "You've been rate limited for sending more than 60 requests in 1m0s." },
          { status: 429, headers: { "Retry-After": "30" } },
        ),
      ),
    );
    await signInAs(mockServer, "member@coder.com");
    renderApp("/cli-auth");
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Too many attempts. You can try again in 30 seconds.",
    );
    const retry = screen.getByRole("button", { name: "Try again" });
    expect(retry).toHaveAttribute("aria-disabled", "true");
    expect(retry.querySelector(".spinner")).toBeNull();
    expect(retry).toHaveTextContent(/\(\d+ s\)/);
  });

  it("drops the token and offers sign-in when another tab signs out", async () => {
    const { field, location, queryClient } = await openSignedIn();
    const token = field.value;
    act(() => handleSessionEvent(queryClient, "signed-out"));
    await screen.findByRole("heading", { level: 1, name: "Sign in to Coder" });
    expect(location().pathname).toBe("/login");
    expect(new URLSearchParams(location().search).get("redirect")).toBe("/cli-auth");
    expect(new URLSearchParams(location().search).get("message")).toBe("signed-out");
    expect(document.body.textContent).not.toContain(token);
  });
});
