import { QueryClientProvider } from "@tanstack/react-query";
import { configure, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http } from "msw";
import type { ComponentType } from "react";
import { Link, MemoryRouter, useLocation } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setupMockCoder } from "../../mock/test-setup.ts";
import { queryKeys } from "../api/keys.ts";
import { setSessionHint } from "../api/session-hint.ts";
import { renderApp, renderInRouter } from "../testing/render-app.tsx";
import { signInAs } from "../testing/session.ts";
import { createQueryClient } from "./query-client.ts";
import { AppRoutes, RouteErrorBoundary } from "./router.tsx";
import { pages, startPage, TAKEOVER_WAIT_MS } from "./routes.ts";

// The whole app with lazy pages: allow more than a second on a busy machine.
configure({ asyncUtilTimeout: 5000 });

const mockServer = setupMockCoder();
const { server, mock } = mockServer;
const requested: string[] = [];
server.events.on("request:start", ({ request }) => {
  requested.push(`${request.method} ${new URL(request.url).pathname.replace("/api/v2", "")}`);
});
afterEach(() => {
  requested.length = 0;
  localStorage.clear();
  vi.restoreAllMocks();
});

const heading = (name: string | RegExp) => screen.findByRole("heading", { level: 1, name });

/** A download that finishes when the test says so. */
function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe("data and code start together", () => {
  it("on the first load: a signed-in page's data is asked for before its code is in", async () => {
    setSessionHint(true);
    const security = pages["/settings/security"];
    if (!security) throw new Error("no security page");
    const code = deferred<ComponentType>();
    vi.spyOn(security, "preload").mockReturnValue(code.promise);
    const queryClient = createQueryClient();
    let ready = false;
    const started = startPage("/settings/security", queryClient).then(() => {
      ready = true;
    });
    await waitFor(() =>
      expect(requested).toEqual(
        expect.arrayContaining([
          "GET /users/me",
          "POST /authcheck",
          "GET /users/me/login-type",
          "GET /users/authmethods",
        ]),
      ),
    );
    expect(ready).toBe(false);
    code.resolve(() => null);
    await started;
    expect(ready).toBe(true);
    expect(queryClient.getQueryState(queryKeys.me)).toBeDefined();
  });

  it("on navigation: the next page's data starts while its code is still downloading", async () => {
    const { user, queryClient } = renderApp("/login");
    await heading("Sign in to Coder");
    const next = pages["/reset-password"];
    if (!next) throw new Error("no reset page");
    const code = deferred<ComponentType>();
    const real = next.preload;
    vi.spyOn(next, "preload").mockReturnValue(code.promise);
    // The sign-in page already asked for these; forget them so the next page must ask again.
    queryClient.removeQueries({ queryKey: queryKeys.authMethods });
    requested.length = 0;

    await user.click(screen.getByRole("link", { name: /Forgot/ }));
    await waitFor(() => expect(requested).toContain("GET /users/authmethods"));
    // Still on the previous page: the navigation waits for the code, the data did not.
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Sign in to Coder");

    code.resolve(await real());
    expect(await heading("Reset your password")).toBeInTheDocument();
  });
});

