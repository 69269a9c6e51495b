// The signed-in frame as deployed: static pages with no CSRF meta tag, so the token has to come
// from Coder's own page, fetched as the frame mounts; signing out leaves the app entirely.
import { configure, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setupMockCoder } from "../../../mock/test-setup.ts";
import { resetCsrfToken } from "../../api/csrf.ts";
import { setSessionHint } from "../../api/session-hint.ts";
import { fullPageNavigation } from "../../app/navigation.ts";
import { renderApp } from "../../testing/render-app.tsx";

// The first render waits for the lazily loaded pages' code.
configure({ asyncUtilTimeout: 5000 });

const { server } = setupMockCoder();
const seen: string[] = [];
server.events.on("request:start", ({ request }) => {
  seen.push(`${request.method} ${new URL(request.url).pathname}`);
});
const assign = vi.spyOn(fullPageNavigation, "assign").mockImplementation(() => {});

afterEach(() => {
  resetCsrfToken();
  seen.length = 0;
  assign.mockClear();
  localStorage.clear();
});

async function signIn(email: string) {
  const response = await fetch("/api/v2/users/login", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password: "SomeSecurePassword!" }),
  });
  expect(response.status).toBe(201);
  setSessionHint(true);
  seen.length = 0;
}

describe("SignedInLayout", () => {
  it("has Coder's CSRF token before anyone clicks, and signs out with it", async () => {
    expect(document.querySelector('meta[property="csrf-token"]')).toBeNull();
    await signIn("member@coder.com");
    const { user } = renderApp("/settings/security");
    const signOut = await screen.findByRole("button", { name: "Sign out" });
    await waitFor(() => expect(seen).toContain("GET /"));

    await user.click(signOut);
    await waitFor(() => expect(assign).toHaveBeenCalledWith("/login?message=signed-out"));
    // One logout, accepted the first time: the token was already there.
    expect(seen.filter((line) => line === "POST /api/v2/users/logout")).toHaveLength(1);
    expect(seen.filter((line) => line === "GET /")).toHaveLength(1);
    expect((await fetch("/api/v2/users/me")).status).toBe(401);
  });

  it("links to Coder's dashboard with a plain link (a full page load)", async () => {
    await signIn("member@coder.com");
    renderApp("/settings/security");
    const dashboard = await screen.findByRole("link", { name: "Dashboard" });
    expect(dashboard).toHaveAttribute("href", "/");
    expect(screen.queryByRole("link", { name: "Home" })).toBeNull();
  });
});
