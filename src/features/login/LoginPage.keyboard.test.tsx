// The sign-in page's order, keyboard and focus, what automation written for Coder finds on it,
// and its footer.
import { configure, screen, waitFor, within } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setupMockCoder } from "../../../mock/test-setup.ts";
import { fullPageNavigation } from "../../app/navigation.ts";
import { renderApp } from "../../testing/render-app.tsx";

configure({ asyncUtilTimeout: 5000 });
const PASSWORD = "SomeSecurePassword!";
const { mock, server } = setupMockCoder();
const logins: unknown[] = [];
server.events.on("request:start", async ({ request }) => {
  if (new URL(request.url).pathname === "/api/v2/users/login")
    logins.push(await request.clone().json());
});

afterEach(() => {
  localStorage.clear();
  logins.length = 0;
});

/** Once the deployment's sign-in methods are in (before that, the page shows the form alone). */
async function methodsLoaded(view: ReturnType<typeof renderApp>) {
  await waitFor(() =>
    expect(view.queryClient.getQueryState(["authMethods"])?.status).toBe("success"),
  );
}

async function renderLogin(path = "/login") {
  const view = renderApp(path);
  await screen.findByLabelText("Email");
  await methodsLoaded(view);
  return view;
}

describe("the sign-in page's layout and keyboard", { timeout: 30_000 }, () => {
  // The prerendered page can't know the providers: they come below what it shows, so their
  // arrival pushes no control (e2e/loading.spec.ts measures it).
  it("puts the password form first, then 'or', then the providers", async () => {
    await renderLogin();
    const main = screen.getByRole("main");
    const github = within(main).getByRole("link", { name: "Sign in with GitHub" });
    const or = within(main).getByText("or");
    const forgot = within(main).getByRole("link", { name: "Forgot password?" });
    const follows = (a: Node, b: Node) =>
      Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
    expect(follows(forgot, or)).toBe(true);
    expect(follows(or, github)).toBe(true);
  });

  it("tabs through email, password, show/hide, Sign in, then 'Forgot password?'", async () => {
    mock.config.github = false;
    mock.config.oidc = false;
    const { user } = await renderLogin();
    // Looked up each time: the form's code arrives on the first key and takes over the fields.
    const order = [
      () => screen.getByLabelText("Email"),
      () => screen.getByLabelText("Password", { selector: "input" }),
      () => screen.getByRole("button", { name: "Show password" }),
      () => screen.getByRole("button", { name: "Sign in" }),
      () => screen.getByRole("link", { name: "Forgot password?" }),
    ];
    // The email field has the cursor already (the form is the only way in).
    await waitFor(() => expect(order[0]?.()).toHaveFocus());
    for (const next of order.slice(1)) {
      await user.tab();
      await waitFor(() => expect(next()).toHaveFocus());
    }
  });

  it("signs in with the habit: email, Tab, password, Enter (never the reset page)", async () => {
    mock.config.github = false;
    mock.config.oidc = false;
    const assign = vi.spyOn(fullPageNavigation, "assign").mockImplementation(() => {});
    const { user, location } = await renderLogin();
    await waitFor(() => expect(screen.getByLabelText("Email")).toHaveFocus());
    await user.keyboard(`member@coder.com{Tab}${PASSWORD}{Enter}`);
    await waitFor(() =>
      expect(logins).toEqual([{ email: "member@coder.com", password: PASSWORD }]),
    );
    // On to Coder's dashboard, never the reset page.
    await waitFor(() => expect(assign).toHaveBeenCalledWith("/"));
    expect(location().pathname).toBe("/login");
    assign.mockRestore();
  });

  it("signs in with Enter in the email field too", async () => {
    const { user } = await renderLogin();
    await user.type(screen.getByLabelText("Password", { selector: "input" }), PASSWORD);
    await user.type(screen.getByLabelText("Email"), "member@coder.com{Enter}");
    await waitFor(() => expect(logins).toHaveLength(1));
  });

  it("puts the cursor in Email when there are providers too, as Coder's page does", async () => {
    await renderLogin();
    await screen.findByRole("link", { name: "Sign in with GitHub" });
    await waitFor(() => expect(screen.getByLabelText("Email")).toHaveFocus());
  });

  it("does not take the cursor from someone already typing", async () => {
    mock.config.github = false;
    mock.config.oidc = false;
    const view = renderApp("/login");
    // Typing into the password before the deployment's methods arrive.
    await view.user.click(await screen.findByLabelText("Password", { selector: "input" }));
    await view.user.keyboard("abc");
    await methodsLoaded(view);
    expect(screen.getByLabelText("Password", { selector: "input" })).toHaveFocus();
  });

  it("after an outage, focuses the message (there is nothing to retype)", async () => {
    const { user } = await renderLogin();
    server.use(
      http.post(
        "/api/v2/users/login",
        () => HttpResponse.json({ message: "Internal error." }, { status: 500 }),
        { once: true },
      ),
    );
    await user.type(screen.getByLabelText("Email"), "member@coder.com");
    await user.type(screen.getByLabelText("Password", { selector: "input" }), `${PASSWORD}{Enter}`);
    const alert = await screen.findByRole("alert");
    await waitFor(() => expect(alert).toHaveFocus());
  });
});

describe("automation written for Coder", { timeout: 30_000 }, () => {
  it("finds exactly one Email, one Password and one Sign In button, as Playwright matches them", async () => {
    await renderLogin();
    // Playwright's getByLabel and getByRole name match substrings, ignoring case.
    expect(screen.getAllByLabelText(/email/i)).toHaveLength(1);
    expect(screen.getAllByLabelText(/password/i)).toEqual([
      screen.getByLabelText("Password", { selector: "input" }),
    ]);
    expect(screen.getAllByRole("button", { name: /sign in/i })).toEqual([
      screen.getByRole("button", { name: "Sign in" }),
    ]);
    expect(screen.getByRole("button", { name: "Sign in" })).toHaveAttribute("type", "submit");
  });
});

describe("the footer", { timeout: 30_000 }, () => {
  it("shows the server's version", async () => {
    await renderLogin();
    expect(await screen.findByText(/^Coder v\d/)).toBeInTheDocument();
    expect(screen.getByRole("contentinfo")).toHaveTextContent(/Coder v\d/);
  });

  it("links the terms of service once they are accepted", async () => {
    mock.config.termsOfServiceUrl = "https://acme.example/terms";
    const { user } = renderApp("/login");
    const agree = await screen.findByRole("button", { name: "I agree" });
    expect(within(screen.getByRole("contentinfo")).queryByRole("link")).toBeNull();
    await user.click(agree);
    const terms = within(screen.getByRole("contentinfo")).getByRole("link", {
      // (jsdom drops the space that starts the visually hidden part; browsers keep it.)
      name: /^Terms of Service ?\(opens in a new tab\)$/,
    });
    expect(terms).toHaveAttribute("href", "https://acme.example/terms");
    expect(terms).toHaveAttribute("rel", "noreferrer noopener");
  });
});