describe("the first load of /login waits for the sign-in providers", () => {
  /** Authmethods answered by the mock once the test says so. */
  function holdAuthMethods() {
    const gate = deferred<void>();
    server.use(
      http.get("*/api/v2/users/authmethods", async ({ request }) => {
        await gate.promise;
        return mock.handle(request, { clientIp: "127.0.0.1" });
      }),
    );
    return gate;
  }
  function track(promise: Promise<void>) {
    const state = { done: false };
    void promise.then(() => {
      state.done = true;
    });
    return state;
  }
  const login = () => {
    const route = pages["/login"];
    if (!route) throw new Error("no sign-in page");
    return route;
  };

  it("so that their buttons come with the takeover, not after it under the pointer", async () => {
    mock.config.github = true;
    const gate = holdAuthMethods();
    const queryClient = createQueryClient();
    const started = track(startPage("/login", queryClient, { firstLoad: true }));
    await login().preload();
    await waitFor(() => expect(requested).toContain("GET /users/authmethods"));
    await new Promise((done) => setTimeout(done, 50));
    expect(started.done).toBe(false);
    gate.resolve();
    await waitFor(() => expect(started.done).toBe(true));
    expect(queryClient.getQueryData(queryKeys.authMethods)).toMatchObject({
      github: { enabled: true },
    });
  });

  it(`but no longer than ${TAKEOVER_WAIT_MS} ms: the prerendered page is all they see meanwhile`, async () => {
    holdAuthMethods();
    await login().preload();
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const started = track(startPage("/login", createQueryClient(), { firstLoad: true }));
      await vi.advanceTimersByTimeAsync(TAKEOVER_WAIT_MS - 1);
      expect(started.done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(started.done).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("and a refused answer does not hold it up (no timer needs to run out)", async () => {
    server.use(
      http.get("*/api/v2/users/authmethods", () =>
        Response.json({ message: "no" }, { status: 400 }),
      ),
    );
    await login().preload();
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const started = track(startPage("/login", createQueryClient(), { firstLoad: true }));
      for (let turn = 0; turn < 500 && !started.done; turn++)
        await new Promise((done) => setImmediate(done));
      expect(started.done).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("an in-app navigation to it does not wait: the page it leaves is the app's own", async () => {
    holdAuthMethods();
    await login().preload();
    await startPage("/login", createQueryClient());
  });
});

describe("routes", () => {
  it("sends a signed-out visitor of a signed-in page to sign in, and back afterwards", async () => {
    const { location } = renderApp("/settings/security");
    expect(await heading("Sign in to Coder")).toBeInTheDocument();
    expect(location().pathname).toBe("/login");
    // No "session ended" notice: there was no session.
    expect(location().search).toBe("?redirect=%2Fsettings%2Fsecurity");
  });

  it("answers /.well-known/change-password with the security settings", async () => {
    await signInAs(mockServer, "member@coder.com");
    const { location } = renderApp("/.well-known/change-password");
    expect(await heading("Security")).toBeInTheDocument();
    expect(location().pathname).toBe("/settings/security");
  });

  it("shows the not-found page for a path the app doesn't have, and keeps the address", async () => {
    const { location } = renderApp("/reset-password/elsewhere");
    expect(await heading("Page not found")).toBeInTheDocument();
    expect(location().pathname).toBe("/reset-password/elsewhere");
  });

  it("treats an owned page that isn't built yet as unknown", async () => {
    const unbuilt = Object.entries(pages).find(([, route]) => route === null)?.[0];
    if (!unbuilt) return; // every owned page is built
    renderApp(unbuilt);
    expect(await heading("Page not found")).toBeInTheDocument();
  });

  it("moves focus to the new page's heading after an in-app navigation", async () => {
    // A sign-in page with nothing to type yet: the terms come first.
    mock.config.termsOfServiceUrl = "https://example.com/terms";
    const { user } = renderApp("/reset-password");
    await user.click(await screen.findByRole("link", { name: "Back to sign in" }));
    const next = await heading("Sign in to Coder");
    await waitFor(() => expect(next).toHaveFocus());
  });

  // Issue 21: it went to the heading, one Tab away from the field, as Coder's page does not.
  it("after 'Forgot password?', puts the cursor in Email, the typed address in it", async () => {
    mock.config.github = false;
    mock.config.oidc = false;
    const { user } = renderApp("/login");
    await user.type(await screen.findByLabelText("Email"), "member@coder.com");
    await user.click(screen.getByRole("link", { name: "Forgot password?" }));
    await heading("Reset your password");
    const email = screen.getByLabelText("Email");
    await waitFor(() => expect(email).toHaveFocus());
    expect(email).toHaveValue("member@coder.com");
  });
});

describe("a page whose code could not be downloaded", () => {
  it("says so, and downloads it again on the next visit", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    // A page no other test here opens: React.lazy keeps a page it has once loaded.
    const change = pages["/reset-password/change"];
    if (!change) throw new Error("no change page");
    const real = change.preload;
    let online = false;
    vi.spyOn(change, "preload").mockImplementation(() =>
      online
        ? real()
        : Promise.reject(new TypeError("Failed to fetch dynamically imported module")),
    );
    const { user } = renderInRouter(
      "/login",
      <>
        <AppRoutes />
        <Link to="/reset-password/change">Choose a new password</Link>
        <Link to="/login">Back to sign-in</Link>
      </>,
    );
    await heading("Sign in to Coder");
    await user.click(screen.getByRole("link", { name: "Choose a new password" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Part of this page couldn't be downloaded. Check your connection and try again.",
    );

    online = true;
    await user.click(screen.getByRole("link", { name: "Back to sign-in" }));
    await heading("Sign in to Coder");
    await user.click(screen.getByRole("link", { name: "Choose a new password" }));
    expect(await heading("Choose a new password")).toBeInTheDocument();
  });
});

describe("RouteErrorBoundary", () => {
  function Broken(): never {
    throw new TypeError("Failed to fetch dynamically imported module: /auth-ui/Page-x.js");
  }

  function Shell() {
    const { pathname } = useLocation();
    return (
      <>
        <RouteErrorBoundary resetKey={pathname}>
          {pathname === "/broken" ? <Broken /> : <h1>Fine</h1>}
        </RouteErrorBoundary>
        <Link to="/fine">Elsewhere</Link>
      </>
    );
  }

  it("says a page's code could not be downloaded, and forgets it on navigation", async () => {
    // React reports the caught error on the console; that is expected here.
    vi.spyOn(console, "error").mockImplementation(() => {});
    // As in the app: the error page is a signed-out page, with the deployment's branding.
    render(
      <QueryClientProvider client={createQueryClient()}>
        <MemoryRouter initialEntries={["/broken"]}>
          <Shell />
        </MemoryRouter>
      </QueryClientProvider>,
    );
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Part of this page couldn't be downloaded. Check your connection and try again.",
    );
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Something went wrong");
    expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();

    await userEvent.setup().click(screen.getByRole("link", { name: "Elsewhere" }));
    expect(await heading("Fine")).toBeInTheDocument();
  });
});
